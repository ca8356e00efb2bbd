import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard, PostButton, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { SecurityEventsTable, type SecurityEvent } from '../audit/ui.ts';
import type { FailedLogins } from './login-throttle.ts';
import { FailedLoginsCard } from './login-throttle.views.tsx';
import { CodeField } from './two-factor.parts.tsx';

/** "Sicherheit" in the customer area: the second factor, failed attempts, latest events, logging out everywhere. */
export function SecurityPage(props: { ctx: ViewContext; enabled: boolean; backupCodesLeft: number; events: SecurityEvent[]; form: FormState; failedLogins: FailedLogins }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('nav.security')}>
      <h1>{t('nav.security')}</h1>
      <section class="card">
        <h2>{t('twoFactor.title')}</h2>
        <p>
          {t('twoFactor.status')}: <strong>{props.enabled ? t('twoFactor.enabled') : t('twoFactor.disabled')}</strong>
        </p>
        {props.enabled ? (
          <>
            <p class="muted">{t('twoFactor.backupLeft', { count: props.backupCodesLeft })}</p>
            <FormCard ctx={ctx} form={form} action="/sicherheit/2fa/disable" title={t('twoFactor.disable')} level={3} intro={<p>{t('twoFactor.disableIntro')}</p>} submit={t('twoFactor.disable')} plain danger>
              <TextField ctx={ctx} form={form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
              <CodeField ctx={ctx} form={form} autofocus={false} />
            </FormCard>
          </>
        ) : (
          <>
            <p>{t('twoFactor.recommend')}</p>
            <PostButton ctx={ctx} action="/sicherheit/2fa/start" class="button primary">
              {t('twoFactor.start')}
            </PostButton>
          </>
        )}
        <p class="muted">{t('twoFactor.mailNote')}</p>
      </section>
      <FailedLoginsCard ctx={ctx} failedLogins={props.failedLogins} />
      <section class="card">
        <h2>{t('security.eventsTitle')}</h2>
        <p>{t('security.eventsIntro')}</p>
        <h3>{t('security.recentTitle')}</h3>
        <SecurityEventsTable ctx={ctx} events={props.events} />
        <p>
          <a href="/support/security">{t('security.eventsLink')}</a>
        </p>
      </section>
      <section class="card">
        <h2>{t('nav.logoutEverywhere')}</h2>
        <p>{t('masterData.logoutEverywhereHint')}</p>
        <PostButton ctx={ctx} action="/logout-everywhere" class="button">
          {t('nav.logoutEverywhere')}
        </PostButton>
      </section>
    </Layout>
  );
}
