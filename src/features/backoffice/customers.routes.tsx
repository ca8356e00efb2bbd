import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { DomainError } from '../../platform/errors.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { disableTwoFactor, findCustomerByNumber, isTwoFactorEnabled, searchCustomers } from '../accounts/index.ts';
import { translator } from '../../platform/views/i18n.ts';
import { StaffCustomerPage, StaffSearchPage } from './customers.views.tsx';
import { domainHolderIds, listCustomerPortfolio } from '../contracts/index.ts';
import { listMailAccountsOfContracts, loginActivityOfContracts } from '../mail/index.ts';

export interface BackofficeRouteDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  guards: Guards;
}

/** The staff side's view of customers: search and the customer at a glance. */
export const backofficeCustomerRoutes: FastifyPluginAsync<BackofficeRouteDeps> = async (app, deps) => {
  const { db, guards } = deps;

  app.get('/staff', { preHandler: guards.staff }, async (request, reply) => {
    const query = String((request.query as Record<string, unknown>).q ?? '').trim().slice(0, 200);
    const results = query.length >= 2 || /^\d+$/.test(query) ? await searchCustomers(db, query, { alsoIds: (pattern) => domainHolderIds(db, pattern) }) : null;
    return sendPage(reply, <StaffSearchPage ctx={viewContext(request, reply)} query={query} results={query ? results : null} />);
  });

  app.get<{ Params: { number: string } }>('/staff/customers/:number', { preHandler: guards.staff }, async (request, reply) => {
    const customer = /^\d{1,12}$/.test(request.params.number) ? await findCustomerByNumber(db, request.params.number) : undefined;
    if (!customer) throw new DomainError('not_found', 'error.notFound');
    const portfolio = await listCustomerPortfolio(db, customer.id);
    const accounts = await listMailAccountsOfContracts(db, portfolio.map((c) => c.id));
    const mailActivity = await loginActivityOfContracts(db, portfolio.map((c) => c.id), accounts);
    const contracts = portfolio.map((c) => ({ ...c, mailAccounts: accounts.filter((a) => a.contractId === c.id), mailActivity: mailActivity.get(c.id) }));
    const twoFactor = await isTwoFactorEnabled(db, `customer:${customer.id}`);
    const canResetTwoFactor = twoFactor && request.staff!.role === 'admin';
    return sendPage(reply, <StaffCustomerPage ctx={viewContext(request, reply)} customer={customer} contracts={contracts} twoFactor={twoFactor} canResetTwoFactor={canResetTwoFactor} />);
  });

  // Recovery for a customer who lost both the authenticator and the backup codes: admins only,
  // audited, and the customer is told by e-mail so that a social-engineering attempt shows.
  app.post<{ Params: { number: string } }>('/staff/customers/:number/reset-2fa', { preHandler: guards.admin }, async (request, reply) => {
    const customer = /^\d{1,12}$/.test(request.params.number) ? await findCustomerByNumber(db, request.params.number) : undefined;
    if (!customer) throw new DomainError('not_found', 'error.notFound');
    const subject = `customer:${customer.id}`;
    if (await isTwoFactorEnabled(db, subject)) {
      await disableTwoFactor(db, subject, `staff:${request.staff!.id}`, request.ip, null, deps.clock());
      const t = translator(customer.language);
      await deps.mailer.send({ to: customer.email, subject: t('twoFactor.resetMailSubject'), text: t('twoFactor.resetMailBody', { customerNumber: customer.customerNumber }) });
    }
    setFlash(request, 'success', 'twoFactor.resetDone');
    return reply.redirect(`/staff/customers/${customer.customerNumber}`, 303);
  });
};
