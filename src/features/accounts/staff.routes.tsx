import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, safeNext, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { listAuditEvents, recordAudit } from '../audit/index.ts';
import type { StaffUser } from './accounts.tables.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actorOf } from './actor.ts';
import { authenticateStaff, changeStaffPassword } from './staff.service.ts';
import { actingSession, keepSession, startPendingLogin, startSession } from './login-session.ts';
import { StaffLoginForm, StaffPasswordForm } from './staff.forms.ts';
import { StaffAccountPage } from './staff-account.page.tsx';
import { StaffLoginPage } from './staff-login.page.tsx';
import { isTwoFactorEnabled } from './two-factor.service.ts';
import type { DeviceMemory } from './device-session.ts';
import { listFailedLogins, rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';

export interface StaffRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  loginRateLimitPerMinute: number;
  staff2faRequired: boolean;
  /** The known-device cookie, evidence for the login throttle. */
  devices: DeviceMemory;
}

/** Staff login and logout, and the staff user's own account page ("Mein Konto"). */
export const staffRoutes: FastifyPluginAsync<StaffRouteDeps> = async (app, deps) => {
  const { db, clock, guards, devices } = deps;
  const loginRateLimit = { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } };

  async function showStaffLogin(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    if (request.session.staffId) return reply.redirect('/staff', 303);
    return sendPage(reply, <StaffLoginPage ctx={viewContext(request, reply)} form={emptyForm()} next={safeNext(request.query.next, '')} />);
  }

  /** Bad input (a missing field, a field too long) is a 422 with its message; nothing is counted or recorded. */
  const submitStaffLogin = formRoute({
    schema: StaffLoginForm,
    load: async () => ({}),
    async run(input, _target, request, reply) {
      const next = safeNext(input.next, '');
      const result = await authenticateStaff(db, { login: input.login, password: input.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, clock());
      if (!result.ok) {
        const ctx = viewContext(request, reply);
        const message = result.reason === 'throttled' ? refusalMessage(ctx.t, result, 'login') : { key: 'staff.loginFailed' as const };
        const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
        return sendPage(reply, <StaffLoginPage ctx={ctx} form={formState({ login: input.login })} next={next} message={message} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
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
    },
    render: async (form, _target, request, reply, status) => sendPage(reply, <StaffLoginPage ctx={viewContext(request, reply)} form={form} next={safeNext(form.values.next, '')} />, status),
  });

  async function staffLogOut(request: FastifyRequest, reply: FastifyReply) {
    const id = request.session.staffId;
    if (id) await recordAudit(db, { actor: `staff:${id}`, event: 'staff.logout', subject: `staff:${id}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/staff/login', 303);
  }

  // ---- The staff user's own account: password and security events ----

  async function loadOwnStaffAccount(request: FastifyRequest): Promise<StaffUser> {
    const staff = request.staff!;
    accountsPolicy.authorize(actorOf(request), 'manageOwnStaffAccount', staff);
    return staff;
  }

  async function renderStaffAccount(request: FastifyRequest, reply: FastifyReply, staff: StaffUser, form: FormState = emptyForm(), status = 200) {
    const subject = `staff:${staff.id}`;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 20, excludeEvents: ['staff.login_failed', 'two_factor.failed'] });
    const failedLogins = await listFailedLogins(db, subject);
    return sendPage(reply, <StaffAccountPage ctx={viewContext(request, reply)} login={staff.login} form={form} failedLogins={failedLogins} events={events} />, status);
  }

  async function showStaffAccount(request: FastifyRequest, reply: FastifyReply) {
    return renderStaffAccount(request, reply, await loadOwnStaffAccount(request));
  }

  const changeOwnStaffPassword = formRoute({
    schema: StaffPasswordForm,
    load: loadOwnStaffAccount,
    async run(input, staff, request, reply) {
      keepSession(request, await changeStaffPassword(db, staff.id, input, request.ip, actingSession(request), clock()));
      setFlash(request, 'success', 'staff.account.passwordChanged');
      return reply.redirect('/staff/account', 303);
    },
    // What was typed is never shown again: every field of this form is a password.
    render: (form, staff, request, reply, status) => renderStaffAccount(request, reply, staff, { values: {}, errors: form.errors }, status),
  });

  app.get<{ Querystring: Record<string, unknown> }>('/staff/login', showStaffLogin);
  app.post('/staff/login', loginRateLimit, submitStaffLogin);
  app.post('/staff/logout', staffLogOut);
  app.get('/staff/account', { preHandler: guards.staff }, showStaffAccount);
  app.post('/staff/account/password', { preHandler: guards.staff }, changeOwnStaffPassword);
};
