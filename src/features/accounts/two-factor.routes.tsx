import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards, SecretBoxFor } from '../../platform/http/route-deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { pendingLogin, startSession, type PendingLogin } from './login-session.ts';
import { confirmTwoFactorEnrollment, verifySecondFactor } from './two-factor.service.ts';
import { getStaffUser } from './staff.service.ts';
import { CodeForm } from './two-factor.forms.ts';
import { BackupCodesPage } from './backup-codes.page.tsx';
import { SecondFactorPage } from './second-factor.page.tsx';
import { codeFailureMessage, renderEnrollment, sendWrongCodeNotice, type Enrollment } from './two-factor-web.tsx';
import type { DeviceMemory } from './device-session.ts';
import { rememberLoginSource } from './login-throttle.ts';

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

/** TOTP at login: the second login step, and the staff enrollment required before the first staff session. */
export const twoFactorRoutes: FastifyPluginAsync<TwoFactorRouteDeps> = async (app, deps) => {
  const { db, clock, devices } = deps;
  const box = deps.secretBox('two-factor-v1');
  const loginRateLimit = { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } };

  const enrollmentPage = (request: FastifyRequest, reply: FastifyReply, enrollment: Enrollment, form?: FormState, status?: number) =>
    renderEnrollment(db, box, clock, request, reply, enrollment, form, status);

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
          sendWrongCodeNotice(deps.mailer, request, result);
          const ctx = viewContext(request, reply);
          const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
          return sendPage(reply, <SecondFactorPage ctx={ctx} action={path} form={emptyForm()} message={codeFailureMessage(ctx.t, result)} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
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
    return enrollmentPage(request, reply, enrollment);
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
    render: (form, enrollment, request, reply, status) => enrollmentPage(request, reply, enrollment, form, status),
  });

  app.get('/staff/2fa/setup', showStaffEnrollment);
  app.post('/staff/2fa/setup', confirmStaffEnrollment);

};
