import { emptyForm, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Alert, FormCard, PostButton, SelectField, TextField } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { FailedLogins } from '../accounts/index.ts';
import type { SecurityEvent } from '../audit/ui.ts';
import type { MailOverview, OverviewAccount } from './mail-admin.service.ts';
import { LoginActivitySection } from './login-activity.views.tsx';
import type { AppPasswordRow } from './app-passwords.service.ts';
import { AppPasswordsSection } from './app-passwords.views.tsx';
import type { MailLoginActivity } from './login-activity.service.ts';
import { mailboxLabel } from './login-diagnosis.service.ts';
import { AutoReplyEditor, ForwardingEditor, type RulesEditorState } from './delivery-rules.views.tsx';
import type { DeliveryEditors } from './delivery-rules.web.ts';
import { formatQuotaMb, usageOfAccount } from './mail-quota.service.ts';
import { UsageSection } from './mail-quota.views.tsx';
import {
  adminUrl,
  domainOptions,
  FailedLoginsSection,
  PasswordFields,
  PasswordMeter,
  PROTOCOL_LABELS,
  PROTOCOLS,
  Protocols,
  RecentSecurity,
  adminCrumb,
  MailHeader,
  shownAddress,
  StatusBadge,
  type MailAccess,
} from './mail-admin.parts.tsx';

/** The forms of one account's page, one of them shown again with its errors. */
export interface AccountForms {
  settings?: FormState;
  password?: FormState;
  address?: FormState;
  /** The deletion, refused (`.001`). */
  deletion?: FormState;
  appPassword?: FormState;
  autoReply?: RulesEditorState;
  forwarding?: RulesEditorState;
}

type Switch = 'active' | 'imap' | 'pop3' | 'smtp';

/** One mailbox in the administration: its password, addresses, settings and failed logins. */
export function AccountPage(props: {
  ctx: ViewContext;
  access: MailAccess;
  overview: MailOverview;
  account: OverviewAccount;
  forms: AccountForms;
  userInputs: string[];
  security: SecurityEvent[];
  failedLogins: FailedLogins;
  activity: MailLoginActivity;
  appPasswords: AppPasswordRow[];
  now: Date;
  delivery: DeliveryEditors;
}) {
  const { ctx, access, overview, account, forms, delivery } = props;
  const { t, lang } = ctx;
  const base = adminUrl(overview.contract.contractNumber);
  const url = `${base}/accounts/${account.id}`;
  const passwordForm = forms.password ?? emptyForm();
  const addressForm = forms.address ?? emptyForm();
  const settingsForm = forms.settings ?? emptyForm({ quotaMb: String(account.quotaMb) });
  // Shown again, the switches are what was sent; otherwise what is stored.
  const isOn = (name: Switch) => (forms.settings ? forms.settings.values[name] === '1' : account[name] === 1);
  // Titled by its address, as its owner knows it; the account name (also a user name) beneath.
  const title = t('mail.account.title', { account: mailboxLabel(account) });
  return (
    <Layout ctx={ctx} title={title} hideNav={access.via === 'password'}>
      <MailHeader ctx={ctx} access={access} contractNumber={overview.contract.contractNumber} trail={[adminCrumb(ctx, overview.contract.contractNumber), { label: title }]} />
      <h1>{title}</h1>
      {account.addresses.length > 0 && <p class="muted">{t('mail.account.accountName', { name: account.name })}</p>}
      <Alert ctx={ctx} message={forms.deletion?.errors.form} />
      <Facts
        class="card"
        items={[
          { label: t('mail.account.status'), value: <StatusBadge ctx={ctx} active={account.active} /> },
          { label: t('mail.account.protocols'), value: <Protocols ctx={ctx} account={account} /> },
          { label: t('mail.account.quota'), value: `${formatQuotaMb(account.quotaMb, lang)} MB` },
          { label: t('mail.account.passwordChanged'), value: formatDateTime(account.passwordChangedAt, lang) },
        ]}
      />
      <p>
        <a href={`/contracts/${overview.contract.contractNumber}/zugangsdaten/${account.id}/diagnose`}>{t('mail.diag.link')}</a>
      </p>
      <UsageSection ctx={ctx} usage={usageOfAccount(account)} warnedAt={account.quotaWarnedAt} />
      <RecentSecurity ctx={ctx} events={props.security} />

      <section class="card" id="passwort">
        <h2>{t('mail.password.title')}</h2>
        {account.isAdmin && (
          <p class="flash flash-info" role="note">
            {t('mail.password.adminWarning', { account: account.name })}
          </p>
        )}
        <FormCard ctx={ctx} form={passwordForm} action={`${url}/password`} submit={t('mail.password.save')} plain>
          <PasswordFields ctx={ctx} form={passwordForm} userInputs={[...props.userInputs, account.name]} />
        </FormCard>
      </section>

      <AppPasswordsSection ctx={ctx} action={`${url}/app-passwords`} appPasswords={props.appPasswords} appPasswordsOnly={account.appPasswordsOnly === 1} form={forms.appPassword} now={props.now} />

      <section class="card" id="adressen">
        <h2>{t('mail.account.addresses')}</h2>
        {account.addresses.length === 0 ? (
          <p class="muted">{t('mail.account.noAddresses')}</p>
        ) : (
          <ul class="plain">
            {account.addresses.map((address) => (
              <li>
                <strong>{shownAddress(address)}</strong>{' '}
                {address.isPrimary ? (
                  <span class="badge">{t('mail.address.primary')}</span>
                ) : (
                  <PostButton ctx={ctx} action={`${base}/addresses/${address.id}/primary`} class="link">
                    {t('mail.address.makePrimary')}
                  </PostButton>
                )}{' '}
                <PostButton ctx={ctx} action={`${base}/addresses/${address.id}/delete`} class="link">
                  {t('mail.address.remove')}
                </PostButton>
              </li>
            ))}
          </ul>
        )}
        <FormCard ctx={ctx} form={addressForm} action={`${url}/addresses`} submit={t('mail.address.add')} plain>
          <div class="grid-2">
            <TextField ctx={ctx} form={addressForm} name="localPart" label="mail.address.localPart" maxLength={64} autocomplete="off" required />
            <SelectField ctx={ctx} form={addressForm} name="domainId" label="mail.address.domain" options={domainOptions(overview.domains)} />
          </div>
        </FormCard>
      </section>

      <section class="card" id="einstellungen">
        <h2>{t('mail.account.settings')}</h2>
        <FormCard ctx={ctx} form={settingsForm} action={`${url}/settings`} submit={t('mail.account.saveSettings')} plain>
          <TextField ctx={ctx} form={settingsForm} name="quotaMb" label="mail.account.quotaMb" inputMode="numeric" hint="mail.account.quotaHint" required maxLength={7} />
          <fieldset class="choices">
            <legend>
              <strong>{t('mail.account.protocols')}</strong>
            </legend>
            {PROTOCOLS.map((protocol) => (
              <label class="block">
                <input type="checkbox" name={protocol} value="1" checked={isOn(protocol)} /> {t(PROTOCOL_LABELS[protocol])}
              </label>
            ))}
          </fieldset>
          <div class="choices">
            {settingsForm.errors.active && (
              <p class="field-error" id="f-active">
                {t(settingsForm.errors.active.key)}
              </p>
            )}
            <label>
              <input type="checkbox" name="active" value="1" checked={isOn('active')} /> {t('mail.account.activeLabel')}
            </label>
          </div>
        </FormCard>
      </section>

      <AutoReplyEditor
        ctx={ctx}
        rules={delivery.rules}
        state={delivery.autoReply}
        addresses={account.addresses.map((address) => ({ value: address.address, label: shownAddress(address) }))}
        action={`${url}/auto-reply`}
        pageUrl={url}
      />
      <ForwardingEditor ctx={ctx} rules={delivery.rules} state={delivery.forwarding} action={`${url}/forwarding`} />

      <LoginActivitySection ctx={ctx} activity={props.activity} />
      <FailedLoginsSection ctx={ctx} lines={props.failedLogins} />

      {!account.isAdmin && (
        <p>
          <a class="button danger" href={`${url}/delete`}>
            {t('mail.account.delete')}
          </a>
        </p>
      )}
      <PasswordMeter />
    </Layout>
  );
}
