import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, PostButton, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { SecurityEventsTable, type SecurityEvent } from '../audit/ui.ts';
import type { FailedLogins } from './login-throttle.ts';
import { FailedLoginsList } from './login-throttle.views.tsx';

export function SecondFactorPage(p: { ctx: ViewContext; action: string; message?: { key: MessageKey; params?: Record<string, string | number> }; notice?: MessageKey }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('twoFactor.codeTitle')} narrow>
      <h1>{t('twoFactor.codeTitle')}</h1>
      <p class="lead">{t('twoFactor.codeIntro')}</p>
      <Alert ctx={p.ctx} message={p.message} />
      {p.notice && (
        <p class="flash flash-info" role="status">
          {t(p.notice)}
        </p>
      )}
      <form method="post" action={p.action} class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <CodeField ctx={p.ctx} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('twoFactor.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

function CodeField({ ctx, form, label }: { ctx: ViewContext; form?: FormState; label?: MessageKey }) {
  return (
    <TextField
      ctx={ctx}
      form={form ?? { values: {}, errors: {} }}
      name="code"
      label={label ?? 'twoFactor.code'}
      autocomplete="one-time-code"
      inputMode="numeric"
      required
      maxLength={20}
      autofocus
    />
  );
}

/** The QR code, the key for typing by hand and the first code that confirms them. */
export function EnrollmentPage(p: { ctx: ViewContext; action: string; secret: string; qrDataUri: string; form: FormState; staffRequired?: boolean }) {
  const { t } = p.ctx;
  const grouped = p.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <Layout ctx={p.ctx} title={t('twoFactor.setupTitle')} narrow hideNav={p.staffRequired}>
      <h1>{t('twoFactor.setupTitle')}</h1>
      {p.staffRequired && <p class="flash flash-info">{t('twoFactor.staffRequired')}</p>}
      <p class="lead">{t('twoFactor.setupIntro')}</p>
      <div class="card enrollment">
        <img src={p.qrDataUri} alt={t('twoFactor.qrAlt')} width={220} height={220} class="qr" />
        <p>
          {t('twoFactor.secret')}: <code class="totp-secret" data-secret={p.secret}>{grouped}</code>
        </p>
      </div>
      <form method="post" action={p.action} class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <CodeField ctx={p.ctx} form={p.form} label="twoFactor.setupCode" />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('twoFactor.confirmSetup')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function BackupCodesPage(p: { ctx: ViewContext; codes: string[]; next: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('twoFactor.backupTitle')} narrow>
      <h1>{t('twoFactor.backupTitle')}</h1>
      <div class="secret card">
        <p>{t('twoFactor.backupIntro')}</p>
        <ul class="backup-codes">
          {p.codes.map((c) => (
            <li>
              <code class="secret-value">{c}</code>
            </li>
          ))}
        </ul>
      </div>
      <p>
        <a class="button primary" href={p.next}>
          {t('twoFactor.continue')}
        </a>
      </p>
    </Layout>
  );
}

export function SecurityPage(p: { ctx: ViewContext; enabled: boolean; backupLeft: number; events: SecurityEvent[]; form: FormState; message?: MessageKey; failedLogins: FailedLogins }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('nav.security')}>
      <h1>{t('nav.security')}</h1>
      <section class="card">
        <h2>{t('twoFactor.title')}</h2>
        <p>
          {t('twoFactor.status')}: <strong>{p.enabled ? t('twoFactor.enabled') : t('twoFactor.disabled')}</strong>
        </p>
        {p.enabled ? (
          <>
            <p class="muted">{t('twoFactor.backupLeft', { count: p.backupLeft })}</p>
            <h3>{t('twoFactor.disable')}</h3>
            <p>{t('twoFactor.disableIntro')}</p>
            <form method="post" action="/sicherheit/2fa/disable" class="form" novalidate>
              <Csrf ctx={p.ctx} />
              <ErrorSummary ctx={p.ctx} form={p.form} message={p.message} />
              <TextField ctx={p.ctx} form={p.form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
              <TextField ctx={p.ctx} form={p.form} name="code" label="twoFactor.code" autocomplete="one-time-code" inputMode="numeric" required maxLength={20} />
              <div class="actions">
                <button type="submit" class="button danger">
                  {t('twoFactor.disable')}
                </button>
              </div>
            </form>
          </>
        ) : (
          <>
            <p>{t('twoFactor.recommend')}</p>
            <PostButton ctx={p.ctx} action="/sicherheit/2fa/start" class="button primary">
              {t('twoFactor.start')}
            </PostButton>
          </>
        )}
        <p class="muted">{t('twoFactor.mailNote')}</p>
      </section>
      <section class="card" id="anmeldeversuche">
        <h2>{t('limits.failed.title')}</h2>
        <p class="small muted">{t('limits.failed.intro')}</p>
        <FailedLoginsList ctx={p.ctx} lines={p.failedLogins} />
      </section>
      <section class="card">
        <h2>{t('security.eventsTitle')}</h2>
        <p>{t('security.eventsIntro')}</p>
        <h3>{t('security.recentTitle')}</h3>
        <SecurityEventsTable ctx={p.ctx} events={p.events} />
        <p>
          <a href="/support/security">{t('security.eventsLink')}</a>
        </p>
      </section>
      <section class="card">
        <h2>{t('nav.logoutEverywhere')}</h2>
        <p>{t('masterData.logoutEverywhereHint')}</p>
        <PostButton ctx={p.ctx} action="/logout-everywhere" class="button">
          {t('nav.logoutEverywhere')}
        </PostButton>
      </section>
    </Layout>
  );
}
