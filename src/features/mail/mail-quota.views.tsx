import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { formatMb, formatQuotaMb, sumUsage, usageOfAccount, type MailboxUsage, type UsageState } from './mail-quota.service.ts';

/** The words beside a mailbox that needs attention (none while it is fine or not reported). */
const STATE_LABELS: Partial<Record<UsageState, MessageKey>> = { full: 'mail.quota.state.full', warn95: 'mail.quota.state.warn95', warn80: 'mail.quota.state.warn80' };
const STATE_NOTES: Partial<Record<UsageState, MessageKey>> = { warn80: 'mail.quota.warn80', warn95: 'mail.quota.warn95', full: 'mail.quota.full' };

/** The bar: a <meter> (no inline style under the CSP; screen readers read its value), 80 % and 95 % as its marks. */
function UsageBar({ ctx, usage }: { ctx: ViewContext; usage: MailboxUsage }) {
  return (
    <meter class={`quota-bar quota-${usage.state}`} min={0} max={100} low={80} high={95} optimum={0} value={usage.percent} aria-label={ctx.t('mail.quota.title')}>
      {usage.percent} %
    </meter>
  );
}

/** "1,2 MB von 2048 MB belegt" with its bar, for a table cell. */
export function UsageCell({ ctx, usage }: { ctx: ViewContext; usage: MailboxUsage }) {
  const { t, lang } = ctx;
  if (usage.usedBytes === null) {
    return (
      <span class="muted">
        {t('mail.quota.usedShort', { used: '–', quota: formatQuotaMb(usage.quotaMb, lang) })} <small class="block">{t('mail.quota.unknownShort')}</small>
      </span>
    );
  }
  const label = STATE_LABELS[usage.state];
  return (
    <span class="quota-cell">
      <span class="block">
        {t('mail.quota.usedShort', { used: formatMb(usage.usedBytes, lang), quota: formatQuotaMb(usage.quotaMb, lang) })}
        {label && (
          <>
            {' '}
            <span class={`badge quota-badge-${usage.state}`}>{t(label)}</span>
          </>
        )}
      </span>
      <UsageBar ctx={ctx} usage={usage} />
    </span>
  );
}

/**
 * A mailbox's usage on its own page: the figures, the bar, and what a nearly full or full mailbox
 * means. `self`: the mailbox user's page, who cannot raise the quota.
 */
export function UsageSection({ ctx, usage, warnedAt, self = false }: { ctx: ViewContext; usage: MailboxUsage; warnedAt: string | null; self?: boolean }) {
  const { t, lang } = ctx;
  const note = usage.state === 'full' && self ? 'mail.quota.fullSelf' : STATE_NOTES[usage.state];
  return (
    <section class="card" id="speicher" aria-labelledby="speicher-title">
      <h2 id="speicher-title">{t('mail.quota.title')}</h2>
      {usage.usedBytes === null ? (
        <>
          <p>
            <strong>{t('mail.quota.used', { used: formatMb(0, lang), quota: formatQuotaMb(usage.quotaMb, lang) })}</strong>
          </p>
          <p class="small muted">{t('mail.quota.unknown')}</p>
        </>
      ) : (
        <>
          <p>
            <strong>{t('mail.quota.used', { used: formatMb(usage.usedBytes, lang), quota: formatQuotaMb(usage.quotaMb, lang) })}</strong>{' '}
            <span class="muted">({t('mail.quota.messages', { count: usage.messages ?? 0, percent: usage.percent })})</span>
          </p>
          <UsageBar ctx={ctx} usage={usage} />
          {note && (
            <p class={usage.state === 'full' ? 'flash-error' : 'flash flash-info'} role={usage.state === 'full' ? 'alert' : 'note'}>
              {t(note)}
            </p>
          )}
          {warnedAt && usage.state !== 'ok' && <p class="small muted">{t('mail.quota.warnedAt', { time: formatDateTime(warnedAt, lang) })}</p>}
        </>
      )}
    </section>
  );
}

/** A contract's mailboxes with their usage and the sum, for pages of other features (staff's customer at a glance). */
export function MailboxUsageTable({ ctx, accounts }: { ctx: ViewContext; accounts: { name: string; quotaMb: number; usedBytes: number | null; usedMessages: number | null }[] }) {
  const { t, lang } = ctx;
  if (accounts.length === 0) return null;
  const sum = sumUsage(accounts);
  const columns: Column<(typeof accounts)[number]>[] = [
    { label: t('mail.account.name'), rowHeader: true, cell: (account) => <code>{account.name}</code> },
    { label: t('mail.quota.title'), cell: (account) => <UsageCell ctx={ctx} usage={usageOfAccount(account)} /> },
  ];
  return (
    <>
      <DataTable columns={columns} rows={accounts} class="mail-usage" />
      <p class="small">{t('mail.quota.sum', { used: formatMb(sum.usedBytes, lang), quota: formatQuotaMb(sum.quotaMb, lang) })}</p>
    </>
  );
}
