import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import { DomainError } from '../../platform/errors.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { listMailAccountsOfContracts } from '../mail/index.ts';
import { findCustomerContract, listCustomerPortfolio } from './contract.service.ts';
import { CredentialsPage, DomainsPage } from './domains.views.tsx';

export async function domainRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { db } = deps;
  const guard = { preHandler: deps.guards.confirmedCustomer };

  /** The contract, if it belongs to the logged-in customer; otherwise the same 404 as a missing one. */
  async function ownContract(customerId: number, number: string) {
    const contract = /^\d{1,12}$/.test(number) ? await findCustomerContract(db, customerId, number) : undefined;
    if (!contract) throw new DomainError('not_found', 'error.notFound');
    return contract;
  }

  app.get('/domains', guard, async (request, reply) => {
    const customer = request.customer!;
    const contracts = await listCustomerPortfolio(db, customer.id);
    const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
    return sendPage(reply, <DomainsPage ctx={viewContext(request, reply)} name={name} contracts={contracts} />);
  });

  // "Paket verwalten" (POST /contracts/:number/panel, the Plesk single sign-on) and the Plesk
  // mailboxes live in features/panel, which sits above contracts.

  app.get<{ Params: { number: string } }>('/contracts/:number/zugangsdaten', guard, async (request, reply) => {
    const contract = await ownContract(request.customer!.id, request.params.number);
    if (contract.panel !== 'mailadmin') throw new DomainError('not_found', 'error.notFound');
    const accounts = await listMailAccountsOfContracts(db, [contract.id]);
    return sendPage(reply, <CredentialsPage ctx={viewContext(request, reply)} contract={contract} accounts={accounts} server={deps.config.mailServer} />);
  });
}
