import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Customer, StaffUser } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { getCustomer } from './customer.service.ts';
import { getStaffUser } from './staff.service.ts';
import { isConfirmationDue } from './master-data.ts';

declare module 'fastify' {
  interface FastifyRequest {
    customer?: Customer;
    staff?: StaffUser;
  }
}

/** preHandlers that decide who may reach a route; every customer and staff route uses one. */
export function createGuards(deps: { db: Db; config: Config; clock: () => Date }) {
  const toLogin = (request: FastifyRequest, reply: FastifyReply, loginPath: string) => {
    if (request.method !== 'GET') throw new DomainError('unauthorized', 'error.unauthorized');
    const next = request.url.length < 500 ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`${loginPath}${next}`, 303);
  };

  /** A logged-in customer, whether or not the master data is confirmed. */
  async function customer(request: FastifyRequest, reply: FastifyReply) {
    const id = request.session.customerId;
    const found = id ? await getCustomer(deps.db, id) : undefined;
    if (!found) return toLogin(request, reply, '/login');
    request.customer = found;
  }

  /** A logged-in customer whose master-data confirmation is not due. */
  async function confirmedCustomer(request: FastifyRequest, reply: FastifyReply) {
    await customer(request, reply);
    if (reply.sent || !request.customer) return;
    if (isConfirmationDue(request.customer.confirmedAt, deps.config.masterDataConfirmMonths, deps.clock())) {
      if (request.method !== 'GET') throw new DomainError('forbidden', 'masterData.confirmIntro');
      return reply.redirect('/stammdaten', 303);
    }
  }

  async function staff(request: FastifyRequest, reply: FastifyReply) {
    const id = request.session.staffId;
    const found = id ? await getStaffUser(deps.db, id) : undefined;
    if (!found) return toLogin(request, reply, '/staff/login');
    request.staff = found;
  }

  async function admin(request: FastifyRequest, reply: FastifyReply) {
    await staff(request, reply);
    if (reply.sent || !request.staff) return;
    if (request.staff.role !== 'admin') throw new DomainError('forbidden', 'staff.adminOnly');
  }

  return { customer, confirmedCustomer, staff, admin };
}
