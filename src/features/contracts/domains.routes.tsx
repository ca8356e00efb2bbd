import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Guards } from '../../platform/http/route-deps.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import type { Actor } from '../../platform/policy.ts';
import { listCustomerPortfolio } from './contract.service.ts';
import { contractsPolicy } from './contracts.policies.ts';
import { DomainsPage } from './domains.page.tsx';

export interface DomainRouteDeps {
  db: Db;
  guards: Guards;
}

export const domainRoutes: FastifyPluginAsync<DomainRouteDeps> = async (app, deps) => {
  const { db } = deps;

  async function showDomains(request: FastifyRequest, reply: FastifyReply) {
    const customer = request.customer!;
    // The guard let a logged-in customer through; the portfolio shown is always their own.
    const actor: Actor = { kind: 'customer', customerId: customer.id };
    contractsPolicy.authorize(actor, 'readPortfolio', { customerId: customer.id });
    const contracts = await listCustomerPortfolio(db, customer.id);
    const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
    return sendPage(reply, <DomainsPage ctx={viewContext(request, reply)} name={name} contracts={contracts} />);
  }

  app.get('/domains', { preHandler: deps.guards.confirmedCustomer }, showDomains);
  // "Paket verwalten" (POST /contracts/:number/panel, the Plesk single sign-on) and the Plesk
  // mailboxes live in features/panel, which sits above contracts.
};
