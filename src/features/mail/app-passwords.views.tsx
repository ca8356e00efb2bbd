import { emptyForm, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { DataTable } from '../../platform/views/data-table.tsx';
import { FormCard, PostButton, TextField } from '../../platform/views/form.tsx';
import { formatDate, formatDateTime } from '../../platform/views/i18n.ts';
import { Secret, SecretCard } from '../../platform/views/secret.tsx';
import type { AppPasswordRow } from './app-passwords.service.ts';
import { PROTOCOL_LABELS, PROTOCOLS, type MailAccess } from './mail-admin.parts.tsx';
import { MailSecretLayout } from './secret.page.tsx';

const PROTOCOL_NAMES = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' } as const;

export function protocolsOf(row: Pick<AppPasswordRow, 'imap' | 'pop3' | 'smtp'>): string {
  return PROTOCOLS.filter((p) => row[p] === 1)
    .map((p) => PROTOCOL_NAMES[p])
    .join(', ');
}

/** "01.12.2026, 09:14 · IMAP · 203.0.113.7", or "noch nie". */
function LastUse({ ctx, row }: { ctx: ViewContext; row: AppPasswordRow }) {
  if (!row.lastUsedAt) return <span class="muted">{ctx.t('mail.app.neverUsed')}</span>;
  return <span>{[formatDateTime(row.lastUsedAt, ctx.lang), row.lastUsedProtocol ? PROTOCOL_NAMES[row.lastUsedProtocol] : '', row.lastUsedAddress ?? ''].filter(Boolean).join(' · ')}</span>;
}

function Validity({ ctx, row, now }: { ctx: ViewContext; row: AppPasswordRow; now: Date }) {
  if (!row.expiresAt) return <span>{ctx.t('mail.app.noExpiry')}</span>;
  // The last day it works: the day before the instant it ends.
  const day = formatDate(new Date(Date.parse(row.expiresAt) - 1).toISOString(), ctx.lang);
  return row.expiresAt <= now.toISOString() ? <span class="badge badge-suspended">{ctx.t('mail.app.expired', { day })}</span> : <span>{ctx.t('mail.app.expiresAt', { day })}</span>;
}

/**
 * A mailbox's app passwords on its page (E-Mail-Administration and the mailbox user's own): the
 * list with last use and revoke, a new one, and the switch that keeps the mailbox password out of
 * mail programs. `action` is the page's base for the forms (`…/app-passwords`).
 */
export function AppPasswordsSection(props: { ctx: ViewContext; action: string; appPasswords: AppPasswordRow[]; appPasswordsOnly: boolean; form?: FormState; now: Date }) {
  const { ctx, action } = props;
  const { t } = ctx;
  const form = props.form ?? emptyForm({ imap: '1', smtp: '1' });
  const checked = (p: (typeof PROTOCOLS)[number]) => form.values[p] === '1';
  return (
    <section class="card" id="app-passwoerter" aria-labelledby="app-passwoerter-title">
      <h2 id="app-passwoerter-title">{t('mail.app.title')}</h2>
      <p class="small muted">{t('mail.app.intro')}</p>
      <DataTable
        caption={t('mail.app.title')}
        rows={props.appPasswords}
        empty={t('mail.app.none')}
        columns={[
          { label: t('mail.app.name'), rowHeader: true, cell: (row) => row.name },
          { label: t('mail.app.protocols'), cell: (row) => protocolsOf(row) },
          { label: t('mail.app.created'), cell: (row) => formatDateTime(row.createdAt, ctx.lang) },
          { label: t('mail.app.validity'), cell: (row) => <Validity ctx={ctx} row={row} now={props.now} /> },
          { label: t('mail.app.lastUsed'), cell: (row) => <LastUse ctx={ctx} row={row} /> },
          {
            label: t('mail.app.actions'),
            actions: true,
            cell: (row) => (
              <PostButton ctx={ctx} action={`${action}/${row.id}/revoke`} class="link danger" label={t('mail.app.revokeNamed', { name: row.name })}>
                {t('mail.app.revoke')}
              </PostButton>
            ),
          },
        ]}
      />
      <h3 class="spaced">{t('mail.app.newTitle')}</h3>
      <FormCard ctx={ctx} form={form} action={action} submit={t('mail.app.create')} plain>
        <TextField ctx={ctx} form={form} name="name" label="mail.app.name" hint="mail.app.nameHint" maxLength={60} autocomplete="off" required />
        <fieldset class={`choices${form.errors.protocols ? ' has-error' : ''}`} aria-describedby={form.errors.protocols ? 'f-protocols-error' : undefined}>
          <legend>
            <strong>{t('mail.app.protocols')}</strong>
          </legend>
          {form.errors.protocols && (
            <p class="field-error" id="f-protocols-error">
              {t(form.errors.protocols.key)}
            </p>
          )}
          {PROTOCOLS.map((protocol) => (
            <label class="block">
              <input type="checkbox" name={protocol} value="1" checked={checked(protocol)} /> {t(PROTOCOL_LABELS[protocol])}
            </label>
          ))}
        </fieldset>
        <TextField ctx={ctx} form={form} name="validUntil" label="mail.app.validUntil" hint="mail.app.validUntilHint" type="date" maxLength={10} />
      </FormCard>
      <h3 class="spaced">{t('mail.app.onlyTitle')}</h3>
      <p>{t(props.appPasswordsOnly ? 'mail.app.onlyIsOn' : 'mail.app.onlyIsOff')}</p>
      <PostButton ctx={ctx} action={`${action}/only`} hidden={{ on: props.appPasswordsOnly ? '0' : '1' }} class="button">
        {t(props.appPasswordsOnly ? 'mail.app.onlyTurnOff' : 'mail.app.onlyTurnOn')}
      </PostButton>
    </section>
  );
}

/** A new app password, shown exactly once, with what to type where. */
export function AppPasswordSecretPage(props: { ctx: ViewContext; access: MailAccess | null; name: string; loginNames: string[]; secret: string; protocols: string; back: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <MailSecretLayout ctx={ctx} access={props.access} title={t('mail.app.createdTitle', { name: props.name })} back={props.back}>
      <SecretCard
        intro={t('mail.app.once')}
        items={[
          { label: t('mail.app.userName'), value: <code>{props.loginNames.join(` ${t('mail.app.or')} `)}</code> },
          { label: t('mail.app.secret'), value: <Secret ctx={ctx} id="secret-app-password" value={props.secret} /> },
          { label: t('mail.app.protocols'), value: props.protocols },
        ]}
        hint={t('mail.app.secretHint')}
      />
    </MailSecretLayout>
  );
}

