import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { z } from 'zod';
import { formState, safeNext, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { destroySessionsOf } from '../../platform/http/session-store.ts';
import { DomainError, type FieldErrors } from '../../platform/errors.ts';
import { isStrongPassword } from '../../platform/password-strength.ts';
import { translator, isLanguage } from '../../platform/views/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { authenticateCustomer, findValidReset, requestPasswordReset, resetPassword, setCustomerLanguage } from './customer.service.ts';
import { ForgotPage, LoginPage, ResetPage } from './auth.views.tsx';
import { startPendingLogin, startSession } from './login-session.ts';
import type { DeviceMemory } from './device-session.ts';
import { rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';

const LoginForm = z.object({
  identifier: z.string().max(320).default(''),
  password: z.string().max(256).default(''),
  next: z.string().max(1000).optional(),
});
const IdentifierForm = z.object({ identifier: z.string().max(320).default('') });
const ResetForm = z.object({
  token: z.string().max(200).default(''),
  password: z.string().max(256).default(''),
  passwordRepeat: z.string().max(256).default(''),
});

export interface AuthRouteDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  guards: Guards;
  /** For the link in the password-reset mail. */
  publicUrl: string;
  loginRateLimitPerMinute: number;
  /** The known-device cookie, evidence for the login throttle. */
  devices: DeviceMemory;
}

export const authRoutes: FastifyPluginAsync<AuthRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const { devices } = deps;

  app.get('/', async (request, reply) => reply.redirect(request.session.customerId ? '/domains' : '/login', 303));

  app.get('/login', async (request, reply) => {
    if (request.session.customerId) return reply.redirect('/domains', 303);
    const query = request.query as Record<string, unknown>;
    const notice = query.bye === 'all' ? 'login.loggedOutEverywhere' : query.bye ? 'login.loggedOut' : undefined;
    return sendPage(reply, <LoginPage ctx={viewContext(request, reply)} form={formState({})} next={safeNext(query.next, '')} notice={notice} />);
  });

  app.post('/login', { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = LoginForm.safeParse(request.body);
    const body = parsed.success ? parsed.data : { identifier: '', password: '', next: '' };
    const next = safeNext(body.next, '');
    const result = await authenticateCustomer(db, { identifier: body.identifier, password: body.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, clock());
    if (!result.ok) {
      if (result.reason === 'invalid' && result.notice) {
        // Not awaited: the answer must not wait for a mail server.
        deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'failed-login notice failed'));
      }
      const t = viewContext(request, reply).t;
      const message = result.reason === 'throttled' ? refusalMessage(t, result, 'login') : { key: 'login.failed' as const };
      const note = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
      const status = result.reason === 'throttled' ? 429 : 401;
      return sendPage(reply, <LoginPage ctx={viewContext(request, reply)} form={formState({ identifier: body.identifier })} next={next} message={message} note={note} />, status);
    }
    const who = { kind: 'customer' as const, id: result.customer.id, lang: result.customer.language, generation: result.customer.credentialGeneration };
    if (result.secondFactor) {
      await startPendingLogin(request, { ...who, next }, clock().getTime());
      return reply.redirect('/login/code', 303);
    }
    await startSession(request, who, clock().getTime());
    devices.remember(request, reply, `customer:${who.id}`);
    return reply.redirect(next || '/domains', 303);
  });

  app.post('/logout', async (request, reply) => {
    const customerId = request.session.customerId;
    if (customerId) await recordAudit(db, { actor: `customer:${customerId}`, event: 'customer.logout', subject: `customer:${customerId}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/login?bye=1', 303);
  });

  app.post('/logout-everywhere', { preHandler: deps.guards.customer }, async (request, reply) => {
    const id = request.customer!.id;
    await destroySessionsOf(db, `customer:${id}`);
    await recordAudit(db, { actor: `customer:${id}`, event: 'customer.logout_everywhere', subject: `customer:${id}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/login?bye=all', 303);
  });

  app.post('/language', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isLanguage(body.lang)) throw new DomainError('validation', 'common.invalid');
    request.session.lang = body.lang;
    if (request.session.customerId) await setCustomerLanguage(db, request.session.customerId, body.lang);
    if (request.session.staffId) await db.updateTable('staffUsers').set({ language: body.lang }).where('id', '=', request.session.staffId).execute();
    return reply.redirect(safeNext(body.next), 303);
  });

  app.get('/passwort-vergessen', async (request, reply) => sendPage(reply, <ForgotPage ctx={viewContext(request, reply)} form={formState({})} />));

  app.post('/passwort-vergessen', async (request, reply) => {
    const parsed = IdentifierForm.safeParse(request.body);
    const identifier = parsed.success ? parsed.data.identifier.trim() : '';
    const ip = request.ip;
    const now = clock();
    if (identifier === '') {
      return sendPage(reply, <ForgotPage ctx={viewContext(request, reply)} form={formState(request.body, { identifier: { key: 'common.required' } })} message="common.formErrors" />, 422);
    }
    const asked = await requestPasswordReset(db, { identifier, clientAddress: ip, recognize: devices.recognizer(request) }, now);
    if (!asked.ok) {
      return sendPage(reply, <ForgotPage ctx={viewContext(request, reply)} form={formState(request.body)} message={refusalMessage(viewContext(request, reply).t, asked, 'reset')} />, 429);
    }
    const reset = asked.reset;
    if (reset) {
      const t = translator(reset.customer.language);
      const link = `${deps.publicUrl}/passwort-neu?token=${encodeURIComponent(reset.token)}`;
      // Not awaited: the answer must not take longer when an account exists.
      deps.mailer
        .send({ to: reset.customer.email, subject: t('forgot.mailSubject'), text: t('forgot.mailBody', { customerNumber: reset.customer.customerNumber, link }) })
        .catch((err: unknown) => request.log.error({ err }, 'password reset mail failed'));
    }
    return sendPage(reply, <ForgotPage ctx={viewContext(request, reply)} form={formState({})} sent />);
  });

  app.get('/passwort-neu', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '').slice(0, 200);
    const valid = token ? await findValidReset(db, token, clock()) : undefined;
    return sendPage(reply, <ResetPage ctx={viewContext(request, reply)} form={formState({})} token={valid ? token : null} />, valid ? 200 : 410);
  });

  app.post('/passwort-neu', async (request, reply) => {
    const parsed = ResetForm.safeParse(request.body);
    const body = parsed.success ? parsed.data : { token: '', password: '', passwordRepeat: '' };
    const now = clock();
    const reset = body.token ? await findValidReset(db, body.token, now) : undefined;
    if (!reset) return sendPage(reply, <ResetPage ctx={viewContext(request, reply)} form={formState({})} token={null} />, 410);
    const inputs = [reset.customerNumber, reset.email, reset.firstName, reset.lastName];
    const errors: FieldErrors | null = !(await isStrongPassword(body.password, inputs))
      ? { password: { key: 'password.weak' } }
      : body.password !== body.passwordRepeat
        ? { passwordRepeat: { key: 'reset.mismatch' } }
        : null;
    if (errors) return sendPage(reply, <ResetPage ctx={viewContext(request, reply)} form={formState({}, errors)} token={body.token} />, 422);
    const customerId = await resetPassword(db, body.token, body.password, request.ip, now);
    // The link proved the mailbox: this browser and address count as the owner's from now on.
    await rememberLoginSource(db, `customer:${customerId}`, request.ip, now);
    devices.remember(request, reply, `customer:${customerId}`);
    setFlash(request, 'success', 'reset.done');
    return reply.redirect('/login', 303);
  });
};
