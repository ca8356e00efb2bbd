import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { z } from 'zod';
import { DomainError } from '../../platform/errors.ts';
import { formState, safeNext, sendPage, viewContext } from '../../platform/http/web.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { listAuditEvents, recordAudit } from '../audit/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.ts';
import { authenticateStaff, changeStaffPassword } from './staff.service.ts';
import { actingSession, keepSession, startPendingLogin, startSession } from './login-session.ts';
import type { FormState } from '../../platform/views/context.ts';
import { ApiTokensPage, AuditPage, StaffAccountPage, StaffLoginPage } from './staff.views.tsx';
import { isTwoFactorEnabled } from './two-factor.service.ts';
import type { DeviceMemory } from './device-session.ts';
import { listFailedLogins, rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';

const StaffLoginForm = z.object({
  login: z.string().max(64).default(''),
  password: z.string().max(256).default(''),
  next: z.string().max(1000).optional(),
});

const StaffPasswordForm = z.object({
  currentPassword: z.string().max(1000).default(''),
  password: z.string().max(1000).default(''),
  passwordRepeat: z.string().max(1000).default(''),
});

export interface StaffRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  loginRateLimitPerMinute: number;
  staff2faRequired: boolean;
  /** The known-device cookie, evidence for the login throttle. */
  devices: DeviceMemory;
}

/** Staff login, the staff user's own account page, and the admin pages that belong to accounts: API tokens and the audit log. */
export const staffRoutes: FastifyPluginAsync<StaffRouteDeps> = async (app, deps) => {
  const { db, clock, guards } = deps;
  const { devices } = deps;

  app.get('/staff/login', async (request, reply) => {
    if (request.session.staffId) return reply.redirect('/staff', 303);
    const next = safeNext((request.query as Record<string, unknown>).next, '');
    return sendPage(reply, <StaffLoginPage ctx={viewContext(request, reply)} form={emptyForm()} next={next} />);
  });

  app.post('/staff/login', { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = StaffLoginForm.safeParse(request.body);
    const body = parsed.success ? parsed.data : { login: '', password: '', next: '' };
    const next = safeNext(body.next, '');
    const result = await authenticateStaff(db, { login: body.login, password: body.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, clock());
    if (!result.ok) {
      const message = result.reason === 'throttled' ? refusalMessage(viewContext(request, reply).t, result, 'login') : { key: 'login.failed' as const };
      const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
      return sendPage(reply, <StaffLoginPage ctx={viewContext(request, reply)} form={formState({ login: body.login })} next={next} message={message} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
    }
    const who = { kind: 'staff' as const, id: result.staff.id, lang: result.staff.language, generation: result.staff.credentialGeneration };
    const target = next.startsWith('/staff') ? next : '/staff';
    const enrolled = await isTwoFactorEnabled(db, `staff:${who.id}`);
    if (enrolled || deps.staff2faRequired) {
      await startPendingLogin(request, { ...who, next: target }, clock().getTime());
      return reply.redirect(enrolled ? '/staff/login/code' : '/staff/2fa/setup', 303);
    }
    await startSession(request, who, clock().getTime());
    await rememberLoginSource(db, `staff:${who.id}`, request.ip, clock());
    devices.remember(request, reply, `staff:${who.id}`);
    return reply.redirect(target, 303);
  });

  app.post('/staff/logout', async (request, reply) => {
    const id = request.session.staffId;
    if (id) await recordAudit(db, { actor: `staff:${id}`, event: 'staff.logout', subject: `staff:${id}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/staff/login', 303);
  });

  // ---- The staff user's own account: password and security events ----

  const accountPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    const subject = `staff:${request.staff!.id}`;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 20, excludeEvents: ['staff.login_failed', 'two_factor.failed'] });
    const failedLogins = await listFailedLogins(db, subject);
    return sendPage(reply, <StaffAccountPage ctx={viewContext(request, reply)} login={request.staff!.login} form={form} failedLogins={failedLogins} events={events} />, status);
  };

  app.get('/staff/account', { preHandler: guards.staff }, async (request, reply) => accountPage(request, reply));

  app.post('/staff/account/password', { preHandler: guards.staff }, async (request, reply) => {
    const parsed = StaffPasswordForm.safeParse(request.body ?? {});
    if (!parsed.success) return accountPage(request, reply, formState({}, { password: { key: 'common.invalid' } }), 422);
    try {
      keepSession(request, await changeStaffPassword(db, request.staff!.id, parsed.data, request.ip, actingSession(request), clock()));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
      return accountPage(request, reply, formState({}, error.fields), 422);
    }
    request.session.flash = { kind: 'success', key: 'staff.account.passwordChanged' };
    return reply.redirect('/staff/account', 303);
  });

  app.get('/staff/api-tokens', { preHandler: guards.admin }, async (request, reply) => {
    return sendPage(reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={await listApiTokens(db)} form={emptyForm()} />);
  });

  app.post('/staff/api-tokens', { preHandler: guards.admin }, async (request, reply) => {
    const name = String((request.body as Record<string, unknown> | undefined)?.name ?? '');
    try {
      const created = await createApiToken(db, name, request.staff!.id, clock());
      return sendPage(reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={await listApiTokens(db)} form={emptyForm()} created={created} />, 201);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={await listApiTokens(db)} form={formState(request.body, error.fields)} />, 422);
    }
  });

  app.post<{ Params: { id: string } }>('/staff/api-tokens/:id/revoke', { preHandler: guards.admin }, async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new DomainError('not_found', 'error.notFound');
    await revokeApiToken(db, id, request.staff!.id, clock());
    request.session.flash = { kind: 'success', key: 'staff.tokenRevoked' };
    return reply.redirect('/staff/api-tokens', 303);
  });

  app.get('/staff/audit', { preHandler: guards.admin }, async (request, reply) => {
    return sendPage(reply, <AuditPage ctx={viewContext(request, reply)} events={await listAuditEvents(db, { limit: 200 })} />);
  });
};
