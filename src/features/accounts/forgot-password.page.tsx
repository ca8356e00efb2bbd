import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, FormCard, TextField, type Message } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';

/** "Passwort vergessen": the form, or (`sent`) the answer that is the same whether an account exists or not. */
export function ForgotPasswordPage({ ctx, form, sent, message }: { ctx: ViewContext; form: FormState; sent?: boolean; message?: MessageKey | Message }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forgot.title')} narrow>
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <p class="flash flash-success" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('forgot.intro')}</p>
          <Alert ctx={ctx} message={message} />
          <FormCard ctx={ctx} form={form} action="/passwort-vergessen" submit={t('forgot.submit')}>
            <TextField ctx={ctx} form={form} name="identifier" label="login.identifier" autocomplete="username" required maxLength={320} autofocus />
          </FormCard>
        </>
      )}
      <p>
        <a href="/login">{t('common.back')}</a>
      </p>
    </Layout>
  );
}
