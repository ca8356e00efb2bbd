import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, safeNext, sendPage, viewContext } from '../../platform/http/web.ts';
import { destroySessionsOf } from '../../platform/http/session-store.ts';
import { DomainError } from '../../platform/errors.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { recordAudit } from '../audit/index.ts';
import { authenticateCustomer, setCustomerLanguage } from './customer.service.ts';
import { setStaffLanguage } from './staff.service.ts';
import { LanguageForm, LoginForm } from './auth.forms.ts';
import { LoginPage } from './login.page.tsx';
import { startPendingLogin, startSession } from './login-session.ts';
import type { DeviceMemory } from './device-session.ts';
import { refusalMessage } from './login-refusal.ts';

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

const noTarget = async () => ({});

export const authRoutes: FastifyPluginAsync<AuthRouteDeps> = async (app, deps) => {
  const { db, clock, devices } = deps;
  const loginRateLimit = { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } };

  async function renderLogin(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) {
    return sendPage(reply, <LoginPage ctx={viewContext(request, reply)} form={form} next={safeNext(form.values.next, '')} />, status);
  }

  async function showHome(request: FastifyRequest, reply: FastifyReply) {
    return reply.redirect(request.session.customerId ? '/domains' : '/login', 303);
  }

  async function showLogin(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    if (request.session.customerId) return reply.redirect('/domains', 303);
    const query = request.query;
    const notice = query.bye === 'all' ? 'login.loggedOutEverywhere' : query.bye ? 'login.loggedOut' : undefined;
    return sendPage(reply, <LoginPage ctx={viewContext(request, reply)} form={emptyForm()} next={safeNext(query.next, '')} notice={notice} />);
  }

  /** Bad input (a missing field, a field too long) is a 422 with its message; nothing is counted or recorded. */
  const submitLogin = formRoute({
    schema: LoginForm,
    load: noTarget,
    async run(input, _target, request, reply) {
      const next = safeNext(input.next, '');
      const result = await authenticateCustomer(db, { identifier: input.identifier, password: input.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, clock());
      if (!result.ok) {
        if (result.reason === 'invalid' && result.notice) {
          // Not awaited: the answer must not wait for a mail server.
          deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'failed-login notice failed'));
        }
        const ctx = viewContext(request, reply);
        const message = result.reason === 'throttled' ? refusalMessage(ctx.t, result, 'login') : { key: 'login.failed' as const };
        const note = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
        const status = result.reason === 'throttled' ? 429 : 401;
        return sendPage(reply, <LoginPage ctx={ctx} form={formState({ identifier: input.identifier })} next={next} message={message} note={note} />, status);
      }
      const who = { kind: 'customer' as const, id: result.customer.id, lang: result.customer.language, generation: result.customer.credentialGeneration };
      if (result.secondFactor) {
        await startPendingLogin(request, { ...who, next }, clock().getTime());
        return reply.redirect('/login/code', 303);
      }
      await startSession(request, who, clock().getTime());
      devices.remember(request, reply, `customer:${who.id}`);
      return reply.redirect(next || '/domains', 303);
    },
    render: (form, _target, request, reply, status) => renderLogin(request, reply, form, status),
  });

  async function logOut(request: FastifyRequest, reply: FastifyReply) {
    const customerId = request.session.customerId;
    if (customerId) await recordAudit(db, { actor: `customer:${customerId}`, event: 'customer.logout', subject: `customer:${customerId}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/login?bye=1', 303);
  }

  async function logOutEverywhere(request: FastifyRequest, reply: FastifyReply) {
    const id = request.customer!.id;
    await destroySessionsOf(db, `customer:${id}`);
    await recordAudit(db, { actor: `customer:${id}`, event: 'customer.logout_everywhere', subject: `customer:${id}`, ip: request.ip }, clock());
    await request.session.regenerate(['lang']);
    return reply.redirect('/login?bye=all', 303);
  }

  /** The switch in every page's header; an unknown language is the error page, as there is no form of its own to show. */
  const switchLanguage = formRoute({
    schema: LanguageForm,
    load: noTarget,
    async run(input, _target, request, reply) {
      request.session.lang = input.lang;
      if (request.session.customerId) await setCustomerLanguage(db, request.session.customerId, input.lang);
      if (request.session.staffId) await setStaffLanguage(db, request.session.staffId, input.lang);
      return reply.redirect(safeNext(input.next), 303);
    },
    render() {
      throw new DomainError('validation', 'common.invalid');
    },
  });

  app.get('/', showHome);
  app.get<{ Querystring: Record<string, unknown> }>('/login', showLogin);
  app.post('/login', loginRateLimit, submitLogin);
  app.post('/logout', logOut);
  app.post('/logout-everywhere', { preHandler: deps.guards.customer }, logOutEverywhere);
  app.post('/language', switchLanguage);
};
