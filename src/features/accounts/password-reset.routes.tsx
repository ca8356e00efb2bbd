import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { translator } from '../../platform/views/i18n.ts';
import type { AuthRouteDeps } from './auth.routes.tsx';
import { findValidReset, requestPasswordReset, resetPassword } from './customer.service.ts';
import { ForgotPasswordForm, ResetPasswordForm } from './auth.forms.ts';
import { ForgotPasswordPage } from './forgot-password.page.tsx';
import { ResetPasswordPage } from './reset-password.page.tsx';
import { rememberLoginSource } from './login-throttle.ts';
import { refusalMessage } from './login-refusal.ts';

const noTarget = async () => ({});

/** "Passwort vergessen" and the new password from the mailed link. */
export const passwordResetRoutes: FastifyPluginAsync<AuthRouteDeps> = async (app, deps) => {
  const { db, clock, devices } = deps;

  async function showForgotPassword(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <ForgotPasswordPage ctx={viewContext(request, reply)} form={emptyForm()} />);
  }

  const submitForgotPassword = formRoute({
    schema: ForgotPasswordForm,
    load: noTarget,
    async run(input, _target, request, reply) {
      const asked = await requestPasswordReset(db, { identifier: input.identifier, clientAddress: request.ip, recognize: devices.recognizer(request) }, clock());
      if (!asked.ok) {
        const ctx = viewContext(request, reply);
        return sendPage(reply, <ForgotPasswordPage ctx={ctx} form={formState(request.body)} message={refusalMessage(ctx.t, asked, 'reset')} />, 429);
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
      return sendPage(reply, <ForgotPasswordPage ctx={viewContext(request, reply)} form={emptyForm()} sent />);
    },
    render: async (form, _target, request, reply, status) => sendPage(reply, <ForgotPasswordPage ctx={viewContext(request, reply)} form={form} />, status),
  });

  /** The reset page for a token, or the "link no longer valid" page (410) for any other. */
  async function renderResetPassword(request: FastifyRequest, reply: FastifyReply, token: string, form: FormState, status: number) {
    const valid = token ? await findValidReset(db, token, clock()) : undefined;
    if (!valid) return sendPage(reply, <ResetPasswordPage ctx={viewContext(request, reply)} form={emptyForm()} token={null} />, 410);
    return sendPage(reply, <ResetPasswordPage ctx={viewContext(request, reply)} form={form} token={token} />, status);
  }

  async function showResetPassword(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const token = String(request.query.token ?? '').slice(0, 200);
    return renderResetPassword(request, reply, token, emptyForm(), 200);
  }

  const submitResetPassword = formRoute({
    schema: ResetPasswordForm,
    load: noTarget,
    async run(input, _target, request, reply) {
      const now = clock();
      const customerId = await resetPassword(db, input, request.ip, now);
      if (customerId === null) return renderResetPassword(request, reply, '', emptyForm(), 410);
      // The link proved the mailbox: this browser and address count as the owner's from now on.
      await rememberLoginSource(db, `customer:${customerId}`, request.ip, now);
      devices.remember(request, reply, `customer:${customerId}`);
      setFlash(request, 'success', 'reset.done');
      return reply.redirect('/login', 303);
    },
    render: (form, _target, request, reply, status) => renderResetPassword(request, reply, form.values.token ?? '', form, status),
  });

  app.get('/passwort-vergessen', showForgotPassword);
  app.post('/passwort-vergessen', submitForgotPassword);
  app.get<{ Querystring: Record<string, unknown> }>('/passwort-neu', showResetPassword);
  app.post('/passwort-neu', submitResetPassword);
};
