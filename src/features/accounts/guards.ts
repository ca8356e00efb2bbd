import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Customer, StaffUser } from './accounts.tables.ts';
import type { SignedInCustomer } from './session-reader.ts';
import { DomainError } from '../../platform/errors.ts';
import { getCustomer } from './customer.service.ts';
import { getStaffUser } from './staff.service.ts';
import { isConfirmationDue } from './master-data.ts';
import { endStaleLogin } from './login-session.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actorOf } from './actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    customer?: SignedInCustomer;
    staff?: StaffUser;
  }
}

/**
 * Loads the logged-in customer or staff user once per request (after the session timeouts ran),
 * for the page header and for the guards below. A session opened with credentials that have
 * changed since (another credential generation) ends here, on its first request afterwards.
 */
export function registerPrincipal(app: FastifyInstance, db: Db, sessions?: { loadedSubject(sessionId: string): SignedInCustomer | undefined }): void {
  app.addHook('onRequest', async (request, reply) => {
    const { customerId, staffId } = request.session ?? {};
    // The session store reads the customer with the session in one query; the row read in this
    // request counts only if it is the session's customer.
    const loaded = request.session?.sessionId ? sessions?.loadedSubject(request.session.sessionId) : undefined;
    const recorded = request.session?.generation ?? 0;
    if (customerId) {
      const c = loaded?.id === customerId ? loaded : await getCustomer(db, customerId);
      if (c && c.credentialGeneration !== recorded) {
        if ((await endStaleLogin(request, reply, '/login')) === 'answered') return reply;
        return;
      }
      if (c) {
        request.customer = c;
        request.viewer = { kind: 'customer', customerNumber: c.customerNumber, name: `${c.firstName} ${c.lastName}`.trim() || c.email };
      }
    } else if (staffId) {
      const s = await getStaffUser(db, staffId);
      if (s && s.credentialGeneration !== recorded) {
        if ((await endStaleLogin(request, reply, '/staff/login')) === 'answered') return reply;
        return;
      }
      if (s) {
        request.staff = s;
        request.viewer = { kind: 'staff', login: s.login, role: s.role };
      }
    }
  });
}

/**
 * The logged-in customer's whole row, for the pages that show or check more than every request
 * needs (request.customer, read with the session): master data, the customer password typed again.
 */
export async function ownCustomerRow(db: Db, request: FastifyRequest): Promise<Customer> {
  const customer = request.customer ? await getCustomer(db, request.customer.id) : undefined;
  if (!customer) throw new DomainError('not_found', 'error.notFound');
  return customer;
}

/** preHandlers that decide who may reach a route; every customer and staff route uses one. */
export function createGuards(deps: { masterDataConfirmMonths: number; clock: Clock }): Guards {
  const toLogin = (request: FastifyRequest, reply: FastifyReply, loginPath: string) => {
    if (request.method !== 'GET') throw new DomainError('unauthorized', 'error.unauthorized');
    const next = request.url.length < 500 ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`${loginPath}${next}`, 303);
  };

  /** A logged-in customer, whether or not the master data is confirmed. */
  async function customer(request: FastifyRequest, reply: FastifyReply) {
    if (!request.customer) return toLogin(request, reply, '/login');
  }

  /** A logged-in customer whose master-data confirmation is not due. */
  async function confirmedCustomer(request: FastifyRequest, reply: FastifyReply) {
    await customer(request, reply);
    if (reply.sent || !request.customer) return;
    if (isConfirmationDue(request.customer.confirmedAt, deps.masterDataConfirmMonths, deps.clock())) {
      if (request.method !== 'GET') throw new DomainError('forbidden', 'masterData.confirmIntro');
      return reply.redirect('/stammdaten', 303);
    }
  }

  async function staff(request: FastifyRequest, reply: FastifyReply) {
    if (!request.staff) return toLogin(request, reply, '/staff/login');
  }

  async function admin(request: FastifyRequest, reply: FastifyReply) {
    await staff(request, reply);
    if (reply.sent || !request.staff) return;
    if (!accountsPolicy.can(actorOf(request), 'enterAdminArea', 'admin')) throw new DomainError('forbidden', 'staff.adminOnly');
  }

  return { customer, confirmedCustomer, staff, admin };
}
