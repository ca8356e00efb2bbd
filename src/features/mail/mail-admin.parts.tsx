import { Breadcrumbs, type Crumb } from '../../platform/views/breadcrumbs.tsx';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { PostButton, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { FailedLogins } from '../accounts/index.ts';
import { FailedLoginsList } from '../accounts/ui.ts';
import { describeSecurityEvent, type SecurityEvent } from '../audit/ui.ts';

/** How the administration was reached: the `.001` password, or single sign-on from the customer area. */
export type MailAccess = { via: 'password'; accountName: string } | { via: 'sso' };

export type Protocol = 'imap' | 'pop3' | 'smtp';
export const PROTOCOLS: Protocol[] = ['imap', 'pop3', 'smtp'];
/** The switches of an account's settings form. */
export const PROTOCOL_LABELS: Record<Protocol, MessageKey> = { imap: 'mail.account.imap', pop3: 'mail.account.pop3', smtp: 'mail.account.smtp' };

/** The administration's own URL of a contract. */
export const adminUrl = (contractNumber: string) => `/mail-admin/${contractNumber}`;

/** An address as the customer reads it: the local part at the domain's Unicode name. */
export const shownAddress = (address: { localPart: string; domainUnicode: string }) => `${address.localPart}@${address.domainUnicode}`;

/** Domains as a select's options: `@beispiel.de`. */
export const domainOptions = (domains: { id: number; nameUnicode: string }[]) => domains.map((domain) => ({ value: String(domain.id), label: `@${domain.nameUnicode}` }));

/** What happened to an account's sessions lately, in plain words; nothing when nothing did. */
export function RecentSecurity({ ctx, events }: { ctx: ViewContext; events: SecurityEvent[] }) {
  const { t, lang } = ctx;
  if (events.length === 0) return null;
  return (
    <section class="card" id="sicherheit" aria-labelledby="sicherheit-title">
      <h2 id="sicherheit-title">{t('mail.security.title')}</h2>
      <ul class="plain">
        {events.map((event) => (
          <li>
            <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>: {describeSecurityEvent(t, event)}
          </li>
        ))}
      </ul>
      <p class="small muted">{t('mail.security.hint')}</p>
    </section>
  );
}

/** "Angemeldet als …" and the way out, for a mail login (a div: a form inside a p would end the p). */
export function MailLogout({ ctx, accountName }: { ctx: ViewContext; accountName: string }) {
  return (
    <div class="muted small session-bar">
      {ctx.t('mail.admin.loggedInAs', { account: accountName })}{' '}
      <PostButton ctx={ctx} action="/mail-admin/logout" class="link">
        {ctx.t('mail.admin.logout')}
      </PostButton>
    </div>
  );
}

/** The login identity and the way out, on every administration page. */
export function SessionBar({ ctx, access, contractNumber }: { ctx: ViewContext; access: MailAccess; contractNumber: string }) {
  const { t } = ctx;
  if (access.via === 'password') return <MailLogout ctx={ctx} accountName={access.accountName} />;
  return (
    <p class="muted small">
      {t('mail.admin.sso', { contract: contractNumber })} <a href="/domains">{t('mail.admin.backToDomains')}</a>
    </p>
  );
}

/**
 * The one header of every administration page: where it stands ("Domainverwaltung › Vertrag … ›
 * E-Mail-Administration › Postfach …"; from the mail login the trail starts at the administration)
 * and who is logged in.
 */
export function MailHeader({ ctx, access, contractNumber, trail }: { ctx: ViewContext; access: MailAccess; contractNumber: string; trail: Crumb[] }) {
  const { t } = ctx;
  const start: Crumb[] = access.via === 'sso' ? [{ label: t('nav.domains'), href: '/domains' }, { label: t('mail.crumb.contract', { contract: contractNumber }) }] : [];
  return (
    <>
      <Breadcrumbs ctx={ctx} items={[...start, ...trail]} />
      <SessionBar ctx={ctx} access={access} contractNumber={contractNumber} />
    </>
  );
}

/** The administration's crumb, a link on the pages below it. */
export const adminCrumb = (ctx: ViewContext, contractNumber: string, current = false): Crumb => ({ label: ctx.t('mail.crumb.admin'), href: current ? undefined : adminUrl(contractNumber) });

/** A password field with the strength meter that public/mail-password.js fills in (the server checks again). */
export function PasswordFields({ ctx, form, userInputs, allowGenerate = true }: { ctx: ViewContext; form: FormState; userInputs: string[]; allowGenerate?: boolean }) {
  const { t } = ctx;
  const mode = form.values.mode ?? 'generate';
  return (
    <fieldset class="choices">
      <legend>
        <strong>{t('mail.password.legend')}</strong>
      </legend>
      {allowGenerate ? (
        <div>
          <label>
            <input type="radio" name="mode" value="generate" checked={mode === 'generate'} /> {t('mail.password.generate')}
          </label>
          <br />
          <label>
            <input type="radio" name="mode" value="set" checked={mode === 'set'} /> {t('mail.password.set')}
          </label>
        </div>
      ) : (
        <input type="hidden" name="mode" value="set" />
      )}
      <div data-strength data-user-inputs={userInputs.join(' ')} data-min-score="3" data-labels={t('mail.password.scores')} data-loading={t('mail.password.meterLoading')}>
        <TextField ctx={ctx} form={form} name="password" label="mail.password.new" type="password" autocomplete="new-password" maxLength={256} hint="password.hint" />
        <p class="small muted" data-strength-output aria-live="polite" />
      </div>
      <TextField ctx={ctx} form={form} name="passwordRepeat" label="mail.password.repeat" type="password" autocomplete="new-password" maxLength={256} />
    </fieldset>
  );
}

/** The script of the strength meter, on every page with PasswordFields. */
export const PasswordMeter = () => <script src="/assets/mail-password.js" defer />;

/** The protocols an account may use, or that it may use none. */
export function Protocols({ ctx, account }: { ctx: ViewContext; account: Record<Protocol, number> }) {
  const enabled = PROTOCOLS.filter((protocol) => account[protocol]).map((protocol) => protocol.toUpperCase());
  return <span>{enabled.join(', ') || ctx.t('mail.account.noProtocols')}</span>;
}

export function StatusBadge({ ctx, active }: { ctx: ViewContext; active: number }) {
  return <span class={`badge ${active ? 'badge-active' : 'badge-suspended'}`}>{ctx.t(active ? 'mail.account.active' : 'mail.account.inactive')}</span>;
}

/** The failed attempts on one mail account, for whoever manages or uses it. */
export function FailedLoginsSection({ ctx, lines }: { ctx: ViewContext; lines: FailedLogins }) {
  return (
    <section class="card" id="anmeldeversuche">
      <h2>{ctx.t('limits.failed.title')}</h2>
      <p class="small muted">{ctx.t('mail.failed.intro')}</p>
      <FailedLoginsList ctx={ctx} lines={lines} />
    </section>
  );
}
