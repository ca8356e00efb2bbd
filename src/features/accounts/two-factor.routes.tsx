import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards, SecretBoxFor } from '../../platform/http/route-deps.ts';
import QRCode from 'qrcode';
import { z } from 'zod';
import { DomainError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/crypto.ts';
import { formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { actingSession, keepSession, pendingLogin, startSession } from './login-session.ts';
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
import { listAuditEvents } from '../audit/index.ts';
import { BackupCodesPage, EnrollmentPage, SecondFactorPage, SecurityPage } from './two-factor.views.tsx';
import type { DeviceMemory } from './device-session.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { listFailedLogins, rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';
import type { Translate } from '../../platform/views/i18n.ts';

const CodeForm = z.object({ code: z.string().max(40).default('') });
const DisableForm = z.object({ code: z.string().max(40).default(''), password: z.string().max(256).default('') });

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
  const { db, clock, guards } = deps;
  const tf = { db, box: deps.secretBox('two-factor-v1') };
  const { devices } = deps;

  async function enrollmentPage(request: FastifyRequest, reply: FastifyReply, subject: string, account: string, action: string, form = emptyForm(), status = 200) {
    const secret = (await pendingEnrollmentSecret(tf, subject)) ?? (await startTwoFactorEnrollment(tf, subject, clock()));
    const qrDataUri = await QRCode.toDataURL(otpauthUri(secret, account, 'Hostdesk'), { margin: 1, width: 220 });
    return sendPage(reply, <EnrollmentPage ctx={viewContext(request, reply)} action={action} secret={secret} qrDataUri={qrDataUri} form={form} staffRequired={action.startsWith('/staff')} />, status);
  }

  // ── second login step ─────────────────────────────────────────────────────────────
  for (const kind of ['customer', 'staff'] as const) {
    const path = kind === 'customer' ? '/login/code' : '/staff/login/code';
    const loginPath = kind === 'customer' ? '/login' : '/staff/login';

    app.get(path, async (request, reply) => {
      if (!pendingLogin(request, kind, clock().getTime())) return reply.redirect(loginPath, 303);
      return sendPage(reply, <SecondFactorPage ctx={viewContext(request, reply)} action={path} />);
    });

    app.post(path, { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
      const pending = pendingLogin(request, kind, clock().getTime());
      if (!pending) {
        setFlash(request, 'info', 'twoFactor.expired');
        return reply.redirect(loginPath, 303);
      }
      const parsed = CodeForm.safeParse(request.body);
      const subject = `${kind}:${pending.id}`;
      const acting = { id: request.session.sessionId, generation: pending.generation };
      const result = await verifySecondFactor(tf, subject, parsed.success ? parsed.data.code : '', { address: request.ip, deviceId: devices.recognizer(request)(subject) }, acting, clock());
      if (!result.ok) {
        if (result.reason === 'invalid' && result.notice) deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'wrong-code notice failed'));
        const t = viewContext(request, reply).t;
        const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
        return sendPage(reply, <SecondFactorPage ctx={viewContext(request, reply)} action={path} message={failureMessage(t, result)} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
      }
      await startSession(request, { kind, id: pending.id, lang: pending.lang, generation: result.generation ?? pending.generation }, clock().getTime());
      devices.remember(request, reply, subject);
      return reply.redirect(pending.next || (kind === 'customer' ? '/domains' : '/staff'), 303);
    });
  }

  // ── staff enrollment, required before the first staff session ──────────────────────
  app.get('/staff/2fa/setup', async (request, reply) => {
    const pending = pendingLogin(request, 'staff', clock().getTime());
    if (!pending) return reply.redirect('/staff/login', 303);
    const staff = await db.selectFrom('staffUsers').select('login').where('id', '=', pending.id).executeTakeFirstOrThrow();
    return enrollmentPage(request, reply, `staff:${pending.id}`, staff.login, '/staff/2fa/setup');
  });

  app.post('/staff/2fa/setup', async (request, reply) => {
    const pending = pendingLogin(request, 'staff', clock().getTime());
    if (!pending) return reply.redirect('/staff/login', 303);
    const subject = `staff:${pending.id}`;
    const parsed = CodeForm.safeParse(request.body);
    try {
      const acting = { id: request.session.sessionId, generation: pending.generation };
      const { codes, generation } = await confirmTwoFactorEnrollment(tf, subject, parsed.success ? parsed.data.code : '', request.ip, acting, clock());
      await startSession(request, { kind: 'staff', id: pending.id, lang: pending.lang, generation: generation ?? pending.generation }, clock().getTime());
      await rememberLoginSource(db, subject, request.ip, clock());
      devices.remember(request, reply, subject);
      return sendPage(reply, <BackupCodesPage ctx={viewContext(request, reply)} codes={codes} next={pending.next || '/staff'} />);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const staff = await db.selectFrom('staffUsers').select('login').where('id', '=', pending.id).executeTakeFirstOrThrow();
      return enrollmentPage(request, reply, subject, staff.login, '/staff/2fa/setup', formState({}, error.fields), 422);
    }
  });

  // ── the customer's security page ───────────────────────────────────────────────────
  const securityPage = async (request: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200, message?: 'twoFactor.wrongPassword' | 'twoFactor.invalidCode') => {
    const subject = `customer:${request.customer!.id}`;
    const enabled = await isTwoFactorEnabled(db, subject);
    const backupLeft = enabled ? await remainingBackupCodes(db, subject) : 0;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 5, excludeEvents: ['customer.login_failed', 'two_factor.failed'] });
    const failedLogins = await listFailedLogins(db, subject, { limit: 10 });
    return sendPage(reply, <SecurityPage ctx={viewContext(request, reply)} enabled={enabled} backupLeft={backupLeft} events={events} form={form} message={message} failedLogins={failedLogins} />, status);
  };

  app.get('/sicherheit', { preHandler: guards.confirmedCustomer }, async (request, reply) => securityPage(request, reply));

  app.post('/sicherheit/2fa/start', { preHandler: guards.confirmedCustomer }, async (request, reply) => {
    const customer = request.customer!;
    return enrollmentPage(request, reply, `customer:${customer.id}`, customer.customerNumber, '/sicherheit/2fa/confirm');
  });

  app.post('/sicherheit/2fa/confirm', { preHandler: guards.confirmedCustomer }, async (request, reply) => {
    const customer = request.customer!;
    const subject = `customer:${customer.id}`;
    const parsed = CodeForm.safeParse(request.body);
    try {
      const { codes, generation } = await confirmTwoFactorEnrollment(tf, subject, parsed.success ? parsed.data.code : '', request.ip, actingSession(request), clock());
      keepSession(request, generation);
      return sendPage(reply, <BackupCodesPage ctx={viewContext(request, reply)} codes={codes} next="/sicherheit" />);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.key === 'twoFactor.alreadyEnabled' || error.key === 'twoFactor.notStarted') return reply.redirect('/sicherheit', 303);
      return enrollmentPage(request, reply, subject, customer.customerNumber, '/sicherheit/2fa/confirm', formState({}, error.fields), 422);
    }
  });

  app.post('/sicherheit/2fa/disable', { preHandler: guards.confirmedCustomer }, async (request, reply) => {
    const customer = request.customer!;
    const subject = `customer:${customer.id}`;
    const parsed = DisableForm.safeParse(request.body);
    const body = parsed.success ? parsed.data : { code: '', password: '' };
    if (!(await verifyPassword(customer.passwordHash, body.password))) {
      return securityPage(request, reply, formState({}, { password: { key: 'twoFactor.wrongPassword' } }), 422);
    }
    const result = await verifySecondFactor(tf, subject, body.code, { address: request.ip, deviceId: devices.recognizer(request)(subject) }, actingSession(request), clock());
    if (!result.ok) {
      if (result.reason === 'invalid' && result.notice) deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'wrong-code notice failed'));
      const message = failureMessage(viewContext(request, reply).t, result);
      return securityPage(request, reply, formState({}, { code: message }), result.reason === 'throttled' ? 429 : 422);
    }
    keepSession(request, result.generation);
    keepSession(request, await disableTwoFactor(db, subject, subject, request.ip, actingSession(request), clock()));
    setFlash(request, 'success', 'twoFactor.disabledDone');
    return reply.redirect('/sicherheit', 303);
  });
};
