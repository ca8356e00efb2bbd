import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, STATUS_OF, type FieldErrors } from '../../platform/errors.ts';
import { formState, safeNext, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { listFailedLogins, refusalMessage } from '../accounts/index.ts';
import { loginToMailAdmin, mailSubjectOf } from './mail-login.service.ts';
import { findMailContract } from '../contracts/index.ts';
import { actingMailSession, createMailGuards, keepMailSession } from './mail-guards.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { mailLoginActivity } from './login-activity.service.ts';
import type { FormState } from '../../platform/views/context.ts';
import * as mail from './mail-admin.service.ts';
import { AccountPage, DeleteAccountPage, MailAdminPage, MailboxSelfPage, MailLoginPage, SecretPage, type AccountForms, type AdminForms, type MailAccess } from './mail-admin.views.tsx';


const LoginForm = z.object({ login: z.string().max(320).default(''), password: z.string().max(256).default(''), next: z.string().max(1000).optional() });
const PasswordPart = {
  mode: z.enum(['set', 'generate']).catch('set'),
  password: z.string().max(1000).default(''),
  passwordRepeat: z.string().max(1000).default(''),
};
const PasswordForm = z.object(PasswordPart);
const NewAccountForm = z.object({ quotaMb: z.string().max(20).default(''), localPart: z.string().max(200).default(''), domainId: z.string().max(20).default(''), ...PasswordPart });
const AddressForm = z.object({ localPart: z.string().max(200).default(''), domainId: z.string().max(20).default('') });
const ForwarderForm = z.object({ localPart: z.string().max(200).default(''), domainId: z.string().max(20).default(''), targets: z.string().max(5000).default('') });
const CatchAllForm = z.object({ domainId: z.string().max(20).default(''), targets: z.string().max(5000).default('') });
const SettingsForm = z.object({ quotaMb: z.string().max(20).default(''), active: z.string().optional(), imap: z.string().optional(), pop3: z.string().optional(), smtp: z.string().optional() });
const SelfPasswordForm = z.object({ currentPassword: z.string().max(1000).default(''), ...PasswordPart, mode: z.literal('set').catch('set') });

const toInt = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const parse = <T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> => {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new DomainError('validation', 'common.formErrors');
  return r.data;
};

/** A DomainError the user can fix on the same form; anything else is not ours to render. */
function asFormError(error: unknown): DomainError | null {
  return error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict') ? error : null;
}
const errorsOf = (e: DomainError): FieldErrors => (Object.keys(e.fields).length > 0 ? e.fields : { form: { key: e.key, params: e.params } });

export const mailAdminRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;

  const { liveMailLogin, mailAccess } = createMailGuards(deps);
  const { devices } = deps;

  async function renderAdmin(request: FastifyRequest, reply: FastifyReply, ctx: { contractId: number; access: MailAccess }, forms: AdminForms = {}, status = 200, message?: DomainError) {
    const contract = await mail.requireMailContract(db, ctx.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const userInputs = await mail.passwordContext(db, contract);
    return sendPage(
      reply,
      <MailAdminPage ctx={viewContext(request, reply)} access={ctx.access} overview={overview} forms={forms} userInputs={userInputs} message={message?.key} messageParams={message?.params} />,
      status,
    );
  }

  async function renderAccount(request: FastifyRequest, reply: FastifyReply, ctx: { contractId: number; access: MailAccess }, accountId: number, forms: AccountForms = {}, status = 200) {
    const contract = await mail.requireMailContract(db, ctx.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const account = overview.accounts.find((a) => a.id === accountId);
    if (!account) throw new DomainError('not_found', 'error.notFound');
    const userInputs = await mail.passwordContext(db, contract);
    const security = await mail.listRecentSessionEndings(db, account.name, clock());
    const failedLogins = await listFailedLogins(db, mailSubjectOf(account.name));
    return sendPage(reply, <AccountPage ctx={viewContext(request, reply)} access={ctx.access} overview={overview} account={account} forms={forms} userInputs={userInputs} security={security} failedLogins={failedLogins} activity={await mailLoginActivity(db, account.id)} />, status);
  }

  const idParam = (s: string) => {
    const n = toInt(s);
    if (!Number.isFinite(n)) throw new DomainError('not_found', 'error.notFound');
    return n;
  };

  // ---- Login (administrator `.001` or a mailbox user) ----

  app.get('/mail-admin', async (request, reply) => {
    const { login } = await liveMailLogin(request);
    const next = safeNext((request.query as Record<string, unknown>).next, '');
    if (login) {
      const contract = await findMailContract(db, login.contractId);
      if (contract) return reply.redirect(login.admin ? `/mail-admin/${contract.contractNumber}` : '/mail-admin/postfach', 303);
    }
    return sendPage(reply, <MailLoginPage ctx={viewContext(request, reply)} form={formState({})} next={next} />);
  });

  app.post('/mail-admin/login', { config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = LoginForm.safeParse(request.body ?? {});
    const body = parsed.success ? parsed.data : { login: '', password: '', next: '' };
    const now = clock();
    const result = await loginToMailAdmin(db, { login: body.login, password: body.password, clientAddress: request.ip, recognize: devices.recognizer(request) }, now);
    if (!result.ok) {
      if (result.reason === 'invalid' && result.notice) deps.mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'failed-login notice failed'));
      const t = viewContext(request, reply).t;
      const failed = result.reason === 'throttled' ? refusalMessage(t, result, 'login') : { key: 'mail.login.failed' as const };
      const notice = result.reason === 'invalid' && result.friction ? ('limits.login.frictionNote' as const) : undefined;
      return sendPage(reply, <MailLoginPage ctx={viewContext(request, reply)} form={formState({ login: body.login })} next={safeNext(body.next, '')} failed={failed} notice={notice} />, result.reason === 'throttled' ? 429 : 401);
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
    const fallback = result.isAdmin ? `/mail-admin/${result.contract.contractNumber}` : '/mail-admin/postfach';
    const next = safeNext(body.next, '');
    return reply.redirect(result.isAdmin && next.startsWith(`/mail-admin/${result.contract.contractNumber}`) ? next : fallback, 303);
  });

  app.post('/mail-admin/logout', async (request, reply) => {
    delete request.session.mailLogin;
    setFlash(request, 'info', 'mail.login.loggedOut');
    return reply.redirect('/mail-admin', 303);
  });

  // ---- Mailbox self-service: a user changes only their own password ----

  async function selfContext(request: FastifyRequest, reply: FastifyReply) {
    const { login, ended } = await liveMailLogin(request);
    if (!login) {
      if (request.method === 'GET' || ended) reply.redirect('/mail-admin', 303);
      else throw new DomainError('unauthorized', 'error.unauthorized');
      return null;
    }
    const contract = await mail.requireMailContract(db, login.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const account = overview.accounts.find((a) => a.id === login.accountId);
    if (!account) {
      delete request.session.mailLogin;
      throw new DomainError('unauthorized', 'error.unauthorized');
    }
    return {
      contract,
      account,
      userInputs: await mail.passwordContext(db, contract),
      security: await mail.listRecentSessionEndings(db, account.name, clock()),
      failedLogins: await listFailedLogins(db, mailSubjectOf(account.name)),
      activity: await mailLoginActivity(db, account.id),
    };
  }

  app.get('/mail-admin/postfach', async (request, reply) => {
    const self = await selfContext(request, reply);
    if (!self) return reply;
    return sendPage(
      reply,
      <MailboxSelfPage ctx={viewContext(request, reply)} accountName={self.account.name} addresses={self.account.addresses.map((a) => `${a.localPart}@${a.domainUnicode}`)} form={formState({})} userInputs={self.userInputs} server={deps.mailServer} security={self.security} failedLogins={self.failedLogins} activity={self.activity} />,
    );
  });

  app.post('/mail-admin/postfach/password', async (request, reply) => {
    const self = await selfContext(request, reply);
    if (!self) return reply;
    const body = parse(SelfPasswordForm, request.body);
    const render = (errors: FieldErrors, status: number) =>
      sendPage(
        reply,
        <MailboxSelfPage ctx={viewContext(request, reply)} accountName={self.account.name} addresses={self.account.addresses.map((a) => `${a.localPart}@${a.domainUnicode}`)} form={formState({}, errors)} userInputs={self.userInputs} server={deps.mailServer} security={self.security} failedLogins={self.failedLogins} activity={self.activity} />,
        status,
      );
    if (!(await mail.checkMailPassword(db, self.account.id, body.currentPassword))) return render({ currentPassword: { key: 'mail.self.wrongCurrent' } }, 422);
    try {
      const result = await mail.changeMailPassword(
        db,
        self.contract.id,
        self.account.id,
        { mode: 'set', password: body.password, passwordRepeat: body.passwordRepeat },
        { actor: `mail-account:${self.account.name}`, ip: request.ip },
        actingMailSession(request, self.account.id),
        clock(),
      );
      keepMailSession(request, result.generation);
      return sendPage(reply, <SecretPage ctx={viewContext(request, reply)} access={null} title={mail.isAdminAccount(self.account) ? viewContext(request, reply).t('mail.password.title') : viewContext(request, reply).t('mail.self.title')} accountName={self.account.name} password={null} isAdmin={result.isAdmin} back="/mail-admin/postfach" />);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      return render(errorsOf(e), STATUS_OF[e.code]);
    }
  });

  // ---- The administration of one contract ----

  app.get<{ Params: { number: string } }>('/mail-admin/:number', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    return renderAdmin(request, reply, ctx);
  });

  app.post<{ Params: { number: string } }>('/mail-admin/:number/accounts', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const body = parse(NewAccountForm, request.body);
    try {
      const created = await mail.createMailAccount(
        db,
        ctx.contractId,
        { quotaMb: toInt(body.quotaMb), localPart: body.localPart, domainId: body.domainId ? toInt(body.domainId) : null, password: body },
        ctx.actor,
        clock(),
      );
      const t = viewContext(request, reply).t;
      if (!created.password) {
        setFlash(request, 'success', 'mail.admin.created');
        return reply.redirect(`/mail-admin/${request.params.number}/accounts/${created.account.id}`, 303);
      }
      return sendPage(reply, <SecretPage ctx={viewContext(request, reply)} access={ctx.access} title={t('mail.admin.createdTitle', { account: created.account.name })} accountName={created.account.name} password={created.password} isAdmin={false} back={`/mail-admin/${request.params.number}/accounts/${created.account.id}`} />);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      const form: FormState = formState(request.body, errorsOf(e));
      return renderAdmin(request, reply, ctx, { account: form }, STATUS_OF[e.code], Object.keys(e.fields).length ? undefined : e);
    }
  });

  app.post<{ Params: { number: string } }>('/mail-admin/:number/forwarders', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const body = parse(ForwarderForm, request.body);
    try {
      await mail.addForwarder(db, ctx.contractId, { localPart: body.localPart, domainId: toInt(body.domainId), targets: body.targets }, ctx.actor, clock());
      setFlash(request, 'success', 'mail.forward.created');
      return reply.redirect(`/mail-admin/${request.params.number}#weiterleitungen`, 303);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      return renderAdmin(request, reply, ctx, { forwarder: formState(request.body, errorsOf(e)) }, STATUS_OF[e.code]);
    }
  });

  app.post<{ Params: { number: string } }>('/mail-admin/:number/catch-all', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const body = parse(CatchAllForm, request.body);
    try {
      await mail.setCatchAll(db, ctx.contractId, { domainId: toInt(body.domainId), targets: body.targets }, ctx.actor, clock());
      setFlash(request, 'success', 'mail.catchAll.saved');
      return reply.redirect(`/mail-admin/${request.params.number}#weiterleitungen`, 303);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      return renderAdmin(request, reply, ctx, { catchAll: formState(request.body, errorsOf(e)) }, STATUS_OF[e.code]);
    }
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/addresses/:id/delete', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const removed = await mail.removeAddress(db, ctx.contractId, idParam(request.params.id), ctx.actor, clock());
    setFlash(request, 'success', 'mail.address.removed');
    return reply.redirect(removed.accountId ? `/mail-admin/${request.params.number}/accounts/${removed.accountId}#adressen` : `/mail-admin/${request.params.number}#weiterleitungen`, 303);
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/addresses/:id/primary', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    await mail.makePrimaryAddress(db, ctx.contractId, idParam(request.params.id), ctx.actor, clock());
    return reply.redirect(`/mail-admin/${request.params.number}`, 303);
  });

  // ---- One account ----

  app.get<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    return renderAccount(request, reply, ctx, idParam(request.params.id));
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id/password', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const accountId = idParam(request.params.id);
    const body = parse(PasswordForm, request.body);
    try {
      const account = await mail.getMailAccount(db, ctx.contractId, accountId);
      // Only the account's own login (`.001` changing its own password) keeps its session.
      const acting = ctx.access.via === 'password' ? actingMailSession(request, accountId) : null;
      const result = await mail.changeMailPassword(db, ctx.contractId, accountId, body, ctx.actor, acting, clock());
      keepMailSession(request, result.generation);
      const vc = viewContext(request, reply);
      return sendPage(reply, <SecretPage ctx={vc} access={ctx.access} title={vc.t('mail.password.title')} accountName={account.name} password={result.password} isAdmin={result.isAdmin} back={`/mail-admin/${request.params.number}/accounts/${accountId}`} />);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      return renderAccount(request, reply, ctx, accountId, { password: formState(request.body, errorsOf(e)) }, STATUS_OF[e.code]);
    }
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id/settings', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const accountId = idParam(request.params.id);
    const body = parse(SettingsForm, request.body);
    try {
      await mail.updateMailAccountSettings(
        db,
        ctx.contractId,
        accountId,
        { quotaMb: toInt(body.quotaMb), active: body.active === '1', imap: body.imap === '1', pop3: body.pop3 === '1', smtp: body.smtp === '1' },
        ctx.actor,
        clock(),
      );
      setFlash(request, 'success', 'mail.account.saved');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${accountId}`, 303);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      const values = { quotaMb: body.quotaMb, active: body.active === '1' ? '1' : '', imap: body.imap === '1' ? '1' : '', pop3: body.pop3 === '1' ? '1' : '', smtp: body.smtp === '1' ? '1' : '' };
      return renderAccount(request, reply, ctx, accountId, { settings: { values, errors: errorsOf(e) } }, STATUS_OF[e.code]);
    }
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id/addresses', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const accountId = idParam(request.params.id);
    const body = parse(AddressForm, request.body);
    try {
      await mail.addMailboxAddress(db, ctx.contractId, accountId, { localPart: body.localPart, domainId: toInt(body.domainId) }, ctx.actor, clock());
      setFlash(request, 'success', 'mail.address.added');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${accountId}#adressen`, 303);
    } catch (error) {
      const e = asFormError(error);
      if (!e) throw error;
      return renderAccount(request, reply, ctx, accountId, { address: formState(request.body, errorsOf(e)) }, STATUS_OF[e.code]);
    }
  });

  app.get<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id/delete', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const contract = await mail.requireMailContract(db, ctx.contractId);
    const account = (await mail.loadMailOverview(db, contract)).accounts.find((a) => a.id === idParam(request.params.id));
    if (!account) throw new DomainError('not_found', 'error.notFound');
    if (account.isAdmin) throw new DomainError('conflict', 'mail.error.adminDelete');
    return sendPage(reply, <DeleteAccountPage ctx={viewContext(request, reply)} access={ctx.access} contractNumber={contract.contractNumber} account={account} />);
  });

  app.post<{ Params: { number: string; id: string } }>('/mail-admin/:number/accounts/:id/delete', async (request, reply) => {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    await mail.deleteMailAccount(db, ctx.contractId, idParam(request.params.id), ctx.actor, clock());
    setFlash(request, 'success', 'mail.delete.done');
    return reply.redirect(`/mail-admin/${request.params.number}`, 303);
  });

};
