import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { listFailedLogins } from '../accounts/index.ts';
import { DeleteAccountPage } from './delete-account.page.tsx';
import { mailLoginActivity } from './login-activity.service.ts';
import { AccountPage, type AccountForms } from './mail-account.page.tsx';
import { AddressForm, AppPasswordForm, AppPasswordsOnlyForm, AutoReplyForm, CatchAllForm, ConfirmForm, ForwarderForm, ForwardingForm, idFromUrl, NewAccountForm, PasswordForm, SettingsForm } from './mail-admin.forms.ts';
import * as appPasswords from './app-passwords.service.ts';
import { AppPasswordSecretPage, protocolsOf } from './app-passwords.views.tsx';
import { loadDeliveryRules, saveAutoReply, saveForwarding } from './delivery-rules.service.ts';
import { deliveryRulesEditors, templateOf } from './delivery-rules.web.ts';
import { editorStateOf } from './delivery-rules.views.tsx';
import { MailAdminPage, type AdminForms } from './mail-admin.page.tsx';
import * as mail from './mail-admin.service.ts';
import { actingMailSession, createMailGuards, keepMailSession, type MailAdministration } from './mail-guards.ts';
import { mailSubjectOf } from './mail-login.service.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { mailPolicy } from './mail.policies.ts';
import { SecretPage } from './secret.page.tsx';
import { shownAddress } from './mail-admin.parts.tsx';

type ContractParams = { Params: { number: string } };
type ObjectParams = { Params: { number: string; id: string } };
type AppPasswordParams = { Params: { number: string; id: string; appId: string } };

/** An account of the administered contract, with what its page shows besides. */
interface AdministeredAccount extends MailAdministration {
  account: mail.OverviewAccount;
}

/** The E-Mail-Administration of one contract, by its `.001` login or by single sign-on from the customer area. */
export const mailAdminRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const { mailAccess } = createMailGuards(deps);

  /** The contract of the URL, for whoever may administer it; null when the reply went to the login page. */
  const loadAdministration = (request: FastifyRequest<ContractParams>, reply: FastifyReply) => mailAccess(request, reply, request.params.number);

  /** An account of the URL's contract, asked of the policy; any other id is the same 404. */
  async function loadAccount(request: FastifyRequest<ObjectParams>, reply: FastifyReply): Promise<AdministeredAccount | null> {
    const administration = await mailAccess(request, reply, request.params.number);
    if (!administration) return null;
    const overview = await mail.loadMailOverview(db, await mail.requireMailContract(db, administration.contract.id));
    const account = overview.accounts.find((candidate) => candidate.id === idFromUrl(request.params.id));
    if (!account) throw new DomainError('not_found', 'error.notFound');
    mailPolicy.authorize(administration.actor, 'manageMailObject', { contract: administration.contract, object: account });
    return { ...administration, account };
  }

  async function renderAdmin(request: FastifyRequest, reply: FastifyReply, administration: MailAdministration, forms: AdminForms = {}, status = 200) {
    const contract = await mail.requireMailContract(db, administration.contract.id);
    const [overview, userInputs] = await Promise.all([mail.loadMailOverview(db, contract), mail.passwordContext(db, contract)]);
    return sendPage(reply, <MailAdminPage ctx={viewContext(request, reply)} access={administration.access} overview={overview} forms={forms} userInputs={userInputs} />, status);
  }

  async function renderAccount(request: FastifyRequest, reply: FastifyReply, target: AdministeredAccount, forms: AccountForms = {}, status = 200, template?: ReturnType<typeof templateOf>) {
    const contract = await mail.requireMailContract(db, target.contract.id);
    const overview = await mail.loadMailOverview(db, contract);
    // After a change the account is read again; a concurrent deletion is a 404.
    const account = overview.accounts.find((candidate) => candidate.id === target.account.id);
    if (!account) throw new DomainError('not_found', 'error.notFound');
    const [userInputs, security, failedLogins, activity, appPasswordList, rules] = await Promise.all([
      mail.passwordContext(db, contract),
      mail.listRecentSessionEndings(db, account.name, clock()),
      listFailedLogins(db, mailSubjectOf(account.name)),
      mailLoginActivity(db, account.id),
      appPasswords.listAppPasswords(db, account.id),
      loadDeliveryRules(db, account),
    ]);
    const delivery = deliveryRulesEditors(rules, forms, template);
    return sendPage(
      reply,
      <AccountPage
        ctx={viewContext(request, reply)}
        access={target.access}
        overview={overview}
        account={account}
        forms={forms}
        userInputs={userInputs}
        security={security}
        failedLogins={failedLogins}
        activity={activity}
        appPasswords={appPasswordList}
        now={clock()}
        delivery={delivery}
      />,
      status,
    );
  }

  // ---- The administration of one contract ----

  async function showAdministration(request: FastifyRequest<ContractParams>, reply: FastifyReply) {
    const administration = await loadAdministration(request, reply);
    return administration ? renderAdmin(request, reply, administration) : reply;
  }

  const createAccount = formRoute<typeof NewAccountForm, MailAdministration, ContractParams>({
    schema: NewAccountForm,
    load: loadAdministration,
    async run(input, administration, request, reply) {
      const created = await mail.createMailAccount(db, administration.contract.id, { quotaMb: input.quotaMb, localPart: input.localPart, domainId: input.domainId, password: input }, administration.by, clock());
      const accountUrl = `/mail-admin/${request.params.number}/accounts/${created.account.id}`;
      if (!created.password) {
        setFlash(request, 'success', 'mail.admin.created');
        return reply.redirect(accountUrl, 303);
      }
      const ctx = viewContext(request, reply);
      return sendPage(reply, <SecretPage ctx={ctx} access={administration.access} title={ctx.t('mail.admin.createdTitle', { account: created.account.name })} accountName={created.account.name} password={created.password} isAdmin={false} back={accountUrl} />);
    },
    render: (form, administration, request, reply, status) => renderAdmin(request, reply, administration, { account: form }, status),
  });

  const addForwarder = formRoute<typeof ForwarderForm, MailAdministration, ContractParams>({
    schema: ForwarderForm,
    load: loadAdministration,
    async run(input, administration, request, reply) {
      await mail.addForwarder(db, administration.contract.id, input, administration.by, clock());
      setFlash(request, 'success', 'mail.forward.created');
      return reply.redirect(`/mail-admin/${request.params.number}#weiterleitungen`, 303);
    },
    render: (form, administration, request, reply, status) => renderAdmin(request, reply, administration, { forwarder: form }, status),
  });

  const setCatchAll = formRoute<typeof CatchAllForm, MailAdministration, ContractParams>({
    schema: CatchAllForm,
    load: loadAdministration,
    async run(input, administration, request, reply) {
      await mail.setCatchAll(db, administration.contract.id, input, administration.by, clock());
      setFlash(request, 'success', 'mail.catchAll.saved');
      return reply.redirect(`/mail-admin/${request.params.number}#weiterleitungen`, 303);
    },
    render: (form, administration, request, reply, status) => renderAdmin(request, reply, administration, { catchAll: form }, status),
  });

  // One-button forms: nothing to type, so nothing to show again but the page they came from.
  const removeAddress = formRoute<typeof ConfirmForm, MailAdministration, ObjectParams>({
    schema: ConfirmForm,
    load: loadAdministration,
    async run(_input, administration, request, reply) {
      const removed = await mail.removeAddress(db, administration.contract.id, idFromUrl(request.params.id), administration.by, clock());
      setFlash(request, 'success', 'mail.address.removed');
      const base = `/mail-admin/${request.params.number}`;
      return reply.redirect(removed.accountId ? `${base}/accounts/${removed.accountId}#adressen` : `${base}#weiterleitungen`, 303);
    },
    render: (_form, administration, request, reply, status) => renderAdmin(request, reply, administration, {}, status),
  });

  const makePrimaryAddress = formRoute<typeof ConfirmForm, MailAdministration, ObjectParams>({
    schema: ConfirmForm,
    load: loadAdministration,
    async run(_input, administration, request, reply) {
      await mail.makePrimaryAddress(db, administration.contract.id, idFromUrl(request.params.id), administration.by, clock());
      return reply.redirect(`/mail-admin/${request.params.number}`, 303);
    },
    render: (_form, administration, request, reply, status) => renderAdmin(request, reply, administration, {}, status),
  });

  // ---- One account ----

  async function showAccount(request: FastifyRequest<ObjectParams & { Querystring: { vorlage?: unknown } }>, reply: FastifyReply) {
    const target = await loadAccount(request, reply);
    return target ? renderAccount(request, reply, target, {}, 200, templateOf(request.query.vorlage)) : reply;
  }

  const changeAutoReply = formRoute<typeof AutoReplyForm, AdministeredAccount, ObjectParams>({
    schema: AutoReplyForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      await saveAutoReply(db, target.contract.id, target.account, input, target.by, clock());
      setFlash(request, 'success', 'mail.ooo.saved');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${target.account.id}#abwesenheit`, 303);
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { autoReply: editorStateOf(request.body, form.errors) }, status),
  });

  const changeForwarding = formRoute<typeof ForwardingForm, AdministeredAccount, ObjectParams>({
    schema: ForwardingForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      await saveForwarding(db, target.contract.id, target.account, input, target.by, clock());
      setFlash(request, 'success', 'mail.fwd.saved');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${target.account.id}#weiterleitung`, 303);
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { forwarding: editorStateOf(request.body, form.errors) }, status),
  });

  const changeAccountPassword = formRoute<typeof PasswordForm, AdministeredAccount, ObjectParams>({
    schema: PasswordForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      const result = await mail.changeMailPassword(db, target.contract.id, target.account.id, input, target.by, actingMailSession(request, target.actor, target.account), clock());
      keepMailSession(request, result.generation);
      const ctx = viewContext(request, reply);
      return sendPage(
        reply,
        <SecretPage ctx={ctx} access={target.access} title={ctx.t('mail.password.title')} accountName={target.account.name} password={result.password} isAdmin={result.isAdmin} back={`/mail-admin/${request.params.number}/accounts/${target.account.id}`} />,
      );
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { password: form }, status),
  });

  const changeAccountSettings = formRoute<typeof SettingsForm, AdministeredAccount, ObjectParams>({
    schema: SettingsForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      await mail.updateMailAccountSettings(db, target.contract.id, target.account.id, input, target.by, clock());
      setFlash(request, 'success', 'mail.account.saved');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${target.account.id}`, 303);
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { settings: form }, status),
  });

  const addMailboxAddress = formRoute<typeof AddressForm, AdministeredAccount, ObjectParams>({
    schema: AddressForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      await mail.addMailboxAddress(db, target.contract.id, target.account.id, input, target.by, clock());
      setFlash(request, 'success', 'mail.address.added');
      return reply.redirect(`/mail-admin/${request.params.number}/accounts/${target.account.id}#adressen`, 303);
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { address: form }, status),
  });

  const accountUrl = (request: FastifyRequest<ObjectParams>, target: AdministeredAccount) => `/mail-admin/${request.params.number}/accounts/${target.account.id}`;

  const createAppPassword = formRoute<typeof AppPasswordForm, AdministeredAccount, ObjectParams>({
    schema: AppPasswordForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      const created = await appPasswords.createAppPassword(db, target.contract.id, target.account.id, input, target.by, clock());
      return sendPage(
        reply,
        <AppPasswordSecretPage
          ctx={viewContext(request, reply)}
          access={target.access}
          name={created.appPassword.name}
          loginNames={[...target.account.addresses.map(shownAddress), target.account.name]}
          secret={created.secret}
          protocols={protocolsOf(created.appPassword)}
          back={`${accountUrl(request, target)}#app-passwoerter`}
        />,
      );
    },
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { appPassword: form }, status),
  });

  const revokeAppPassword = formRoute<typeof ConfirmForm, AdministeredAccount, AppPasswordParams>({
    schema: ConfirmForm,
    load: loadAccount,
    async run(_input, target, request, reply) {
      const revoked = await appPasswords.revokeAppPassword(db, target.contract.id, target.account.id, idFromUrl(request.params.appId), target.by, actingMailSession(request, target.actor, target.account), clock());
      keepMailSession(request, revoked.generation);
      setFlash(request, 'success', 'mail.app.revoked', { name: revoked.name });
      return reply.redirect(`${accountUrl(request, target)}#app-passwoerter`, 303);
    },
    render: (_form, target, request, reply, status) => renderAccount(request, reply, target, {}, status),
  });

  const switchAppPasswordsOnly = formRoute<typeof AppPasswordsOnlyForm, AdministeredAccount, ObjectParams>({
    schema: AppPasswordsOnlyForm,
    load: loadAccount,
    async run(input, target, request, reply) {
      await appPasswords.setAppPasswordsOnly(db, target.contract.id, target.account.id, input.on, target.by, clock());
      setFlash(request, 'success', input.on ? 'mail.app.onlyOn' : 'mail.app.onlyOff');
      return reply.redirect(`${accountUrl(request, target)}#app-passwoerter`, 303);
    },
    render: (_form, target, request, reply, status) => renderAccount(request, reply, target, {}, status),
  });

  async function confirmAccountDeletion(request: FastifyRequest<ObjectParams>, reply: FastifyReply) {
    const target = await loadAccount(request, reply);
    if (!target) return reply;
    mail.checkDeletable(target.account);
    return sendPage(reply, <DeleteAccountPage ctx={viewContext(request, reply)} access={target.access} contractNumber={target.contract.contractNumber} account={target.account} />);
  }

  const deleteAccount = formRoute<typeof ConfirmForm, AdministeredAccount, ObjectParams>({
    schema: ConfirmForm,
    load: loadAccount,
    async run(_input, target, request, reply) {
      await mail.deleteMailAccount(db, target.contract.id, target.account.id, target.by, clock());
      setFlash(request, 'success', 'mail.delete.done');
      return reply.redirect(`/mail-admin/${request.params.number}`, 303);
    },
    // `.001` cannot be deleted: its page again, saying so.
    render: (form, target, request, reply, status) => renderAccount(request, reply, target, { deletion: form }, status),
  });

  app.get<ContractParams>('/mail-admin/:number', showAdministration);
  app.post<ContractParams>('/mail-admin/:number/accounts', createAccount);
  app.post<ContractParams>('/mail-admin/:number/forwarders', addForwarder);
  app.post<ContractParams>('/mail-admin/:number/catch-all', setCatchAll);
  app.post<ObjectParams>('/mail-admin/:number/addresses/:id/delete', removeAddress);
  app.post<ObjectParams>('/mail-admin/:number/addresses/:id/primary', makePrimaryAddress);
  app.get<ObjectParams & { Querystring: { vorlage?: unknown } }>('/mail-admin/:number/accounts/:id', showAccount);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/auto-reply', changeAutoReply);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/forwarding', changeForwarding);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/password', changeAccountPassword);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/settings', changeAccountSettings);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/addresses', addMailboxAddress);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/app-passwords', createAppPassword);
  app.post<AppPasswordParams>('/mail-admin/:number/accounts/:id/app-passwords/:appId/revoke', revokeAppPassword);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/app-passwords/only', switchAppPasswordsOnly);
  app.get<ObjectParams>('/mail-admin/:number/accounts/:id/delete', confirmAccountDeletion);
  app.post<ObjectParams>('/mail-admin/:number/accounts/:id/delete', deleteAccount);
};
