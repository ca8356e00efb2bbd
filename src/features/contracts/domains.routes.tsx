import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Guards } from '../../platform/http/route-deps.ts';
import { createPageCache } from '../../platform/http/page-cache.ts';
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

  // The Domainverwaltung is every customer's first page: rendered once per portfolio version.
  const pages = createPageCache();

  async function showDomains(request: FastifyRequest, reply: FastifyReply) {
    const customer = request.customer!;
    // The guard let a logged-in customer through; the portfolio shown is always their own.
    const actor: Actor = { kind: 'customer', customerId: customer.id };
    contractsPolicy.authorize(actor, 'readPortfolio', { customerId: customer.id });
    // The version covers the contracts, domains, tariffs and panel servers shown (migration 020);
    // the cache adds the viewer (customer number and name), the language and the path.
    return pages.send(request, reply, String(customer.portfolioVersion), async (ctx) => {
      const contracts = await listCustomerPortfolio(db, customer.id);
      const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
      return <DomainsPage ctx={ctx} name={name} contracts={contracts} />;
    });
  }

  app.get('/domains', { preHandler: deps.guards.confirmedCustomer }, showDomains);
  // "Paket verwalten" (POST /contracts/:number/panel, the Plesk single sign-on) and the Plesk
  // mailboxes live in features/panel, which sits above contracts.
};
