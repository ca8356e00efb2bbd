import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { ServerTable } from '../mail/ui.ts';
import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { MailEndpoint } from '../mail/index.ts';
import type { PanelServer } from '../contracts/index.ts';
import {
  customerFailureOf,
  displayName,
  formatMenuPath,
  mailSettingsPath,
  manualLoginSteps,
  staffFailureOf,
  type PanelError,
  type PanelMailbox,
} from '../../integrations/plesk/index.ts';
import { PANEL_VERSION_CHOICES, type PanelContract } from './panel.service.ts';

/** The SupportCenter's "Neues Ticket erstellen", prefilled (the SupportCenter serves /support/tickets/new). */
export function ticketLink(subject: string, category: string, contract: string): string {
  const q = new URLSearchParams({ subject, category, contract });
  return `/support/tickets/new?${q.toString()}`;
}

function TicketButton({ ctx, href }: { ctx: ViewContext; href: string }) {
  return (
    <a class="button primary" href={href} id="new-ticket">
      {ctx.t('plesk.failure.newTicket')}
    </a>
  );
}

export function PanelFailurePage(p: { ctx: ViewContext; pc: PanelContract | null; contractNumber: string; error: PanelError }) {
  const { t } = p.ctx;
  const reason = customerFailureOf(p.error);
  const subject = t('plesk.ticket.ssoSubject', { contract: p.contractNumber });
  return (
    <Layout ctx={p.ctx} title={t('plesk.sso.title')} narrow>
      <h1>{t('plesk.sso.title')}</h1>
      <div class="error-summary" role="alert">
        <p>{t(`plesk.failure.${reason}` as MessageKey)}</p>
      </div>
      <p>{t('plesk.failure.ticketHint')}</p>
      <p class="actions">
        <TicketButton ctx={p.ctx} href={ticketLink(subject, 'contract', p.contractNumber)} />
        <form method="post" action={`/contracts/${p.contractNumber}/panel`} class="inline">
          <Csrf ctx={p.ctx} />
          <button type="submit" class="button">
            {t('plesk.failure.retry')}
          </button>
        </form>
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
        <title>{`${t('plesk.sso.title')} – ${t('app.name')}`}</title>
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
export function PanelLoginPage(p: { ctx: ViewContext; pc: PanelContract; loginUrl: string }) {
  const { t, lang } = p.ctx;
  const steps = manualLoginSteps(p.pc.version, lang);
  return (
    <Layout ctx={p.ctx} title={t('plesk.sso.title')} narrow>
      <h1>{t('plesk.sso.title')}</h1>
      <p class="lead">{t('plesk.login.intro', { server: p.pc.server?.name ?? '', version: displayName(p.pc.version) })}</p>
      <ol class="steps">
        <li>
          {t('plesk.login.step1')}{' '}
          <a class="button primary" href={p.loginUrl} rel="noopener noreferrer" id="plesk-login-page">
            {t('plesk.login.open')}
          </a>
          <small class="muted block">
            <code>{p.loginUrl}</code>
          </small>
        </li>
        <li>
          {t('plesk.login.step2', { field: steps.userField })} <code id="plesk-login">{p.pc.contract.panelLogin}</code>
        </li>
        <li>{t('plesk.login.step3', { field: steps.passwordField, forgot: steps.forgotLink })}</li>
      </ol>
      <p class="muted">{t('plesk.login.mailPath', { path: formatMenuPath(mailSettingsPath(p.pc.version, lang)) })}</p>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

export interface MailEndpoints {
  imap: MailEndpoint;
  pop3: MailEndpoint;
  smtp: MailEndpoint;
}

export function PleskMailPage(p: {
  ctx: ViewContext;
  pc: PanelContract;
  mailboxes: PanelMailbox[] | null;
  error: PanelError | null;
  endpoints: MailEndpoints;
  form: FormState;
}) {
  const { t, lang } = p.ctx;
  const number = p.pc.contract.contractNumber;
  const canSet = !!p.pc.server?.mailPasswordEnabled;
  const path = formatMenuPath(mailSettingsPath(p.pc.version, lang));
  return (
    <Layout ctx={p.ctx} title={t('plesk.mail.title', { contract: number })}>
      <h1>{t('plesk.mail.title', { contract: number })}</h1>
      <p class="lead">{t('plesk.mail.intro', { version: displayName(p.pc.version) })}</p>
      <section class="card">
        <h2>{t('credentials.server')}</h2>
        <ServerTable ctx={p.ctx} server={p.endpoints} />
        <p class="muted">{t('plesk.mail.userNameHint')}</p>
      </section>
      <section class="card" id="postfaecher">
        <h2>{t('plesk.mail.mailboxes')}</h2>
        {p.error ? (
          <>
            <div class="error-summary" role="alert">
              <p>{t(`plesk.failure.${customerFailureOf(p.error)}` as MessageKey)}</p>
            </div>
            <p>
              <TicketButton ctx={p.ctx} href={ticketLink(t('plesk.ticket.mailSubject', { contract: number }), 'email', number)} />
            </p>
          </>
        ) : p.mailboxes && p.mailboxes.length > 0 ? (
          <div class="table-wrap">
            <table class="table" id="plesk-mailboxes">
              <thead>
                <tr>
                  <th scope="col">{t('credentials.userName')}</th>
                  <th scope="col">{t('credentials.quota')}</th>
                  <th scope="col">{t('domains.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.mailboxes.map((m) => (
                  <tr>
                    <th scope="row">
                      <code>{m.address}</code>
                    </th>
                    <td>{m.quotaBytes === null ? t('plesk.mail.unlimited') : `${Math.round(m.quotaBytes / 1024 / 1024)} MB`}</td>
                    <td>{m.enabled ? t('plesk.mail.enabled') : <span class="badge badge-suspended">{t('credentials.inactive')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('plesk.mail.none')}</p>
        )}
      </section>
      <section class="card" id="passwort">
        <h2>{t('plesk.mail.passwordTitle')}</h2>
        {canSet && p.mailboxes && p.mailboxes.length > 0 ? (
          <form method="post" action={`/contracts/${number}/plesk-mail/password`} novalidate>
            <ErrorSummary ctx={p.ctx} form={p.form} />
            <Csrf ctx={p.ctx} />
            <SelectField ctx={p.ctx} form={p.form} name="address" label="plesk.mail.address" required options={p.mailboxes.map((m) => ({ value: m.address, label: m.address }))} />
            <TextField ctx={p.ctx} form={p.form} name="password" type="password" label="reset.password" autocomplete="new-password" hint="password.hint" required maxLength={256} />
            <TextField ctx={p.ctx} form={p.form} name="passwordRepeat" type="password" label="reset.passwordRepeat" autocomplete="new-password" required maxLength={256} />
            <p class="actions">
              <button type="submit" class="button primary">
                {t('plesk.mail.setPassword')}
              </button>
            </p>
          </form>
        ) : (
          <p>{t('plesk.mail.inPanel')}</p>
        )}
        <p class="muted" id="plesk-menu-path">
          {t('plesk.mail.menuPath', { version: displayName(p.pc.version), path })}
        </p>
      </section>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

/* ---- staff: Plesk servers ---- */

export function PanelServersPage(p: { ctx: ViewContext; servers: PanelServer[] }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('plesk.admin.title')}>
      <h1>{t('plesk.admin.title')}</h1>
      <p class="lead">{t('plesk.admin.intro')}</p>
      <p>
        <a class="button primary" href="/staff/panel-servers/new">
          {t('plesk.admin.new')}
        </a>
      </p>
      <div class="table-wrap">
        <table class="table" id="panel-servers">
          <thead>
            <tr>
              <th scope="col">{t('plesk.admin.name')}</th>
              <th scope="col">URL</th>
              <th scope="col">{t('plesk.admin.version')}</th>
              <th scope="col">{t('plesk.admin.detected')}</th>
              <th scope="col">{t('plesk.admin.access')}</th>
            </tr>
          </thead>
          <tbody>
            {p.servers.map((s) => (
              <tr>
                <th scope="row">
                  <a href={`/staff/panel-servers/${s.id}`}>{s.name}</a> {s.simulator ? <span class="badge">{t('plesk.admin.simulator')}</span> : null}
                </th>
                <td>
                  <code>{s.url}</code>
                </td>
                <td>{s.version ?? '–'}</td>
                <td>
                  {s.detectedVersion ? (
                    <>
                      {displayName(s.detectedVersion)} <small class="muted block">{t('plesk.admin.protocolAt', { protocol: s.protocol ?? '', at: s.detectedAt ? formatDateTime(s.detectedAt, lang) : '' })}</small>
                    </>
                  ) : (
                    t('plesk.admin.notDetected')
                  )}
                </td>
                <td>
                  {t(s.authKind === 'password' ? 'plesk.admin.authPassword' : 'plesk.admin.authKey')}
                  {s.secretEnc ? '' : ` – ${t('plesk.admin.noSecret')}`}
                  {s.caPem ? ` · ${t('plesk.admin.caPinned')}` : ''}
                  {s.mailPasswordEnabled ? ` · ${t('plesk.admin.mailPasswords')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function PanelServerFormPage(p: { ctx: ViewContext; server: PanelServer | null; form: FormState; detectError?: PanelError | null }) {
  const { t, lang } = p.ctx;
  const s = p.server;
  const action = s ? `/staff/panel-servers/${s.id}` : '/staff/panel-servers';
  const title = s ? t('plesk.admin.editTitle', { name: s.name }) : t('plesk.admin.new');
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <h1>{title}</h1>
      {s && (
        <section class="card">
          <h2>{t('plesk.admin.detected')}</h2>
          {p.detectError && (
            <div class="error-summary" role="alert" id="detect-error">
              <p>{t(`plesk.staff.${staffFailureOf(p.detectError)}` as MessageKey, { code: p.detectError.code ?? '' })}</p>
              <p>
                <code>{p.detectError.detail}</code>
              </p>
            </div>
          )}
          <p id="detected-version">
            {s.detectedVersion
              ? t('plesk.admin.detectedAs', { version: displayName(s.detectedVersion), protocol: s.protocol ?? '', at: s.detectedAt ? formatDateTime(s.detectedAt, lang) : '' })
              : t('plesk.admin.notDetected')}
          </p>
          <form method="post" action={`/staff/panel-servers/${s.id}/detect`}>
            <Csrf ctx={p.ctx} />
            <button type="submit" class="button">
              {t('plesk.admin.detect')}
            </button>
          </form>
        </section>
      )}
      <form method="post" action={action} novalidate class="card">
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <Csrf ctx={p.ctx} />
        <TextField ctx={p.ctx} form={p.form} name="name" label="plesk.admin.name" required maxLength={100} hint="plesk.admin.nameHint" />
        <TextField ctx={p.ctx} form={p.form} name="url" label="plesk.admin.url" type="url" required maxLength={300} hint="plesk.admin.urlHint" />
        <SelectField
          ctx={p.ctx}
          form={p.form}
          name="version"
          label="plesk.admin.version"
          options={PANEL_VERSION_CHOICES.map((v) => ({ value: v, label: v === '' ? t('plesk.admin.versionUnknown') : displayName(v) }))}
        />
        <SelectField
          ctx={p.ctx}
          form={p.form}
          name="authKind"
          label="plesk.admin.access"
          options={[
            { value: 'key', label: t('plesk.admin.authKey') },
            { value: 'password', label: t('plesk.admin.authPassword') },
          ]}
        />
        <TextField ctx={p.ctx} form={p.form} name="apiLogin" label="plesk.admin.apiLogin" autocomplete="off" maxLength={100} hint="plesk.admin.apiLoginHint" />
        <TextField ctx={p.ctx} form={p.form} name="secret" type="password" label="plesk.admin.secret" autocomplete="new-password" maxLength={500} hint={s ? 'plesk.admin.secretKeep' : 'plesk.admin.secretHint'} />
        <TextArea ctx={p.ctx} form={p.form} name="caPem" label="plesk.admin.ca" rows={6} />
        <p class="hint">{t('plesk.admin.caHint')}</p>
        <div class="field">
          <label>
            <input type="checkbox" name="mailPasswordEnabled" value="on" checked={!!p.form.values.mailPasswordEnabled} /> {t('plesk.admin.mailPasswordEnabled')}
          </label>
        </div>
        <p class="actions">
          <button type="submit" class="button primary">
            {t('plesk.admin.save')}
          </button>
          <a href="/staff/panel-servers">{t('common.back')}</a>
        </p>
      </form>
    </Layout>
  );
}
