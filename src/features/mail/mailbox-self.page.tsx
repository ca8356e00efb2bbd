import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { FailedLogins } from '../accounts/index.ts';
import type { SecurityEvent } from '../audit/ui.ts';
import type { MailServerSettings } from './mail.config.ts';
import { FailedLoginsSection, MailLogout, PasswordFields, PasswordMeter, RecentSecurity } from './mail-admin.parts.tsx';
import { LoginActivitySection } from './login-activity.views.tsx';
import type { MailLoginActivity } from './login-activity.service.ts';
import { ServerTable } from './server-table.views.tsx';
import type { AppPasswordRow } from './app-passwords.service.ts';
import { AppPasswordsSection } from './app-passwords.views.tsx';
import { AutoReplyEditor, ForwardingEditor } from './delivery-rules.views.tsx';
import type { DeliveryEditors } from './delivery-rules.web.ts';
import type { MailboxUsage } from './mail-quota.service.ts';
import { UsageSection } from './mail-quota.views.tsx';

/** The mailbox user's own page: their credentials' user names, the mailbox's usage and the password change. */
export function MailboxSelfPage(props: {
  ctx: ViewContext;
  accountName: string;
  addresses: string[];
  form: FormState;
  userInputs: string[];
  server: MailServerSettings;
  security: SecurityEvent[];
  failedLogins: FailedLogins;
  activity: MailLoginActivity;
  appPasswords: AppPasswordRow[];
  appPasswordsOnly: boolean;
  appPasswordForm?: FormState;
  now: Date;
  addressChoices: { value: string; label: string }[];
  delivery: DeliveryEditors;
  usage: MailboxUsage;
  quotaWarnedAt: string | null;
}) {
  const { ctx, accountName, addresses, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mail.self.title')} narrow hideNav>
      <MailLogout ctx={ctx} accountName={accountName} />
      <h1>{t('mail.self.title')}</h1>
      <p class="lead">{t('mail.self.intro', { account: accountName })}</p>
      {addresses.length > 0 && <p>{t('mail.self.addresses', { addresses: addresses.join(', ') })}</p>}
      <RecentSecurity ctx={ctx} events={props.security} />
      <UsageSection ctx={ctx} usage={props.usage} warnedAt={props.quotaWarnedAt} self />
      <FormCard ctx={ctx} form={form} action="/mail-admin/postfach/password" submit={t('mail.password.save')}>
        <TextField ctx={ctx} form={form} name="currentPassword" label="mail.self.current" type="password" autocomplete="current-password" maxLength={256} required />
        <PasswordFields ctx={ctx} form={form} userInputs={[...props.userInputs, accountName]} allowGenerate={false} />
      </FormCard>
      <AppPasswordsSection ctx={ctx} action="/mail-admin/postfach/app-passwords" appPasswords={props.appPasswords} appPasswordsOnly={props.appPasswordsOnly} form={props.appPasswordForm} now={props.now} />
      <AutoReplyEditor ctx={ctx} rules={props.delivery.rules} state={props.delivery.autoReply} addresses={props.addressChoices} action="/mail-admin/postfach/auto-reply" pageUrl="/mail-admin/postfach" />
      <ForwardingEditor ctx={ctx} rules={props.delivery.rules} state={props.delivery.forwarding} action="/mail-admin/postfach/forwarding" />
      <section class="card">
        <h2>{t('mail.cred.servers')}</h2>
        <p class="small muted">{t('mail.self.userNames', { names: [accountName, ...addresses].join(', ') })}</p>
        <ServerTable ctx={ctx} server={props.server} />
        <p>
          <a href="/mail-admin/postfach/diagnose">{t('mail.diag.link')}</a>
        </p>
      </section>
      <LoginActivitySection ctx={ctx} activity={props.activity} />
      <FailedLoginsSection ctx={ctx} lines={props.failedLogins} />
      <PasswordMeter />
    </Layout>
  );
}
