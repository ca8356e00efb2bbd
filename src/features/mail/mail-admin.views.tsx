import type { ComponentChildren } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { MailOverview, OverviewAccount } from './mail-admin.service.ts';
import type { MailServerSettings } from './mail.config.ts';
import { ServerTable } from './server-table.views.tsx';
import type { FailedLogins } from '../accounts/index.ts';
import { FailedLoginsList } from '../accounts/ui.ts';
import { describeSecurityEvent, type SecurityEvent } from '../audit/ui.ts';
import { LoginActivitySection } from './login-activity.views.tsx';
import type { MailLoginActivity } from './login-activity.service.ts';

/** What happened to an account's sessions lately, in plain words; nothing when nothing did. */
function RecentSecurity(p: { ctx: ViewContext; events: SecurityEvent[] }) {
  const { t, lang } = p.ctx;
  if (p.events.length === 0) return null;
  return (
    <section class="card" id="sicherheit" aria-labelledby="sicherheit-title">
      <h2 id="sicherheit-title">{t('mail.security.title')}</h2>
      <ul class="plain">
        {p.events.map((e) => (
          <li>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>: {describeSecurityEvent(t, e)}
          </li>
        ))}
      </ul>
      <p class="small muted">{t('mail.security.hint')}</p>
    </section>
  );
}

export type MailAccess = { via: 'password'; accountName: string } | { via: 'sso' };

const base = (o: { contract: { contractNumber: string } }) => `/mail-admin/${o.contract.contractNumber}`;

/** The login identity and the way out, on every administration page. */
function SessionBar({ ctx, access, contractNumber }: { ctx: ViewContext; access: MailAccess; contractNumber: string }) {
  const { t } = ctx;
  return (
    <p class="muted small">
      {access.via === 'password' ? (
        <>
          {t('mail.admin.loggedInAs', { account: access.accountName })}{' '}
          <form method="post" action="/mail-admin/logout" class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="link">
              {t('mail.admin.logout')}
            </button>
          </form>
        </>
      ) : (
        <>
          {t('mail.admin.sso', { contract: contractNumber })} <a href="/domains">{t('mail.admin.backToDomains')}</a>
        </>
      )}
    </p>
  );
}

/** A password field with the strength meter that public/mail-password.js fills in (the server checks again). */
export function PasswordFields(p: { ctx: ViewContext; form: FormState; userInputs: string[]; allowGenerate?: boolean }) {
  const { t } = p.ctx;
  const mode = p.form.values.mode ?? 'generate';
  return (
    <fieldset class="choices">
      <legend>
        <strong>{t('mail.password.legend')}</strong>
      </legend>
      {p.allowGenerate !== false && (
        <div>
          <label>
            <input type="radio" name="mode" value="generate" checked={mode === 'generate'} /> {t('mail.password.generate')}
          </label>
          <br />
          <label>
            <input type="radio" name="mode" value="set" checked={mode === 'set'} /> {t('mail.password.set')}
          </label>
        </div>
      )}
      {p.allowGenerate === false && <input type="hidden" name="mode" value="set" />}
      <div data-strength data-user-inputs={p.userInputs.join(' ')} data-min-score="3" data-labels={t('mail.password.scores')} data-loading={t('mail.password.meterLoading')}>
        <TextField ctx={p.ctx} form={p.form} name="password" label="mail.password.new" type="password" autocomplete="new-password" maxLength={256} hint="password.hint" />
        <p class="small muted" data-strength-output aria-live="polite" />
      </div>
      <TextField ctx={p.ctx} form={p.form} name="passwordRepeat" label="mail.password.repeat" type="password" autocomplete="new-password" maxLength={256} />
    </fieldset>
  );
}

const Meter = () => <script src="/assets/mail-password.js" defer />;

function Protocols({ ctx, a }: { ctx: ViewContext; a: { imap: number; pop3: number; smtp: number } }) {
  const on = [a.imap && 'IMAP', a.pop3 && 'POP3', a.smtp && 'SMTP'].filter(Boolean).join(', ');
  return <span>{on || ctx.t('mail.account.noProtocols')}</span>;
}

function StatusBadge({ ctx, active }: { ctx: ViewContext; active: number }) {
  return <span class={`badge ${active ? 'badge-active' : 'badge-suspended'}`}>{ctx.t(active ? 'mail.account.active' : 'mail.account.inactive')}</span>;
}

export function MailLoginPage(p: { ctx: ViewContext; form: FormState; next: string; failed?: { key: MessageKey; params?: Record<string, string | number> }; notice?: MessageKey }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('mail.login.title')} narrow>
      <h1>{t('mail.login.title')}</h1>
      <p class="lead">{t('mail.login.intro')}</p>
      <Alert ctx={p.ctx} message={p.failed} />
      {p.notice && (
        <p class="flash flash-info" role="status">
          {t(p.notice)}
        </p>
      )}
      <form method="post" action="/mail-admin/login" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="next" value={p.next} />
        <TextField ctx={p.ctx} form={p.form} name="login" label="mail.login.user" hint="mail.login.userHint" autocomplete="username" required maxLength={320} autofocus />
        <TextField ctx={p.ctx} form={p.form} name="password" label="login.password" type="password" autocomplete="current-password" required maxLength={256} />
        <div class="actions">
          <button type="submit" class="button primary">
            {t('login.submit')}
          </button>
        </div>
      </form>
      <p class="muted small">{t('mail.login.customerHint')}</p>
      <p class="muted small">
        <a href="/login">{t('mail.login.customerLink')}</a>
      </p>
    </Layout>
  );
}

export interface AdminForms {
  account?: FormState;
  forwarder?: FormState;
  catchAll?: FormState;
}

export function MailAdminPage(p: { ctx: ViewContext; access: MailAccess; overview: MailOverview; forms: AdminForms; userInputs: string[]; message?: MessageKey; messageParams?: Record<string, string | number> }) {
  const { t } = p.ctx;
  const o = p.overview;
  const c = o.contract;
  const empty: FormState = { values: {}, errors: {} };
  const domainOptions = o.domains.map((d) => ({ value: String(d.id), label: `@${d.nameUnicode}` }));
  const full = o.accounts.length >= c.mailAccountLimit;
  return (
    <Layout ctx={p.ctx} title={t('mail.admin.title', { contract: c.contractNumber })} hideNav={p.access.via === 'password'}>
      <SessionBar ctx={p.ctx} access={p.access} contractNumber={c.contractNumber} />
      <h1>{t('mail.admin.title', { contract: c.contractNumber })}</h1>
      <p class="lead">{t('mail.admin.intro', { tariff: c.tariffName, used: o.accounts.length, limit: c.mailAccountLimit })}</p>
      <Alert ctx={p.ctx} message={p.message && { key: p.message, params: p.messageParams }} />
      <p>
        <a class="button" href={`/contracts/${c.contractNumber}/zugangsdaten`}>
          {t('mail.admin.credentialsLink')}
        </a>
      </p>

      <h2 id="postfaecher">{t('mail.admin.accounts')}</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('mail.account.name')}</th>
              <th scope="col">{t('mail.account.addresses')}</th>
              <th scope="col">{t('mail.account.quota')}</th>
              <th scope="col">{t('mail.account.protocols')}</th>
              <th scope="col">{t('mail.account.status')}</th>
              <th scope="col" class="right">
                {t('domains.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {o.accounts.map((a) => (
              <tr>
                <th scope="row">
                  <code>{a.name}</code>
                  {a.isAdmin && <small class="muted block">{t('mail.account.adminNote')}</small>}
                </th>
                <td>{a.addresses.length === 0 ? <span class="muted">{t('mail.account.noAddresses')}</span> : a.addresses.map((x) => <span class="chip">{x.localPart}@{x.domainUnicode}</span>)}</td>
                <td>{a.quotaMb} MB</td>
                <td>
                  <Protocols ctx={p.ctx} a={a} />
                </td>
                <td>
                  <StatusBadge ctx={p.ctx} active={a.active} />
                </td>
                <td class="right">
                  <a class="button" href={`${base(o)}/accounts/${a.id}`} aria-label={t('mail.account.manageLabel', { account: a.name })}>
                    {t('mail.account.manage')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section class="card" id="neu">
        <h2>{t('mail.admin.newAccount')}</h2>
        {full ? (
          <p>{t('mail.error.limit', { limit: c.mailAccountLimit })}</p>
        ) : (
          <form method="post" action={`${base(o)}/accounts`} class="form" novalidate>
            <Csrf ctx={p.ctx} />
            <ErrorSummary ctx={p.ctx} form={p.forms.account ?? empty} />
            <div class="grid-2">
              <TextField ctx={p.ctx} form={p.forms.account ?? { values: { quotaMb: String(c.mailQuotaMb) }, errors: {} }} name="quotaMb" label="mail.account.quotaMb" inputMode="numeric" hint="mail.account.quotaHint" required maxLength={7} />
              <div />
              <TextField ctx={p.ctx} form={p.forms.account ?? empty} name="localPart" label="mail.address.localPart" hint="mail.address.firstHint" maxLength={64} autocomplete="off" />
              <SelectField ctx={p.ctx} form={p.forms.account ?? empty} name="domainId" label="mail.address.domain" options={domainOptions} />
            </div>
            <PasswordFields ctx={p.ctx} form={p.forms.account ?? empty} userInputs={p.userInputs} />
            <div class="actions">
              <button type="submit" class="button primary">
                {t('mail.admin.create')}
              </button>
            </div>
          </form>
        )}
      </section>

      <h2 id="weiterleitungen">{t('mail.admin.forwarders')}</h2>
      <p class="muted">{t('mail.admin.forwardersIntro')}</p>
      {o.forwarders.length + o.catchAlls.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('mail.forward.address')}</th>
                <th scope="col">{t('mail.forward.targets')}</th>
                <th scope="col" class="right">
                  {t('domains.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...o.forwarders, ...o.catchAlls].map((f) => (
                <tr>
                  <th scope="row">{f.kind === 'catchall' ? t('mail.forward.catchAllOf', { domain: f.domainUnicode }) : `${f.localPart}@${f.domainUnicode}`}</th>
                  <td>{f.targets.join(', ')}</td>
                  <td class="right">
                    <form method="post" action={`${base(o)}/addresses/${f.id}/delete`} class="inline">
                      <Csrf ctx={p.ctx} />
                      <button type="submit" class="button danger">
                        {t('mail.forward.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="grid-2">
        <form method="post" action={`${base(o)}/forwarders`} class="card form" novalidate>
          <h3>{t('mail.forward.new')}</h3>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.forms.forwarder ?? empty} />
          <TextField ctx={p.ctx} form={p.forms.forwarder ?? empty} name="localPart" label="mail.address.localPart" maxLength={64} autocomplete="off" required />
          <SelectField ctx={p.ctx} form={p.forms.forwarder ?? empty} name="domainId" label="mail.address.domain" options={domainOptions} />
          <TextArea ctx={p.ctx} form={p.forms.forwarder ?? empty} name="targets" label="mail.forward.targetsLabel" rows={3} required />
          <p class="hint small muted">{t('mail.forward.targetsHint')}</p>
          <button type="submit" class="button primary">
            {t('mail.forward.create')}
          </button>
        </form>
        <form method="post" action={`${base(o)}/catch-all`} class="card form" novalidate>
          <h3>{t('mail.catchAll.title')}</h3>
          <p class="small muted">{t('mail.catchAll.intro')}</p>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.forms.catchAll ?? empty} />
          <SelectField ctx={p.ctx} form={p.forms.catchAll ?? empty} name="domainId" label="mail.address.domain" options={domainOptions} />
          <TextArea ctx={p.ctx} form={p.forms.catchAll ?? empty} name="targets" label="mail.forward.targetsLabel" rows={2} required />
          <button type="submit" class="button primary">
            {t('mail.catchAll.save')}
          </button>
        </form>
      </div>
      <Meter />
    </Layout>
  );
}

export interface AccountForms {
  settings?: FormState;
  password?: FormState;
  address?: FormState;
}

/** The failed attempts on one mail account, for whoever manages or uses it. */
function FailedLoginsSection({ ctx, lines }: { ctx: ViewContext; lines: FailedLogins }) {
  return (
    <section class="card" id="anmeldeversuche">
      <h2>{ctx.t('limits.failed.title')}</h2>
      <p class="small muted">{ctx.t('mail.failed.intro')}</p>
      <FailedLoginsList ctx={ctx} lines={lines} />
    </section>
  );
}

export function AccountPage(p: { ctx: ViewContext; access: MailAccess; overview: MailOverview; account: OverviewAccount; forms: AccountForms; userInputs: string[]; security: SecurityEvent[]; failedLogins: FailedLogins; activity: MailLoginActivity }) {
  const { t, lang } = p.ctx;
  const o = p.overview;
  const a = p.account;
  const empty: FormState = { values: {}, errors: {} };
  const settings = p.forms.settings ?? { values: { quotaMb: String(a.quotaMb) }, errors: {} };
  const checked = (name: 'active' | 'imap' | 'pop3' | 'smtp') => (p.forms.settings ? p.forms.settings.values[name] === '1' : a[name] === 1);
  const domainOptions = o.domains.map((d) => ({ value: String(d.id), label: `@${d.nameUnicode}` }));
  const url = `${base(o)}/accounts/${a.id}`;
  return (
    <Layout ctx={p.ctx} title={t('mail.account.title', { account: a.name })} hideNav={p.access.via === 'password'}>
      <SessionBar ctx={p.ctx} access={p.access} contractNumber={o.contract.contractNumber} />
      <p>
        <a href={base(o)}>{t('mail.account.back')}</a>
      </p>
      <h1>{t('mail.account.title', { account: a.name })}</h1>
      <dl class="facts card">
        <div>
          <dt>{t('mail.account.status')}</dt>
          <dd>
            <StatusBadge ctx={p.ctx} active={a.active} />
          </dd>
        </div>
        <div>
          <dt>{t('mail.account.protocols')}</dt>
          <dd>
            <Protocols ctx={p.ctx} a={a} />
          </dd>
        </div>
        <div>
          <dt>{t('mail.account.quota')}</dt>
          <dd>{a.quotaMb} MB</dd>
        </div>
        <div>
          <dt>{t('mail.account.passwordChanged')}</dt>
          <dd>{formatDateTime(a.passwordChangedAt, lang)}</dd>
        </div>
      </dl>
      <RecentSecurity ctx={p.ctx} events={p.security} />

      <section class="card" id="passwort">
        <h2>{t('mail.password.title')}</h2>
        {a.isAdmin && (
          <p class="flash flash-info" role="note">
            {t('mail.password.adminWarning', { account: a.name })}
          </p>
        )}
        <form method="post" action={`${url}/password`} class="form" novalidate>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.forms.password ?? empty} />
          <PasswordFields ctx={p.ctx} form={p.forms.password ?? empty} userInputs={[...p.userInputs, a.name]} />
          <button type="submit" class="button primary">
            {t('mail.password.save')}
          </button>
        </form>
      </section>

      <section class="card" id="adressen">
        <h2>{t('mail.account.addresses')}</h2>
        {a.addresses.length === 0 ? (
          <p class="muted">{t('mail.account.noAddresses')}</p>
        ) : (
          <ul class="plain">
            {a.addresses.map((x) => (
              <li>
                <strong>
                  {x.localPart}@{x.domainUnicode}
                </strong>{' '}
                {x.isPrimary ? (
                  <span class="badge">{t('mail.address.primary')}</span>
                ) : (
                  <form method="post" action={`${base(o)}/addresses/${x.id}/primary`} class="inline">
                    <Csrf ctx={p.ctx} />
                    <button type="submit" class="link">
                      {t('mail.address.makePrimary')}
                    </button>
                  </form>
                )}{' '}
                <form method="post" action={`${base(o)}/addresses/${x.id}/delete`} class="inline">
                  <Csrf ctx={p.ctx} />
                  <button type="submit" class="link">
                    {t('mail.address.remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${url}/addresses`} class="form" novalidate>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.forms.address ?? empty} />
          <div class="grid-2">
            <TextField ctx={p.ctx} form={p.forms.address ?? empty} name="localPart" label="mail.address.localPart" maxLength={64} autocomplete="off" required />
            <SelectField ctx={p.ctx} form={p.forms.address ?? empty} name="domainId" label="mail.address.domain" options={domainOptions} />
          </div>
          <button type="submit" class="button">
            {t('mail.address.add')}
          </button>
        </form>
      </section>

      <section class="card" id="einstellungen">
        <h2>{t('mail.account.settings')}</h2>
        <form method="post" action={`${url}/settings`} class="form" novalidate>
          <Csrf ctx={p.ctx} />
          <ErrorSummary ctx={p.ctx} form={p.forms.settings ?? empty} />
          <TextField ctx={p.ctx} form={settings} name="quotaMb" label="mail.account.quotaMb" inputMode="numeric" hint="mail.account.quotaHint" required maxLength={7} />
          <fieldset class="choices">
            <legend>
              <strong>{t('mail.account.protocols')}</strong>
            </legend>
            {(['imap', 'pop3', 'smtp'] as const).map((name) => (
              <label class="block">
                <input type="checkbox" name={name} value="1" checked={checked(name)} /> {t(`mail.account.${name}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div class="choices">
            {settings.errors.active && (
              <p class="field-error" id="f-active">
                {t(settings.errors.active.key)}
              </p>
            )}
            <label>
              <input type="checkbox" name="active" value="1" checked={checked('active')} /> {t('mail.account.activeLabel')}
            </label>
          </div>
          <button type="submit" class="button primary">
            {t('mail.account.saveSettings')}
          </button>
        </form>
      </section>

      <LoginActivitySection ctx={p.ctx} activity={p.activity} />
      <FailedLoginsSection ctx={p.ctx} lines={p.failedLogins} />

      {!a.isAdmin && (
        <p>
          <a class="button danger" href={`${url}/delete`}>
            {t('mail.account.delete')}
          </a>
        </p>
      )}
      <Meter />
    </Layout>
  );
}

export function DeleteAccountPage(p: { ctx: ViewContext; access: MailAccess; contractNumber: string; account: OverviewAccount }) {
  const { t } = p.ctx;
  const url = `/mail-admin/${p.contractNumber}/accounts/${p.account.id}`;
  return (
    <Layout ctx={p.ctx} title={t('mail.delete.title', { account: p.account.name })} narrow hideNav={p.access.via === 'password'}>
      <h1>{t('mail.delete.title', { account: p.account.name })}</h1>
      <p class="error-summary">{t('mail.delete.warning', { account: p.account.name })}</p>
      {p.account.addresses.length > 0 && (
        <p>
          {t('mail.delete.addresses')} {p.account.addresses.map((x) => `${x.localPart}@${x.domainUnicode}`).join(', ')}
        </p>
      )}
      <form method="post" action={`${url}/delete`} class="actions">
        <Csrf ctx={p.ctx} />
        <button type="submit" class="button danger">
          {t('mail.delete.confirm')}
        </button>
        <a href={url}>{t('mail.delete.cancel')}</a>
      </form>
    </Layout>
  );
}

/** A generated password, shown exactly once. */
export function SecretPage(p: { ctx: ViewContext; access: MailAccess | null; title: string; accountName: string; password: string | null; isAdmin: boolean; back: string; children?: ComponentChildren }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={p.title} narrow hideNav={p.access?.via !== 'sso'}>
      <h1>{p.title}</h1>
      {p.password ? (
        <div class="card secret">
          <p>{t('mail.secret.once')}</p>
          <dl class="facts">
            <div>
              <dt>{t('mail.account.name')}</dt>
              <dd>
                <code>{p.accountName}</code>
              </dd>
            </div>
            <div>
              <dt>{t('mail.password.new')}</dt>
              <dd>
                <code class="secret-value">{p.password}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : (
        <p class="flash flash-success" role="status">
          {t('mail.password.changed', { account: p.accountName })}
        </p>
      )}
      {p.isAdmin && <p class="flash flash-info">{t('mail.password.adminChanged')}</p>}
      {p.children}
      <p>
        <a class="button primary" href={p.back}>
          {t('mail.secret.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** The mailbox user's own page: their credentials' user names and the password change. */
export function MailboxSelfPage(p: { ctx: ViewContext; accountName: string; addresses: string[]; form: FormState; userInputs: string[]; server: MailServerSettings; security: SecurityEvent[]; failedLogins: FailedLogins; activity: MailLoginActivity }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('mail.self.title')} narrow hideNav>
      <p class="muted small">
        {t('mail.admin.loggedInAs', { account: p.accountName })}{' '}
        <form method="post" action="/mail-admin/logout" class="inline">
          <Csrf ctx={p.ctx} />
          <button type="submit" class="link">
            {t('mail.admin.logout')}
          </button>
        </form>
      </p>
      <h1>{t('mail.self.title')}</h1>
      <p class="lead">{t('mail.self.intro', { account: p.accountName })}</p>
      {p.addresses.length > 0 && <p>{t('mail.self.addresses', { addresses: p.addresses.join(', ') })}</p>}
      <RecentSecurity ctx={p.ctx} events={p.security} />
      <form method="post" action="/mail-admin/postfach/password" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <TextField ctx={p.ctx} form={p.form} name="currentPassword" label="mail.self.current" type="password" autocomplete="current-password" maxLength={256} required />
        <PasswordFields ctx={p.ctx} form={p.form} userInputs={[...p.userInputs, p.accountName]} allowGenerate={false} />
        <button type="submit" class="button primary">
          {t('mail.password.save')}
        </button>
      </form>
      <section class="card">
        <h2>{t('mail.cred.servers')}</h2>
        <p class="small muted">{t('mail.self.userNames', { names: [p.accountName, ...p.addresses].join(', ') })}</p>
        <ServerTable ctx={p.ctx} server={p.server} />
      </section>
      <LoginActivitySection ctx={p.ctx} activity={p.activity} />
      <FailedLoginsSection ctx={p.ctx} lines={p.failedLogins} />
      <Meter />
    </Layout>
  );
}
