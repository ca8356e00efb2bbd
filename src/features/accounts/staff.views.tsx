import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, PostButton, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { AuditEvent } from '../audit/index.ts';
import { SecurityEventsTable } from '../audit/ui.ts';
import type { FailedLogins } from './login-throttle.ts';
import { FailedLoginsList } from './login-throttle.views.tsx';

export function StaffLoginPage(p: { ctx: ViewContext; form: FormState; next: string; message?: { key: MessageKey; params?: Record<string, string | number> }; notice?: MessageKey }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('staff.loginTitle')} narrow>
      <h1>{t('staff.loginTitle')}</h1>
      <Alert ctx={p.ctx} message={p.message} />
      {p.notice && (
        <p class="flash flash-info" role="status">
          {t(p.notice)}
        </p>
      )}
      <form method="post" action="/staff/login" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <TextField ctx={p.ctx} form={p.form} name="login" label="staff.login" autocomplete="username" required maxLength={64} autofocus />
        <TextField ctx={p.ctx} form={p.form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('login.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The staff user's own account: a new password, and what happened to the account lately. */
export function StaffAccountPage(p: { ctx: ViewContext; login: string; form: FormState; failedLogins: FailedLogins; events: AuditEvent[] }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('staff.account.title')}>
      <h1>{t('staff.account.title')}</h1>
      <p class="lead">{t('staff.account.intro', { login: p.login })}</p>
      <section class="card">
        <h2>{t('staff.account.passwordTitle')}</h2>
        <p>{t('staff.account.passwordIntro')}</p>
        <form method="post" action="/staff/account/password" class="form" novalidate>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.form} />
          <TextField ctx={p.ctx} form={p.form} name="currentPassword" label="staff.account.current" type="password" autocomplete="current-password" required maxLength={256} />
          <TextField ctx={p.ctx} form={p.form} name="password" label="staff.account.new" type="password" autocomplete="new-password" required maxLength={256} />
          <TextField ctx={p.ctx} form={p.form} name="passwordRepeat" label="staff.account.repeat" type="password" autocomplete="new-password" required maxLength={256} />
          <div class="actions">
            <button type="submit" class="button primary">
              {t('staff.account.save')}
            </button>
          </div>
        </form>
      </section>
      <section class="card" id="anmeldeversuche">
        <h2>{t('limits.failed.title')}</h2>
        <p class="small muted">{t('limits.failed.intro')}</p>
        <FailedLoginsList ctx={p.ctx} lines={p.failedLogins} />
      </section>
      <section class="card">
        <h2>{t('security.eventsTitle')}</h2>
        <SecurityEventsTable ctx={p.ctx} events={p.events} />
      </section>
    </Layout>
  );
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdByLogin: string | null;
}

export function ApiTokensPage(p: { ctx: ViewContext; tokens: TokenRow[]; form: FormState; created?: { name: string; token: string } }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('staff.tokensTitle')}>
      <h1>{t('staff.tokensTitle')}</h1>
      <p class="lead">{t('staff.tokensIntro')}</p>
      {p.created && (
        <div class="secret card" role="status">
          <p>
            <strong>{t('staff.tokenCreated')}</strong> {p.created.name}
          </p>
          <p>
            <code class="secret-value">{p.created.token}</code>
          </p>
        </div>
      )}
      <form method="post" action="/staff/api-tokens" class="card form">
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <TextField ctx={p.ctx} form={p.form} name="name" label="staff.tokenName" required maxLength={100} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('staff.tokenCreate')}
          </button>
        </div>
      </form>
      {p.tokens.length === 0 ? (
        <p>{t('staff.tokenNone')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('staff.tokenName')}</th>
                <th scope="col">{t('staff.tokenPrefix')}</th>
                <th scope="col">{t('common.createdAt')}</th>
                <th scope="col">{t('staff.tokenLastUsed')}</th>
                <th scope="col">{t('staff.tokenStatus')}</th>
                <th scope="col" class="right">
                  <span class="visually-hidden">{t('domains.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((tok) => (
                <tr>
                  <th scope="row">{tok.name}</th>
                  <td>
                    <code>{tok.prefix}…</code>
                  </td>
                  <td>
                    {formatDateTime(tok.createdAt, lang)} {tok.createdByLogin && <small class="muted">({tok.createdByLogin})</small>}
                  </td>
                  <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : '—'}</td>
                  <td>{tok.revokedAt ? t('staff.tokenRevokedState') : t('staff.tokenActive')}</td>
                  <td class="right">
                    {!tok.revokedAt && (
                      <PostButton ctx={p.ctx} action={`/staff/api-tokens/${tok.id}/revoke`} class="button danger" label={`${t('staff.tokenRevoke')}: ${tok.name}`}>
                        {t('staff.tokenRevoke')}
                      </PostButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function AuditPage(p: { ctx: ViewContext; events: AuditEvent[] }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('staff.auditTitle')}>
      <h1>{t('staff.auditTitle')}</h1>
      <div class="table-wrap">
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">{t('staff.auditAt')}</th>
              <th scope="col">{t('staff.auditActor')}</th>
              <th scope="col">{t('staff.auditEvent')}</th>
              <th scope="col">{t('staff.auditSubject')}</th>
              <th scope="col">{t('staff.auditIp')}</th>
            </tr>
          </thead>
          <tbody>
            {p.events.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>
                  <code>{e.actor}</code>
                </td>
                <td>
                  <code>{e.event}</code>
                </td>
                <td>{e.subject ?? '—'}</td>
                <td>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** A staff member's own access: failed attempts with their login and their latest events. */
