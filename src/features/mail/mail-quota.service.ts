import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { periodicRounds } from '../../platform/periodic-rounds.ts';
import { translator } from '../../platform/views/i18n.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';

/**
 * Mailbox usage. Dovecot counts it (quota backend `count`) and its quota_clone plugin writes it
 * into mail_quota_usage whenever it changes (server-config.ts, dovecotQuotaConfig); Hostdesk only
 * reads it here. The 80 % and 95 % warnings are Hostdesk's: a worker sees the usage cross a
 * threshold and mails the mailbox, in German and English, and the mailbox pages show the same
 * state. (Dovecot's quota_warning would run a script on the mail server for every crossing; the
 * script would need the texts, a way to send and a way back to Hostdesk for the customer area's
 * note. Here one query decides for every Dovecot, and a warning is sent once, by one process.)
 */

export const MB = 1024 * 1024;
export const WARN_THRESHOLDS = [80, 95] as const;

export type UsageState = 'unknown' | 'ok' | 'warn80' | 'warn95' | 'full';

export interface MailboxUsage {
  /** Null until Dovecot first reported the mailbox (it does so with the first message stored or removed). */
  usedBytes: number | null;
  messages: number | null;
  quotaMb: number;
  /** Whole per cent of the quota, capped at 100 for the bar (the text shows the real figures). */
  percent: number;
  state: UsageState;
}

/** What the pages show of a mailbox's usage against its quota. */
export function describeUsage(quotaMb: number, row: { bytes: number | string; messages: number } | undefined | null): MailboxUsage {
  if (!row) return { usedBytes: null, messages: null, quotaMb, percent: 0, state: 'unknown' };
  const usedBytes = Number(row.bytes);
  const exact = (usedBytes * 100) / (quotaMb * MB);
  const state: UsageState = exact >= 100 ? 'full' : exact >= 95 ? 'warn95' : exact >= 80 ? 'warn80' : 'ok';
  return { usedBytes, messages: Number(row.messages), quotaMb, percent: Math.min(100, Math.floor(exact)), state };
}

/** The reported usage of accounts by name (accounts Dovecot has not reported yet are missing). */
export async function usageByAccountName(db: Db, names: string[]): Promise<Map<string, { bytes: number; messages: number }>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('mailQuotaUsage').select(['accountName', 'bytes', 'messages']).where('accountName', 'in', names).execute();
  return new Map(rows.map((r) => [r.accountName, { bytes: Number(r.bytes), messages: Number(r.messages) }]));
}

export async function mailboxUsage(db: Db, account: { name: string; quotaMb: number }): Promise<MailboxUsage> {
  return describeUsage(account.quotaMb, (await usageByAccountName(db, [account.name])).get(account.name));
}

/** A deleted account's usage row goes with it (a new account never reuses the name, but the row is stale). */
export async function forgetMailboxUsage(db: Db, accountName: string): Promise<void> {
  await db.deleteFrom('mailQuotaUsage').where('accountName', '=', accountName).execute();
}

/** The threshold a usage stands at: 0, 80 or 95. */
const levelOf = (bytes: number, quotaMb: number): 0 | 80 | 95 => {
  const exact = (bytes * 100) / (quotaMb * MB);
  return exact >= 95 ? 95 : exact >= 80 ? 80 : 0;
};

export interface WarningRound {
  warned: number;
  cleared: number;
}

/**
 * Sends each warning that is due: usage at or above a threshold not yet warned about. The row is
 * claimed by a conditional update first, so with several app processes one of them sends it.
 * Usage below 80 % clears the state, so the next crossing warns again.
 */
export async function sendDueQuotaWarnings(db: Db, mailer: Mailer, log: { warn(details: object, message: string): void }, now: Date): Promise<WarningRound> {
  const rows = await db
    .selectFrom('mailQuotaUsage as u')
    .innerJoin('mailAccounts as m', 'm.name', 'u.accountName')
    .leftJoin('mailAddresses as a', (join) => join.onRef('a.accountId', '=', 'm.id').on('a.kind', '=', 'mailbox').on('a.isPrimary', '=', 1))
    .select(['u.accountName', 'u.bytes', 'u.warnedPercent', 'm.quotaMb', 'a.address'])
    // Only rows that may need something: at or over 80 %, or warned before (64-bit arithmetic:
    // 2048 MB in bytes times 80 is past PostgreSQL's integer).
    .where((eb) => eb.or([eb('u.warnedPercent', '>', 0), eb(sql<number>`cast(u.bytes as bigint) * 100`, '>=', sql<number>`cast(m.quota_mb as bigint) * ${MB * 80}`)]))
    .execute();
  const round: WarningRound = { warned: 0, cleared: 0 };
  for (const row of rows) {
    const bytes = Number(row.bytes);
    const level = levelOf(bytes, row.quotaMb);
    if (level === 0 && row.warnedPercent > 0) {
      await db.updateTable('mailQuotaUsage').set({ warnedPercent: 0, warnedAt: null }).where('accountName', '=', row.accountName).execute();
      round.cleared++;
      continue;
    }
    if (level === 0 || level <= row.warnedPercent) continue;
    const claimed = await db
      .updateTable('mailQuotaUsage')
      .set({ warnedPercent: level, warnedAt: now.toISOString() })
      .where('accountName', '=', row.accountName)
      .where('warnedPercent', '=', row.warnedPercent)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    round.warned++;
    // An account without an address cannot be mailed; its pages still show the warning.
    if (!row.address) continue;
    try {
      await mailer.send(quotaWarningMail(row.address, row.accountName, level, bytes, row.quotaMb));
    } catch (error) {
      log.warn({ account: row.accountName, level, error: (error as Error).message }, 'Quota warning could not be sent');
    }
  }
  return round;
}

/** The warning, German first and English second (a mailbox has no language of its own). */
export function quotaWarningMail(to: string, accountName: string, level: 80 | 95, bytes: number, quotaMb: number) {
  const de = translator('de');
  const en = translator('en');
  const params = (lang: 'de' | 'en') => ({ percent: level, used: formatMb(bytes, lang), quota: formatQuotaMb(quotaMb, lang), account: accountName });
  return {
    to,
    subject: `${de('mail.quota.mailSubject', params('de'))} / ${en('mail.quota.mailSubject', params('en'))}`,
    text: `${de('mail.quota.mailBody', params('de'))}\n\n---\n\n${en('mail.quota.mailBody', params('en'))}\n`,
  };
}

/** Used megabytes with one decimal, as the pages write them ("1,2" in German). */
export const formatMb = (bytes: number, lang: 'de' | 'en') => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / MB);
export const formatQuotaMb = (mb: number, lang: 'de' | 'en') => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 0 }).format(mb);

export interface QuotaWarningWorker {
  /** One round now (the timer calls it; tests call it directly). */
  checkNow(): Promise<WarningRound>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createQuotaWarningWorker(deps: { db: Db; mailer: Mailer; clock: () => Date; log: { warn(details: object, message: string): void } }): QuotaWarningWorker {
  const rounds = periodicRounds(() => sendDueQuotaWarnings(deps.db, deps.mailer, deps.log, deps.clock()), { intervalMs: 60_000, log: deps.log, failure: 'Quota warning round failed' });
  return { checkNow: rounds.runRound, start: rounds.start, stop: rounds.stop };
}

/** The usage of an account listed with listMailAccountsOfContracts. */
export const usageOfAccount = (account: { quotaMb: number; usedBytes: number | null; usedMessages: number | null }) =>
  describeUsage(account.quotaMb, account.usedBytes === null ? null : { bytes: account.usedBytes, messages: account.usedMessages ?? 0 });

/** The contract's mailboxes together: bytes used (as reported) and megabytes allotted. */
export const sumUsage = (accounts: { quotaMb: number; usedBytes: number | null }[]) => ({
  usedBytes: accounts.reduce((sum, a) => sum + (a.usedBytes ?? 0), 0),
  quotaMb: accounts.reduce((sum, a) => sum + a.quotaMb, 0),
});
