import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, TextField, type Message } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';

export function StaffLoginPage({ ctx, form, next, message, notice }: { ctx: ViewContext; form: FormState; next: string; message?: Message; notice?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.loginTitle')} narrow>
      <h1>{t('staff.loginTitle')}</h1>
      <Alert ctx={ctx} message={message} />
      {notice && (
        <p class="flash flash-info" role="status">
          {t(notice)}
        </p>
      )}
      <form method="post" action="/staff/login" class="card form" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} />
        <input type="hidden" name="next" value={next} />
        <TextField ctx={ctx} form={form} name="login" label="staff.login" autocomplete="username" required maxLength={64} autofocus />
        <TextField ctx={ctx} form={form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('login.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
