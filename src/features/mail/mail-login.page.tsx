import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, FormCard, TextField, type Message } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';

/** The one login of the E-Mail-Administration (`.001`) and of every mailbox's self-service. */
export function MailLoginPage({ ctx, form, next, failed, notice }: { ctx: ViewContext; form: FormState; next: string; failed?: Message; notice?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mail.login.title')} narrow>
      <h1>{t('mail.login.title')}</h1>
      <p class="lead">{t('mail.login.intro')}</p>
      <Alert ctx={ctx} message={failed} />
      {notice && (
        <p class="flash flash-info" role="status">
          {t(notice)}
        </p>
      )}
      <FormCard ctx={ctx} form={form} action="/mail-admin/login" submit={t('login.submit')}>
        <input type="hidden" name="next" value={next} />
        <TextField ctx={ctx} form={form} name="login" label="mail.login.user" hint="mail.login.userHint" autocomplete="username" required maxLength={320} autofocus />
        <TextField ctx={ctx} form={form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
      </FormCard>
      <p class="muted small">{t('mail.login.customerHint')}</p>
      <p class="muted small">
        <a href="/login">{t('mail.login.customerLink')}</a>
      </p>
    </Layout>
  );
}
