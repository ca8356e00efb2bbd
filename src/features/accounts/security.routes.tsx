import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import { verifyPassword } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { listAuditEvents, STAFF_ONLY_EVENTS } from '../audit/index.ts';
import type { Customer } from './accounts.tables.ts';
import { actorOf } from './actor.ts';
import { ownCustomerRow } from './guards.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actingSession, keepSession } from './login-session.ts';
import { confirmTwoFactorEnrollment, disableTwoFactor, isTwoFactorEnabled, pendingEnrollmentSecret, remainingBackupCodes, verifySecondFactor } from './two-factor.service.ts';
import { CodeForm, DisableTwoFactorForm } from './two-factor.forms.ts';
import { BackupCodesPage } from './backup-codes.page.tsx';
import { SecurityPage } from './security.page.tsx';
import { listFailedLogins } from './login-throttle.ts';
import { codeFailureMessage, renderEnrollment, sendWrongCodeNotice, type Enrollment } from './two-factor-web.tsx';
import type { TwoFactorRouteDeps } from './two-factor.routes.tsx';

/** "Sicherheit" in the customer area: the second factor on and off, failed attempts, latest events. */
export const securityRoutes: FastifyPluginAsync<TwoFactorRouteDeps> = async (app, deps) => {
  const { db, clock, guards, devices } = deps;
  const box = deps.secretBox('two-factor-v1');
  const enrollmentPage = (request: FastifyRequest, reply: FastifyReply, enrollment: Enrollment, form?: FormState, status?: number) =>
    renderEnrollment(db, box, clock, request, reply, enrollment, form, status);

  /** The logged-in customer, whose own security page this is. */
  async function loadOwnAccount(request: FastifyRequest): Promise<Customer> {
    const customer = await ownCustomerRow(db, request);
    accountsPolicy.authorize(actorOf(request), 'manageOwnAccount', customer);
    return customer;
  }

  const customerEnrollment = (customer: Customer) => ({ subject: `customer:${customer.id}`, account: customer.customerNumber, action: '/sicherheit/2fa/confirm' });

  async function renderSecurity(request: FastifyRequest, reply: FastifyReply, customer: Customer, form: FormState = emptyForm(), status = 200) {
    const subject = `customer:${customer.id}`;
    const enabled = await isTwoFactorEnabled(db, subject);
    const backupCodesLeft = enabled ? await remainingBackupCodes(db, subject) : 0;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 5, excludeEvents: ['customer.login_failed', 'two_factor.failed', ...STAFF_ONLY_EVENTS] });
    const failedLogins = await listFailedLogins(db, subject, { limit: 10 });
    const page = <SecurityPage ctx={viewContext(request, reply)} enabled={enabled} backupCodesLeft={backupCodesLeft} events={events} form={form} failedLogins={failedLogins} />;
    return sendPage(reply, page, status);
  }

  async function showSecurity(request: FastifyRequest, reply: FastifyReply) {
    return renderSecurity(request, reply, await loadOwnAccount(request));
  }

  async function startCustomerEnrollment(request: FastifyRequest, reply: FastifyReply) {
    return enrollmentPage(request, reply, customerEnrollment(await loadOwnAccount(request)));
  }

  const confirmCustomerEnrollment = formRoute({
    schema: CodeForm,
    load: loadOwnAccount,
    async run(input, customer, request, reply) {
      const subject = `customer:${customer.id}`;
      // Already on, or never started (a second tab, the back button): the security page says which.
      if (!(await pendingEnrollmentSecret(db, box, subject))) return reply.redirect('/sicherheit', 303);
      const { codes, generation } = await confirmTwoFactorEnrollment(db, box, subject, input.code, request.ip, actingSession(request), clock());
      keepSession(request, generation);
      return sendPage(reply, <BackupCodesPage ctx={viewContext(request, reply)} codes={codes} next="/sicherheit" />);
    },
    async render(form, customer, request, reply, status) {
      if (!(await pendingEnrollmentSecret(db, box, `customer:${customer.id}`))) return reply.redirect('/sicherheit', 303);
      return enrollmentPage(request, reply, customerEnrollment(customer), form, status);
    },
  });

  const disableCustomerTwoFactor = formRoute({
    schema: DisableTwoFactorForm,
    load: loadOwnAccount,
    async run(input, customer, request, reply) {
      const subject = `customer:${customer.id}`;
      if (!(await verifyPassword(customer.passwordHash, input.password))) {
        throw new DomainError('validation', 'twoFactor.wrongPassword', { password: { key: 'twoFactor.wrongPassword' } });
      }
      const result = await verifySecondFactor(db, box, subject, input.code, { address: request.ip, deviceId: devices.recognizer(request)(subject) }, actingSession(request), clock());
      if (!result.ok) {
        sendWrongCodeNotice(deps.mailer, request, result);
        const form = { values: {}, errors: { code: codeFailureMessage(viewContext(request, reply).t, result) } };
        return renderSecurity(request, reply, customer, form, result.reason === 'throttled' ? 429 : 422);
      }
      keepSession(request, result.generation);
      keepSession(request, await disableTwoFactor(db, actorOf(request), subject, request.ip, actingSession(request), clock()));
      setFlash(request, 'success', 'twoFactor.disabledDone');
      return reply.redirect('/sicherheit', 303);
    },
    render: (form, customer, request, reply, status) => renderSecurity(request, reply, customer, form, status),
  });

  app.get('/sicherheit', { preHandler: guards.confirmedCustomer }, showSecurity);
  app.post('/sicherheit/2fa/start', { preHandler: guards.confirmedCustomer }, startCustomerEnrollment);
  app.post('/sicherheit/2fa/confirm', { preHandler: guards.confirmedCustomer }, confirmCustomerEnrollment);
  app.post('/sicherheit/2fa/disable', { preHandler: guards.confirmedCustomer }, disableCustomerTwoFactor);
};
