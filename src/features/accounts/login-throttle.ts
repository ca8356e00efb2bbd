import { isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { LoginFailureKind } from './accounts.tables.ts';
import { sha256 } from '../../platform/crypto.ts';
import { clearAttempts, refusalWaitMs, releaseAttempt, takeAttempt, type LimitRule, type PaceRule, type ThrottleCheck } from '../../platform/throttle.ts';

/**
 * One throttle for every door that checks a secret: the customer, staff and mail logins, the
 * second factor, and the password-reset form. It takes the account key (what was typed, known
 * or not), the client address, the known-device evidence and, afterwards, the result — nothing
 * that belongs to HTTP — so that another door (Dovecot's auth policy requests) can use it too.
 *
 * - Strict limits per (account, address) and per address: a few attempts, then a lockout that
 *   doubles with each further burst within a day. They refuse even the right password, but only
 *   to that address.
 * - Per account only a pace: after many failures from anywhere, a browser or address that never
 *   logged into the account gets one attempt per (growing) delay. A browser with the known-device
 *   cookie of the account, or an address it logged in from within 90 days, is never held back by
 *   it; the cookie even replaces the address limits with a limit of its own (per account and
 *   device), so the owner gets in behind an address a guesser shares.
 * - Unknown accounts are counted and answered exactly like known ones: every key is the typed
 *   name, and the bookkeeping runs the same statements for both.
 */
export type LoginDoor = 'customer' | 'staff' | 'mail' | 'code' | 'reset';

export interface LoginAttempt {
  door: LoginDoor;
  /** What names the account: the typed login (known or not), or the subject for codes. */
  accountKey: string;
  /** The account it names, when there is one (`customer:12`, `staff:3`, `mail-account:500001.001`). */
  subject: string | null;
  clientAddress: string;
  /** Known-device evidence: the device id when the client proved an earlier login into `subject`. */
  deviceId: string | null;
}

export type LoginGate =
  /** `friction`: the account is being paced; the page says so. */
  | { allowed: true; ticket: LoginTicket; friction: boolean }
  /** `strict`: this address (or device) is locked out; `account`: paced, a new device waits its turn. */
  | { allowed: false; limit: 'strict' | 'account'; waitMs: number };

export interface LoginTicket {
  attempt: LoginAttempt;
  ids: number[];
  /** The key of the strict limit this attempt counted against, cleared when it succeeds. */
  strictKey: { rule: LimitRule; key: string };
}

/** A burst of failures the owner should hear about, once. */
export interface FailureNotice {
  subject: string;
  kind: LoginFailureKind;
  /** When the burst began. */
  since: string;
  failures: number;
  addresses: number;
  lastAddress: string;
  lastAt: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Evidence of an address: a successful login from it within this time. */
export const KNOWN_SOURCE_MS = 90 * DAY;
/** Failures on one account belong to one burst while each follows the last within an hour, for at most a day. */
const BURST_GAP_MS = HOUR;
const BURST_MAX_MS = DAY;
/** The owner gets the notice mail once a burst reaches this many failures. */
export const NOTICE_AFTER = 5;

const LOCKOUT = { baseMs: 15 * MINUTE, maxMs: DAY, memoryMs: DAY };
const ACCOUNT_PACE = { free: 10, delayMs: 30_000, doubleEvery: 10, maxDelayMs: 10 * MINUTE };

interface DoorRules {
  pair: LimitRule;
  address: LimitRule;
  account: PaceRule;
  /** Per (account, known device); null: a known device only skips the pace. */
  device: LimitRule | null;
}

const PASSWORD_RULES: DoorRules = {
  pair: { scope: 'login-pair', limit: 5, windowMs: 15 * MINUTE, lockout: LOCKOUT },
  // Shared by the customer, staff and mail logins: one address guessing at all of them.
  address: { scope: 'login-address', limit: 20, windowMs: 15 * MINUTE, lockout: LOCKOUT },
  account: { scope: 'login-account', windowMs: DAY, pace: ACCOUNT_PACE },
  device: { scope: 'login-device', limit: 10, windowMs: 15 * MINUTE, lockout: LOCKOUT },
};

export const RULES: Record<LoginDoor, DoorRules> = {
  customer: PASSWORD_RULES,
  staff: PASSWORD_RULES,
  mail: PASSWORD_RULES,
  code: {
    pair: { scope: 'code-pair', limit: 5, windowMs: 15 * MINUTE, lockout: LOCKOUT },
    address: { scope: 'code-address', limit: 20, windowMs: 15 * MINUTE, lockout: LOCKOUT },
    account: { scope: 'code-account', windowMs: DAY, pace: ACCOUNT_PACE },
    device: { scope: 'code-device', limit: 5, windowMs: 15 * MINUTE, lockout: LOCKOUT },
  },
  // Every request counts (each may send a mail); no lockouts, the hourly limits are short already.
  reset: {
    pair: { scope: 'reset-pair', limit: 3, windowMs: HOUR },
    address: { scope: 'reset-address', limit: 10, windowMs: HOUR },
    account: { scope: 'reset-account', windowMs: DAY, pace: { free: 5, delayMs: 5 * MINUTE, doubleEvery: 5, maxDelayMs: HOUR } },
    device: null,
  },
};

/**
 * The address as the throttle counts it: an IPv4-mapped address as IPv4, an IPv6 address by its
 * /64 network (one subscriber holds a whole /64 and could otherwise pick a fresh address per guess).
 */
export function addressKeyOf(address: string): string {
  const ip = address.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

const accountKeyOf = (attempt: Pick<LoginAttempt, 'door' | 'accountKey'>) => `${attempt.door}:${attempt.accountKey.trim().toLowerCase().slice(0, 320)}`;
/** Where failures are summed up: the account, or (for nobody to read) a hash of the unknown name. */
const targetOf = (attempt: LoginAttempt) => attempt.subject ?? `unknown:${sha256(accountKeyOf(attempt))}`;

/**
 * Counts the attempt before the secret is checked, or refuses it (uncounted). Once the secret
 * was checked, call `settleLoginSuccess` or `settleLoginFailure` with the ticket.
 */
export async function admitLoginAttempt(db: Db, attempt: LoginAttempt, now: Date): Promise<LoginGate> {
  const rules = RULES[attempt.door];
  const account = accountKeyOf(attempt);
  const address = addressKeyOf(attempt.clientAddress);
  // Looked up for unknown names too (under a target nobody logs in as): the same work either way.
  const knownAddress = await isKnownSource(db, targetOf(attempt), address, now);
  const knownDevice = attempt.subject !== null && attempt.deviceId !== null;
  const pair = { rule: rules.pair, key: `${account}|${address}` };
  const strictKey = knownDevice && rules.device ? { rule: rules.device, key: `${attempt.subject}|${attempt.deviceId}` } : pair;
  const checks: ThrottleCheck[] =
    knownDevice && rules.device
      ? [strictKey, { rule: rules.account, key: account, gate: false }]
      : [pair, { rule: rules.address, key: address }, { rule: rules.account, key: account, gate: !knownDevice && !knownAddress }];
  const taken = await takeAttempt(db, checks, now);
  if (!taken.allowed) {
    const paced = taken.blocking.length > 0 && taken.blocking.every((scope) => scope === rules.account.scope);
    return { allowed: false, limit: paced ? 'account' : 'strict', waitMs: taken.waitMs };
  }
  return { allowed: true, ticket: { attempt, ids: taken.ids, strictKey }, friction: taken.slowed.includes(rules.account.scope) };
}

/**
 * The secret was right: the attempt is taken back and this address (or device) starts afresh.
 * Failures elsewhere on the account are kept: the owner logging in says nothing about the
 * guesser. `remember: false` while a second factor is still to come, for only a complete login
 * makes the address evidence for the account (`rememberLoginSource`).
 */
export async function settleLoginSuccess(db: Db, ticket: LoginTicket, now: Date, options: { remember?: boolean } = {}): Promise<void> {
  await releaseAttempt(db, { allowed: true, ids: ticket.ids, slowed: [] });
  await clearAttempts(db, ticket.strictKey.rule, ticket.strictKey.key);
  if (ticket.attempt.subject && options.remember !== false) await rememberLoginSource(db, ticket.attempt.subject, ticket.attempt.clientAddress, now);
}

/** A complete login into `subject` from this address: evidence against the account-wide throttle for 90 days. */
export async function rememberLoginSource(db: Db, subject: string, clientAddress: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('knownLoginSources')
    .values({ subject, addressKey: sha256(addressKeyOf(clientAddress)), lastSuccessAt: at })
    .onConflict((oc) => oc.columns(['subject', 'addressKey']).doUpdateSet({ lastSuccessAt: at }))
    .execute();
}

/**
 * The secret was wrong: the attempt stays counted and joins the burst of its account. Returns
 * the notice to send when this failure is the one that makes the burst worth telling the owner
 * about (exactly one failure per burst does, in every app process together).
 */
export async function settleLoginFailure(db: Db, ticket: LoginTicket, now: Date): Promise<FailureNotice | null> {
  const { attempt } = ticket;
  const kind: LoginFailureKind = attempt.door === 'code' ? 'code' : 'password';
  const burst = await recordFailure(db, targetOf(attempt), kind, attempt.clientAddress.slice(0, 64), now);
  if (!burst || !attempt.subject) return null;
  return { subject: attempt.subject, kind, ...burst };
}

/** Whether the account logged in from this address (IPv6: this /64) within the last 90 days. */
async function isKnownSource(db: Db, subject: string, addressKey: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('knownLoginSources')
    .select('lastSuccessAt')
    .where('subject', '=', subject)
    .where('addressKey', '=', sha256(addressKey))
    .where('lastSuccessAt', '>', new Date(now.getTime() - KNOWN_SOURCE_MS).toISOString())
    .executeTakeFirst();
  return !!row;
}

/**
 * Adds one failure to the account's burst (a new burst after an hour without failures or a day
 * after the last began) and to that burst's line for the address, each in one atomic upsert.
 * Returns the burst's totals when this failure claimed its notice.
 */
async function recordFailure(db: Db, target: string, kind: LoginFailureKind, address: string, now: Date): Promise<Omit<FailureNotice, 'subject' | 'kind'> | null> {
  const at = now.toISOString();
  const gap = new Date(now.getTime() - BURST_GAP_MS).toISOString();
  const dayAgo = new Date(now.getTime() - BURST_MAX_MS).toISOString();
  const fresh = sql`(login_alerts.last_failure_at <= ${gap} or login_alerts.burst_started_at <= ${dayAgo})`;
  const { rows } = await sql<{ started: string; n: number | string; notified: string | null }>`
    insert into login_alerts (target, kind, burst_started_at, last_failure_at, failures, notified_at)
    values (${target}, ${kind}, ${at}, ${at}, 1, null)
    on conflict (target, kind) do update set
      burst_started_at = case when ${fresh} then ${at} else login_alerts.burst_started_at end,
      failures = case when ${fresh} then 1 else login_alerts.failures + 1 end,
      notified_at = case when ${fresh} then null else login_alerts.notified_at end,
      last_failure_at = ${at}
    returning burst_started_at as started, failures as n, notified_at as notified`.execute(db);
  const row = rows[0]!;
  const burst = { burstStartedAt: row.started, failures: Number(row.n), notifiedAt: row.notified };
  await sql`
    insert into login_failure_bursts (target, kind, address, burst_started_at, failures, first_at, last_at)
    values (${target}, ${kind}, ${address}, ${burst.burstStartedAt}, 1, ${at}, ${at})
    on conflict (target, kind, address, burst_started_at) do update set
      failures = login_failure_bursts.failures + 1,
      last_at = ${at}`.execute(db);
  if (Number(burst.failures) < NOTICE_AFTER || burst.notifiedAt !== null) return null;
  // Exactly one failure of the burst wins this update, whichever app process it reached.
  const claimed = await db
    .updateTable('loginAlerts')
    .set({ notifiedAt: at })
    .where('target', '=', target)
    .where('kind', '=', kind)
    .where('burstStartedAt', '=', burst.burstStartedAt)
    .where('notifiedAt', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  const lines = await db
    .selectFrom('loginFailureBursts')
    .select(['address', 'failures', 'lastAt'])
    .where('target', '=', target)
    .where('kind', '=', kind)
    .where('burstStartedAt', '=', burst.burstStartedAt)
    .orderBy('lastAt', 'desc')
    .execute();
  return { since: burst.burstStartedAt, failures: burst.failures, addresses: lines.length, lastAddress: lines[0]?.address ?? address, lastAt: at };
}

/** The owner's security events: each burst's failures per address, newest first. */
export async function listFailedLogins(db: Db, subject: string, options: { limit?: number } = {}) {
  const rows = await db
    .selectFrom('loginFailureBursts')
    .select(['kind', 'address', 'failures', 'firstAt', 'lastAt'])
    .where('target', '=', subject)
    .orderBy('lastAt', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => ({ ...r, failures: Number(r.failures) }));
}
export type FailedLogins = Awaited<ReturnType<typeof listFailedLogins>>;

/**
 * Which of these client addresses the door refuses right now for the account's logins (its
 * name and its addresses), and until when; nothing is counted. For the login diagnosis.
 */
export async function lockedLoginSources(db: Db, door: LoginDoor, logins: string[], addresses: string[], now: Date): Promise<{ address: string; until: string }[]> {
  const rules = RULES[door];
  const locked: { address: string; until: string }[] = [];
  for (const address of new Set(addresses)) {
    const key = addressKeyOf(address);
    const waits = await Promise.all([
      refusalWaitMs(db, rules.address, key, now),
      ...logins.map((login) => refusalWaitMs(db, rules.pair, `${accountKeyOf({ door, accountKey: login })}|${key}`, now)),
    ]);
    const waitMs = Math.max(...waits);
    if (waitMs > 0) locked.push({ address, until: new Date(now.getTime() + waitMs).toISOString() });
  }
  return locked;
}

/** Housekeeping: evidence older than 90 days and bursts older than the retention go. */
export async function pruneLoginRecords(db: Db, now: Date, retentionMs = KNOWN_SOURCE_MS): Promise<void> {
  await db.deleteFrom('knownLoginSources').where('lastSuccessAt', '<', new Date(now.getTime() - KNOWN_SOURCE_MS).toISOString()).execute();
  await db.deleteFrom('loginAlerts').where('lastFailureAt', '<', new Date(now.getTime() - Math.max(BURST_MAX_MS, retentionMs)).toISOString()).execute();
  await db.deleteFrom('loginFailureBursts').where('lastAt', '<', new Date(now.getTime() - retentionMs).toISOString()).execute();
}
