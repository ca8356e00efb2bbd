import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Guards } from '../../platform/http/route-deps.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { listCustomerPortfolio } from './contract.service.ts';
import { DomainsPage } from './domains.views.tsx';

export interface DomainRouteDeps {
  db: Db;
  guards: Guards;
}

export const domainRoutes: FastifyPluginAsync<DomainRouteDeps> = async (app, deps) => {
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
};
