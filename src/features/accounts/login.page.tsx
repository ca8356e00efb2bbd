import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, TextField, type Message } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';

/** The customer login; `message` says why the last attempt failed, `notice` and `note` inform. */
export function LoginPage({ ctx, form, next, message, notice, note }: { ctx: ViewContext; form: FormState; next: string; message?: Message; notice?: MessageKey; note?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')} narrow>
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.intro')}</p>
      {notice && (
        <p class="flash flash-info" role="status">
          {t(notice)}
        </p>
      )}
      <Alert ctx={ctx} message={message} />
      {note && (
        <p class="flash flash-info" role="status">
          {t(note)}
        </p>
      )}
      <form method="post" action="/login" class="card form" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} />
        <input type="hidden" name="next" value={next} />
        <TextField ctx={ctx} form={form} name="identifier" label="login.identifier" autocomplete="username" required maxLength={320} autofocus />
        <TextField ctx={ctx} form={form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('login.submit')}
          </button>
          <a href="/passwort-vergessen">{t('login.forgot')}</a>
        </div>
      </form>
      <p class="muted small">
        <a href="/staff/login">{t('login.staffLink')}</a>
      </p>
    </Layout>
  );
}
