import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, safeNext, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { listFailedLogins, refusalMessage } from '../accounts/index.ts';
import { findMailContract } from '../contracts/index.ts';
import { AppPasswordForm, AppPasswordsOnlyForm, AutoReplyForm, ConfirmForm, ForwardingForm, idFromUrl, MailLoginForm, SelfPasswordForm } from './mail-admin.forms.ts';
import * as appPasswords from './app-passwords.service.ts';
import { AppPasswordSecretPage, protocolsOf } from './app-passwords.views.tsx';
import { loadDeliveryRules, saveAutoReply, saveForwarding } from './delivery-rules.service.ts';
import { editorStateOf, type RulesEditorState } from './delivery-rules.views.tsx';
import { deliveryRulesEditors, templateOf } from './delivery-rules.web.ts';
import { shownAddress } from './mail-admin.parts.tsx';
import * as mail from './mail-admin.service.ts';
import { actingMailSession, createMailGuards, keepMailSession } from './mail-guards.ts';
import { MailLoginPage } from './mail-login.page.tsx';
import { loginToMailAdmin, mailSubjectOf } from './mail-login.service.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { MailboxSelfPage } from './mailbox-self.page.tsx';
import { usageOfAccount } from './mail-quota.service.ts';
import { mailLoginActivity } from './login-activity.service.ts';
import { mailPolicy } from './mail.policies.ts';
import { SecretPage } from './secret.page.tsx';

/** The one mail login (administrator `.001` or a mailbox user), its logout, and the mailbox self-service. */
export const mailLoginRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock, devices } = deps;
  const { liveMailLogin } = createMailGuards(deps);

  async function showMailLogin(request: FastifyRequest<{ Querystring: { next?: unknown } }>, reply: FastifyReply) {
    const { login } = await liveMailLogin(request);
    if (login) {
      const contract = await findMailContract(db, login.contractId);
      if (contract) return reply.redirect(login.admin ? `/mail-admin/${contract.contractNumber}` : '/mail-admin/postfach', 303);
    }
    return sendPage(reply, <MailLoginPage ctx={viewContext(request, reply)} form={emptyForm()} next={safeNext(request.query.next, '')} />);
  }

  // Throttling, audit and the failed-login notice are loginToMailAdmin's; the route keeps the session.
  const logInToMail = formRoute({
    schema: MailLoginForm,
    load: async () => ({}),
    async run(input, _target, request, reply) {
      const now = clock();
      const result = await loginToMailAdmin(db, { login: input.login, password: input.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, now);
      const next = safeNext(input.next, '');
      if (!result.ok) {
        if (result.reason === 'invalid' && result.notice) deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'failed-login notice failed'));
        const ctx = viewContext(request, reply);
        const failed = result.reason === 'throttled' ? refusalMessage(ctx.t, result, 'login') : { key: 'mail.login.failed' as const };
        const notice = result.reason === 'invalid' && result.friction ? 'limits.login.frictionNote' : undefined;
        return sendPage(reply, <MailLoginPage ctx={ctx} form={emptyForm({ login: input.login })} next={next} failed={failed} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
      }
      // A new session id; a customer-area login in the same browser stays as it was.
      await request.session.regenerate(['customerId', 'staffId', 'authAt', 'seenAt', 'generation', 'lang']);
      request.session.mailLogin = {
        accountId: result.account.id,
        contractId: result.contract.id,
        admin: result.isAdmin,
        authAt: now.getTime(),
        seenAt: now.getTime(),
        generation: result.account.credentialGeneration,
      };
      devices.remember(request, reply, mailSubjectOf(result.account.name));
      const home = `/mail-admin/${result.contract.contractNumber}`;
      return reply.redirect(result.isAdmin ? (next.startsWith(home) ? next : home) : '/mail-admin/postfach', 303);
    },
    render: async (form, _target, request, reply, status) =>
      sendPage(reply, <MailLoginPage ctx={viewContext(request, reply)} form={form} next={safeNext(form.values.next, '')} />, status),
  });

  async function logOutOfMail(request: FastifyRequest, reply: FastifyReply) {
    delete request.session.mailLogin;
    setFlash(request, 'info', 'mail.login.loggedOut');
    return reply.redirect('/mail-admin', 303);
  }

  // ---- Mailbox self-service: a user changes only their own password ----

  /** The mail login's own mailbox and what its page shows; null when the reply went to the login page. */
  async function loadOwnMailbox(request: FastifyRequest, reply: FastifyReply) {
    const live = await liveMailLogin(request);
    if (!live.actor) {
      if (request.method === 'GET' || live.ended) {
        reply.redirect('/mail-admin', 303);
        return null;
      }
      throw new DomainError('unauthorized', 'error.unauthorized');
    }
    const contract = await mail.requireMailContract(db, live.login.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const account = overview.accounts.find((candidate) => candidate.id === live.login.accountId);
    if (!account || !mailPolicy.can(live.actor, 'useOwnMailbox', account)) {
      delete request.session.mailLogin;
      throw new DomainError('unauthorized', 'error.unauthorized');
    }
    const [userInputs, security, failedLogins, activity, appPasswordList] = await Promise.all([
      mail.passwordContext(db, contract),
      mail.listRecentSessionEndings(db, account.name, clock()),
      listFailedLogins(db, mailSubjectOf(account.name)),
      mailLoginActivity(db, account.id),
      appPasswords.listAppPasswords(db, account.id),
    ]);
    return { actor: live.actor, contract, account, userInputs, security, failedLogins, activity, appPasswords: appPasswordList };
  }
  type OwnMailbox = NonNullable<Awaited<ReturnType<typeof loadOwnMailbox>>>;

  async function renderOwnMailbox(
    request: FastifyRequest,
    reply: FastifyReply,
    mailbox: OwnMailbox,
    forms: { password?: FormState; appPassword?: FormState } = {},
    status = 200,
    editors: { autoReply?: RulesEditorState; forwarding?: RulesEditorState; template?: ReturnType<typeof templateOf> } = {},
  ) {
    const delivery = deliveryRulesEditors(await loadDeliveryRules(db, mailbox.account), editors, editors.template);
    return sendPage(
      reply,
      <MailboxSelfPage
        ctx={viewContext(request, reply)}
        accountName={mailbox.account.name}
        addresses={mailbox.account.addresses.map(shownAddress)}
        form={forms.password ?? emptyForm()}
        appPasswordForm={forms.appPassword}
        appPasswords={mailbox.appPasswords}
        appPasswordsOnly={mailbox.account.appPasswordsOnly === 1}
        now={clock()}
        addressChoices={mailbox.account.addresses.map((address) => ({ value: address.address, label: shownAddress(address) }))}
        delivery={delivery}
        userInputs={mailbox.userInputs}
        server={deps.mailServer}
        security={mailbox.security}
        failedLogins={mailbox.failedLogins}
        activity={mailbox.activity}
        usage={usageOfAccount(mailbox.account)}
        quotaWarnedAt={mailbox.account.quotaWarnedAt}
      />,
      status,
    );
  }

  async function showOwnMailbox(request: FastifyRequest<{ Querystring: { vorlage?: unknown } }>, reply: FastifyReply) {
    const mailbox = await loadOwnMailbox(request, reply);
    return mailbox ? renderOwnMailbox(request, reply, mailbox, {}, 200, { template: templateOf(request.query.vorlage) }) : reply;
  }

  const changeOwnAutoReply = formRoute({
    schema: AutoReplyForm,
    load: loadOwnMailbox,
    async run(input, mailbox, request, reply) {
      await saveAutoReply(db, mailbox.contract.id, mailbox.account, input, { actor: mailbox.actor, ip: request.ip }, clock());
      setFlash(request, 'success', 'mail.ooo.saved');
      return reply.redirect('/mail-admin/postfach#abwesenheit', 303);
    },
    render: async (form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, {}, status, { autoReply: editorStateOf(request.body, form.errors) }),
  });

  const changeOwnForwarding = formRoute({
    schema: ForwardingForm,
    load: loadOwnMailbox,
    async run(input, mailbox, request, reply) {
      await saveForwarding(db, mailbox.contract.id, mailbox.account, input, { actor: mailbox.actor, ip: request.ip }, clock());
      setFlash(request, 'success', 'mail.fwd.saved');
      return reply.redirect('/mail-admin/postfach#weiterleitung', 303);
    },
    render: async (form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, {}, status, { forwarding: editorStateOf(request.body, form.errors) }),
  });

  const changeOwnPassword = formRoute({
    schema: SelfPasswordForm,
    load: loadOwnMailbox,
    async run(input, mailbox, request, reply) {
      if (!(await mail.checkMailPassword(db, mailbox.account.id, input.currentPassword))) {
        return renderOwnMailbox(request, reply, mailbox, { password: formState({}, { currentPassword: { key: 'mail.self.wrongCurrent' } }) }, 422);
      }
      const result = await mail.changeMailPassword(
        db,
        mailbox.contract.id,
        mailbox.account.id,
        { mode: 'set', password: input.password, passwordRepeat: input.passwordRepeat },
        { actor: mailbox.actor, ip: request.ip },
        actingMailSession(request, mailbox.actor, mailbox.account),
        clock(),
      );
      keepMailSession(request, result.generation);
      const ctx = viewContext(request, reply);
      const title = ctx.t(result.isAdmin ? 'mail.password.title' : 'mail.self.title');
      return sendPage(reply, <SecretPage ctx={ctx} access={null} title={title} accountName={mailbox.account.name} password={null} isAdmin={result.isAdmin} back="/mail-admin/postfach" />);
    },
    render: async (form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, { password: form }, status),
  });

  const OWN_APP_PASSWORDS = '/mail-admin/postfach#app-passwoerter';
  const ownActing = (request: FastifyRequest, mailbox: OwnMailbox) => ({ actor: mailbox.actor, ip: request.ip });

  const createOwnAppPassword = formRoute({
    schema: AppPasswordForm,
    load: loadOwnMailbox,
    async run(input, mailbox, request, reply) {
      const created = await appPasswords.createAppPassword(db, mailbox.contract.id, mailbox.account.id, input, ownActing(request, mailbox), clock());
      return sendPage(
        reply,
        <AppPasswordSecretPage
          ctx={viewContext(request, reply)}
          access={null}
          name={created.appPassword.name}
          loginNames={[...mailbox.account.addresses.map(shownAddress), mailbox.account.name]}
          secret={created.secret}
          protocols={protocolsOf(created.appPassword)}
          back={OWN_APP_PASSWORDS}
        />,
      );
    },
    render: async (form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, { appPassword: form }, status),
  });

  const revokeOwnAppPassword = formRoute<typeof ConfirmForm, OwnMailbox, { Params: { appId: string } }>({
    schema: ConfirmForm,
    load: loadOwnMailbox,
    async run(_input, mailbox, request, reply) {
      const revoked = await appPasswords.revokeAppPassword(
        db,
        mailbox.contract.id,
        mailbox.account.id,
        idFromUrl(request.params.appId),
        ownActing(request, mailbox),
        actingMailSession(request, mailbox.actor, mailbox.account),
        clock(),
      );
      keepMailSession(request, revoked.generation);
      setFlash(request, 'success', 'mail.app.revoked', { name: revoked.name });
      return reply.redirect(OWN_APP_PASSWORDS, 303);
    },
    render: async (_form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, {}, status),
  });

  const switchOwnAppPasswordsOnly = formRoute({
    schema: AppPasswordsOnlyForm,
    load: loadOwnMailbox,
    async run(input, mailbox, request, reply) {
      await appPasswords.setAppPasswordsOnly(db, mailbox.contract.id, mailbox.account.id, input.on, ownActing(request, mailbox), clock());
      setFlash(request, 'success', input.on ? 'mail.app.onlyOn' : 'mail.app.onlyOff');
      return reply.redirect(OWN_APP_PASSWORDS, 303);
    },
    render: async (_form, mailbox, request, reply, status) => renderOwnMailbox(request, reply, mailbox, {}, status),
  });

  const loginLimit = { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } };
  app.get<{ Querystring: { next?: unknown } }>('/mail-admin', showMailLogin);
  app.post('/mail-admin/login', loginLimit, logInToMail);
  app.post('/mail-admin/logout', logOutOfMail);
  app.get<{ Querystring: { vorlage?: unknown } }>('/mail-admin/postfach', showOwnMailbox);
  app.post('/mail-admin/postfach/auto-reply', changeOwnAutoReply);
  app.post('/mail-admin/postfach/forwarding', changeOwnForwarding);
  app.post('/mail-admin/postfach/password', changeOwnPassword);
  app.post('/mail-admin/postfach/app-passwords', createOwnAppPassword);
  app.post<{ Params: { appId: string } }>('/mail-admin/postfach/app-passwords/:appId/revoke', revokeOwnAppPassword);
  app.post('/mail-admin/postfach/app-passwords/only', switchOwnAppPasswordsOnly);
};
