import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import type { ThrottleRule } from '../../platform/throttle.ts';
import { actorOf } from '../accounts/index.ts';
import { findMailContract, parseDomainName } from '../contracts/index.ts';
import type { DnsChecker } from './dns-check.service.ts';
import { dnsCheckPolicy } from './dns-check.policies.ts';
import { findCheckableDomain, type CheckableDomain } from './dns-check.repository.ts';
import { DnsCheckPage } from './dns-check.page.tsx';

export interface DnsCheckRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  checker: DnsChecker;
  /** How old a cached result may be, for the page's words. */
  cacheSeconds: number;
}

/** "Neu prüfen" asks the DNS again, past the cache: per person and per client address. */
const RECHECK_ACTOR_RULE: ThrottleRule = { scope: 'dns-recheck-actor', limit: 10, windowMs: 10 * 60_000 };
const RECHECK_IP_RULE: ThrottleRule = { scope: 'dns-recheck-ip', limit: 30, windowMs: 10 * 60_000 };

type DomainRoute = { Params: { domain: string } };
const Recheck = z.object({});

/** The ASCII form of the name in the URL (Unicode is taken too), or null for anything that is no domain. */
function asciiOf(raw: string): string | null {
  try {
    return parseDomainName(raw).ascii;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** The DNS check of a mail domain: for its customer from Domainverwaltung, and for staff. */
export const dnsCheckRoutes: FastifyPluginAsync<DnsCheckRouteDeps> = async (app, deps) => {
  const { db, clock, guards, checker } = deps;
  const recheckLimits = throttleRequests(db, clock, [
    { rule: RECHECK_IP_RULE, keyOf: byIp },
    { rule: RECHECK_ACTOR_RULE, keyOf: (r) => (r.session?.customerId ? `customer:${r.session.customerId}` : r.session?.staffId ? `staff:${r.session.staffId}` : null) },
  ]);

  async function loadDomain(request: FastifyRequest<DomainRoute>): Promise<CheckableDomain> {
    const ascii = asciiOf(request.params.domain);
    const domain = ascii ? await findCheckableDomain(db, ascii) : undefined;
    if (!domain) throw new DomainError('not_found', 'error.notFound');
    dnsCheckPolicy.authorize(actorOf(request), 'checkDomain', domain);
    // Mail of a Plesk tariff lives on its Plesk server, not on ours: our records do not apply there.
    const contract = await findMailContract(db, domain.contractId);
    if (contract?.panel !== 'mailadmin') throw new DomainError('not_found', 'error.notFound');
    return domain;
  }

  for (const side of ['customer', 'staff'] as const) {
    const pathOf = (domain: CheckableDomain) => `${side === 'staff' ? '/staff' : ''}/domains/${domain.nameAscii}/dns`;
    const guard = side === 'staff' ? guards.staff : guards.confirmedCustomer;
    const back = (domain: CheckableDomain) => (side === 'staff' ? { href: `/staff/customers/${domain.customerNumber}`, customer: domain.customerNumber } : { href: '/domains', customer: null });

    const showPage = (request: FastifyRequest<DomainRoute>, reply: FastifyReply, domain: CheckableDomain, result: Awaited<ReturnType<DnsChecker['check']>>) =>
      sendPage(
        reply,
        <DnsCheckPage ctx={viewContext(request, reply)} domain={domain} result={result} cacheSeconds={deps.cacheSeconds} action={pathOf(domain)} back={back(domain)} staff={side === 'staff'} />,
      );

    app.get<DomainRoute>(`${side === 'staff' ? '/staff' : ''}/domains/:domain/dns`, { preHandler: guard }, async (request, reply) => {
      const domain = await loadDomain(request);
      return showPage(request, reply, domain, await checker.check(domain.nameAscii));
    });

    // The fresh result is shown in the answer itself, not after a redirect: the cache is per
    // process, and the next request may reach another one that still holds the older result.
    const recheck = formRoute<typeof Recheck, CheckableDomain, DomainRoute>({
      schema: Recheck,
      load: (request) => loadDomain(request),
      async run(_input, domain, request, reply) {
        const result = await checker.check(domain.nameAscii, { fresh: true });
        setFlash(request, 'success', 'dnsCheck.recheckDone');
        return showPage(request, reply, domain, result);
      },
      async render(_form, domain, request, reply) {
        return showPage(request, reply, domain, await checker.check(domain.nameAscii));
      },
    });
    app.post<DomainRoute>(`${side === 'staff' ? '/staff' : ''}/domains/:domain/dns`, { preHandler: [guard, recheckLimits] }, recheck);
  }
};
