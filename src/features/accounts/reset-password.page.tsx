import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, FormCard, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';

/** A new password from the reset link; `token` null: the link is unknown, spent or expired. */
export function ResetPasswordPage({ ctx, form, token }: { ctx: ViewContext; form: FormState; token: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')} narrow>
      <h1>{t('reset.title')}</h1>
      {token === null ? (
        <>
          <Alert ctx={ctx} message="reset.invalid" />
          <p>
            <a href="/passwort-vergessen">{t('login.forgot')}</a>
          </p>
        </>
      ) : (
        <FormCard ctx={ctx} form={form} action="/passwort-neu" submit={t('reset.submit')}>
          <input type="hidden" name="token" value={token} />
          <TextField ctx={ctx} form={form} name="password" label="reset.password" type="password" autocomplete="new-password" required maxLength={256} hint="password.hint" />
          <TextField ctx={ctx} form={form} name="passwordRepeat" label="reset.passwordRepeat" type="password" autocomplete="new-password" required maxLength={256} />
        </FormCard>
      )}
    </Layout>
  );
}
