import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { listCustomerPortfolio } from './contract.service.ts';
import { DomainsPage } from './domains.views.tsx';

export async function domainRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { db } = deps;
  const guard = { preHandler: deps.guards.confirmedCustomer };

  app.get('/domains', guard, async (request, reply) => {
    const customer = request.customer!;
    const contracts = await listCustomerPortfolio(db, customer.id);
    const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
    return sendPage(reply, <DomainsPage ctx={viewContext(request, reply)} name={name} contracts={contracts} />);
  });

  // "Paket verwalten" (POST /contracts/:number/panel, the Plesk single sign-on) and the Plesk
  // mailboxes live in features/panel, which sits above contracts.
}
