import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';

export function LoginPage(p: { ctx: ViewContext; form: FormState; next: string; message?: { key: MessageKey; params?: Record<string, string | number> }; notice?: MessageKey; note?: MessageKey }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('login.title')} narrow>
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.intro')}</p>
      {p.notice && (
        <p class="flash flash-info" role="status">
          {t(p.notice)}
        </p>
      )}
      <Alert ctx={p.ctx} message={p.message} />
      {p.note && (
        <p class="flash flash-info" role="status">
          {t(p.note)}
        </p>
      )}
      <form method="post" action="/login" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <TextField ctx={p.ctx} form={p.form} name="identifier" label="login.identifier" autocomplete="username" required maxLength={320} autofocus />
        <TextField ctx={p.ctx} form={p.form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
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

export function ForgotPage(p: { ctx: ViewContext; form: FormState; sent?: boolean; message?: MessageKey | { key: MessageKey; params?: Record<string, string | number> } }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('forgot.title')} narrow>
      <h1>{t('forgot.title')}</h1>
      {p.sent ? (
        <p class="flash flash-success" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('forgot.intro')}</p>
          <Alert ctx={p.ctx} message={p.message} />
          <form method="post" action="/passwort-vergessen" class="card form">
            <Csrf ctx={p.ctx} />
            <TextField ctx={p.ctx} form={p.form} name="identifier" label="login.identifier" autocomplete="username" required maxLength={320} autofocus />
            <div class="actions">
              <button type="submit" class="button primary">
                {t('forgot.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      <p>
        <a href="/login">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

export function ResetPage(p: { ctx: ViewContext; form: FormState; token: string | null }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('reset.title')} narrow>
      <h1>{t('reset.title')}</h1>
      {p.token === null ? (
        <>
          <Alert ctx={p.ctx} message="reset.invalid" />
          <p>
            <a href="/passwort-vergessen">{t('login.forgot')}</a>
          </p>
        </>
      ) : (
        <form method="post" action="/passwort-neu" class="card form">
          <Csrf ctx={p.ctx} />
          <input type="hidden" name="token" value={p.token} />
          <ErrorSummary ctx={p.ctx} form={p.form} />
          <TextField ctx={p.ctx} form={p.form} name="password" label="reset.password" type="password" autocomplete="new-password" required maxLength={256} hint="password.hint" />
          <TextField ctx={p.ctx} form={p.form} name="passwordRepeat" label="reset.passwordRepeat" type="password" autocomplete="new-password" required maxLength={256} />
          <div class="actions">
            <button type="submit" class="button primary">
              {t('reset.submit')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
