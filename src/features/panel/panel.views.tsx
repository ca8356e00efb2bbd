import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { PostButton } from '../../platform/views/form.tsx';
import { displayName, formatMenuPath, mailSettingsPath, manualLoginSteps, type PanelError } from '../../integrations/plesk/index.ts';
import type { PanelContract } from './panel.service.ts';
import { CustomerFailure, TicketButton, ticketLink } from './panel.parts.tsx';

export function PanelFailurePage({ ctx, subscription, error }: { ctx: ViewContext; subscription: PanelContract; error: PanelError }) {
  const { t } = ctx;
  const contractNumber = subscription.contract.contractNumber;
  const subject = t('plesk.ticket.ssoSubject', { contract: contractNumber });
  return (
    <Layout ctx={ctx} title={t('plesk.sso.title')} narrow>
      <h1>{t('plesk.sso.title')}</h1>
      <CustomerFailure ctx={ctx} error={error} />
      <p>{t('plesk.failure.ticketHint')}</p>
      <p class="actions">
        <TicketButton ctx={ctx} href={ticketLink(subject, 'contract', contractNumber)} />
        <PostButton ctx={ctx} action={`/contracts/${contractNumber}/panel`}>
          {t('plesk.failure.retry')}
        </PostButton>
      </p>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

/** The hop into a fresh Plesk session: an immediate refresh, and a link for when it does not happen. */
export function PanelRedirectPage({ ctx, url }: { ctx: ViewContext; url: string }) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content={`0;url=${url}`} />
        <meta name="referrer" content="no-referrer" />
        <title>{`${t('plesk.sso.title')} – ${ctx.branding.name}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main id="main" class="narrow">
          <h1>{t('plesk.sso.title')}</h1>
          <p class="lead">{t('plesk.sso.redirecting')}</p>
          <p>
            <a class="button primary" href={url} id="plesk-session" rel="noreferrer">
              {t('plesk.sso.continue')}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}

/** Plesk 8/9: no session API, so the login page and how to log in there. */
export function PanelLoginPage({ ctx, subscription, loginUrl }: { ctx: ViewContext; subscription: PanelContract; loginUrl: string }) {
  const { t, lang } = ctx;
  const steps = manualLoginSteps(subscription.version, lang);
  return (
    <Layout ctx={ctx} title={t('plesk.sso.title')} narrow>
      <h1>{t('plesk.sso.title')}</h1>
      <p class="lead">{t('plesk.login.intro', { server: subscription.server?.name ?? '', version: displayName(subscription.version) })}</p>
      <ol class="steps">
        <li>
          {t('plesk.login.step1')}{' '}
          <a class="button primary" href={loginUrl} rel="noopener noreferrer" id="plesk-login-page">
            {t('plesk.login.open')}
          </a>
          <small class="muted block">
            <code>{loginUrl}</code>
          </small>
        </li>
        <li>
          {t('plesk.login.step2', { field: steps.userField })} <code id="plesk-login">{subscription.contract.panelLogin}</code>
        </li>
        <li>{t('plesk.login.step3', { field: steps.passwordField, forgot: steps.forgotLink })}</li>
      </ol>
      <p class="muted">{t('plesk.login.mailPath', { path: formatMenuPath(mailSettingsPath(subscription.version, lang)) })}</p>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}
