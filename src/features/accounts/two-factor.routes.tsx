import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards, SecretBoxFor } from '../../platform/http/route-deps.ts';
import QRCode from 'qrcode';
import { verifyPassword } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { Translate } from '../../platform/views/i18n.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { listAuditEvents } from '../audit/index.ts';
import type { Customer } from './accounts.tables.ts';
import { actorOf } from './actor.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actingSession, keepSession, pendingLogin, startSession, type PendingLogin } from './login-session.ts';
import { otpauthUri } from './totp.ts';
import {
  confirmTwoFactorEnrollment,
  disableTwoFactor,
  isTwoFactorEnabled,
  pendingEnrollmentSecret,
  remainingBackupCodes,
  startTwoFactorEnrollment,
  verifySecondFactor,
  type SecondFactorResult,
} from './two-factor.service.ts';
import { getStaffUser } from './staff.service.ts';
import { CodeForm, DisableTwoFactorForm } from './two-factor.forms.ts';
import { BackupCodesPage } from './backup-codes.page.tsx';
import { EnrollmentPage } from './enrollment.page.tsx';
import { SecondFactorPage } from './second-factor.page.tsx';
import { SecurityPage } from './security.page.tsx';
import type { DeviceMemory } from './device-session.ts';
import { listFailedLogins, rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';

const failureMessage = (t: Translate, result: Exclude<SecondFactorResult, { ok: true }>) => (result.reason === 'throttled' ? refusalMessage(t, result, 'code') : { key: 'twoFactor.invalidCode' as const });

export interface TwoFactorRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  secretBox: SecretBoxFor;
  loginRateLimitPerMinute: number;
  /** Notices to the owner after a burst of wrong codes. */
  mailer: Mailer;
  /** The known-device cookie, evidence for the login throttle. */
  devices: DeviceMemory;
}

/** TOTP: the second login step, staff enrollment, and the customer's security page. */
export const twoFactorRoutes: FastifyPluginAsync<TwoFactorRouteDeps> = async (app, deps) => {
  const { db, clock, guards, devices } = deps;
  const box = deps.secretBox('two-factor-v1');
  const loginRateLimit = { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } };

  async function renderEnrollment(request: FastifyRequest, reply: FastifyReply, enrollment: { subject: string; account: string; action: string }, form: FormState = emptyForm(), status = 200) {
    const secret = (await pendingEnrollmentSecret(db, box, enrollment.subject)) ?? (await startTwoFactorEnrollment(db, box, enrollment.subject, clock()));
    const qrDataUri = await QRCode.toDataURL(otpauthUri(secret, enrollment.account, 'Hostdesk'), { margin: 1, width: 220 });
    const page = <EnrollmentPage ctx={viewContext(request, reply)} action={enrollment.action} secret={secret} qrDataUri={qrDataUri} form={form} staffRequired={enrollment.action.startsWith('/staff')} />;
    return sendPage(reply, page, status);
  }

  /** Sends the owner's notice about a burst of wrong codes, without making the answer wait for it. */
  function sendNotice(request: FastifyRequest, result: SecondFactorResult) {
    if (!result.ok && result.reason === 'invalid' && result.notice) deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'wrong-code notice failed'));
  }

  // ── second login step ─────────────────────────────────────────────────────────────
  for (const kind of ['customer', 'staff'] as const) {
    const path = kind === 'customer' ? '/login/code' : '/staff/login/code';
    const loginPath = kind === 'customer' ? '/login' : '/staff/login';

    async function showSecondFactor(request: FastifyRequest, reply: FastifyReply) {
      if (!pendingLogin(request, kind, clock().getTime())) return reply.redirect(loginPath, 303);
      return sendPage(reply, <SecondFactorPage ctx={viewContext(request, reply)} action={path} form={emptyForm()} />);
    }

    /** A login without its password step, or one that timed out, starts again at the login page. */
    async function loadPendingLogin(request: FastifyRequest, reply: FastifyReply): Promise<PendingLogin | null> {
      const pending = pendingLogin(request, kind, clock().getTime());
      if (pending) return pending;
      setFlash(request, 'info', 'twoFactor.expired');
      reply.redirect(loginPath, 303);
      return null;
    }

    const submitSecondFactor = formRoute({
      schema: CodeForm,
      load: loadPendingLogin,
      async run(input, pending, request, reply) {
        const subject = `${kind}:${pending.id}`;
        const acting = { id: request.session.sessionId, generation: pending.generation };
        const result = await verifySecondFactor(db, box, subject, input.code, { address: request.ip, deviceId: devices.recognizer(request)(subject) }, acting, clock());
        if (!result.ok) {
          sendNotice(request, result);
          const ctx = viewContext(request, reply);
          const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
          return sendPage(reply, <SecondFactorPage ctx={ctx} action={path} form={emptyForm()} message={failureMessage(ctx.t, result)} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
        }
        await startSession(request, { kind, id: pending.id, lang: pending.lang, generation: result.generation ?? pending.generation }, clock().getTime());
        devices.remember(request, reply, subject);
        return reply.redirect(pending.next || (kind === 'customer' ? '/domains' : '/staff'), 303);
      },
      render: async (form, _pending, request, reply, status) => sendPage(reply, <SecondFactorPage ctx={viewContext(request, reply)} action={path} form={form} />, status),
    });

    app.get(path, showSecondFactor);
    app.post(path, loginRateLimit, submitSecondFactor);
  }

  // ── staff enrollment, required before the first staff session ──────────────────────
  async function staffEnrollment(pending: PendingLogin) {
    const staff = await getStaffUser(db, pending.id);
    if (!staff) throw new DomainError('not_found', 'error.notFound');
    return { pending, subject: `staff:${pending.id}`, account: staff.login, action: '/staff/2fa/setup' };
  }
  type StaffEnrollment = Awaited<ReturnType<typeof staffEnrollment>>;

  async function loadStaffEnrollment(request: FastifyRequest, reply: FastifyReply): Promise<StaffEnrollment | null> {
    const pending = pendingLogin(request, 'staff', clock().getTime());
    if (!pending) {
      reply.redirect('/staff/login', 303);
      return null;
    }
    return staffEnrollment(pending);
  }

  async function showStaffEnrollment(request: FastifyRequest, reply: FastifyReply) {
    const enrollment = await loadStaffEnrollment(request, reply);
    if (!enrollment) return reply;
    return renderEnrollment(request, reply, enrollment);
  }

  const confirmStaffEnrollment = formRoute({
    schema: CodeForm,
    load: loadStaffEnrollment,
    async run(input, enrollment, request, reply) {
      const { pending, subject } = enrollment;
      const acting = { id: request.session.sessionId, generation: pending.generation };
      const { codes, generation } = await confirmTwoFactorEnrollment(db, box, subject, input.code, request.ip, acting, clock());
      await startSession(request, { kind: 'staff', id: pending.id, lang: pending.lang, generation: generation ?? pending.generation }, clock().getTime());
      await rememberLoginSource(db, subject, request.ip, clock());
      devices.remember(request, reply, subject);
      return sendPage(reply, <BackupCodesPage ctx={viewContext(request, reply)} codes={codes} next={pending.next || '/staff'} />);
    },
    render: (form, enrollment, request, reply, status) => renderEnrollment(request, reply, enrollment, form, status),
  });

  app.get('/staff/2fa/setup', showStaffEnrollment);
  app.post('/staff/2fa/setup', confirmStaffEnrollment);

  // ── the customer's security page ───────────────────────────────────────────────────
  /** The logged-in customer, whose own security page this is. */
  async function loadOwnAccount(request: FastifyRequest): Promise<Customer> {
    const customer = request.customer!;
    accountsPolicy.authorize(actorOf(request), 'manageOwnAccount', customer);
    return customer;
  }

  const customerEnrollment = (customer: Customer) => ({ subject: `customer:${customer.id}`, account: customer.customerNumber, action: '/sicherheit/2fa/confirm' });

  async function renderSecurity(request: FastifyRequest, reply: FastifyReply, customer: Customer, form: FormState = emptyForm(), status = 200) {
    const subject = `customer:${customer.id}`;
    const enabled = await isTwoFactorEnabled(db, subject);
    const backupCodesLeft = enabled ? await remainingBackupCodes(db, subject) : 0;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 5, excludeEvents: ['customer.login_failed', 'two_factor.failed'] });
    const failedLogins = await listFailedLogins(db, subject, { limit: 10 });
    const page = <SecurityPage ctx={viewContext(request, reply)} enabled={enabled} backupCodesLeft={backupCodesLeft} events={events} form={form} failedLogins={failedLogins} />;
    return sendPage(reply, page, status);
  }

  async function showSecurity(request: FastifyRequest, reply: FastifyReply) {
    return renderSecurity(request, reply, await loadOwnAccount(request));
  }

  async function startCustomerEnrollment(request: FastifyRequest, reply: FastifyReply) {
    return renderEnrollment(request, reply, customerEnrollment(await loadOwnAccount(request)));
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
      return renderEnrollment(request, reply, customerEnrollment(customer), form, status);
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
        sendNotice(request, result);
        const form = { values: {}, errors: { code: failureMessage(viewContext(request, reply).t, result) } };
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
