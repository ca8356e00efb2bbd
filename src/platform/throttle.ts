import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Db } from './db/index.ts';
import type { Database } from './db/database.ts';
import { sha256 } from './crypto.ts';

/**
 * Attempt throttling kept in the database, so that it holds across app processes: failed
 * logins and codes, password-reset requests, new tickets. Three kinds of rule:
 *
 * - a *limit* admits `limit` attempts inside a sliding window of `windowMs`; the key opens again
 *   when the oldest of them leaves the window;
 * - a limit with a *lockout*: the attempt that fills the window locks the key for `baseMs`,
 *   doubled for every earlier lockout of the key within `memoryMs` (at most `maxMs`), and the
 *   attempts before a lockout are spent with it, so each burst buys the same few attempts and
 *   then a longer wait;
 * - a *pace*: no limit, but once `free` attempts lie in the window the key admits one attempt per
 *   delay, a delay that doubles every `doubleEvery` further attempts up to `maxDelayMs`.
 *
 * An attempt is counted *before* the work it guards (insert, then count), so that concurrent
 * requests cannot all slip through between a check and a write: of the requests racing for the
 * last free place, the one that counts last sees every row written before it. A refused attempt
 * is not counted, and a successful login takes its attempt back (`releaseAttempt`).
 */
export interface LimitRule {
  scope: string;
  limit: number;
  windowMs: number;
  lockout?: { baseMs: number; maxMs: number; memoryMs: number };
}

export interface PaceRule {
  scope: string;
  windowMs: number;
  pace: { free: number; delayMs: number; doubleEvery: number; maxDelayMs: number };
}

export type ThrottleRule = LimitRule | PaceRule;

export interface ThrottleCheck {
  rule: ThrottleRule;
  /** Account name, customer id or IP address; stored hashed and case-folded. */
  key: string;
  /** False: the attempt is counted against the key, but the key never refuses it. */
  gate?: boolean;
}

export type Attempt =
  /** `slowed`: the pace rules that are holding their keys to a delay right now. */
  | { allowed: true; ids: number[]; slowed: string[] }
  /** `blocking`: the scopes of the rules that refused. */
  | { allowed: false; waitMs: number; blocking: string[] };

// The table needs equality only, and keeps no e-mail addresses or login names.
const keyOf = (raw: string) => sha256(raw.toLowerCase());
const lockScopeOf = (scope: string) => `${scope}#lockout`;

/** The delay a pace holds its key to after `count` attempts in the window (0: none). */
export function paceDelayMs(pace: PaceRule['pace'], count: number): number {
  if (count < pace.free) return 0;
  return Math.min(pace.maxDelayMs, pace.delayMs * 2 ** Math.floor((count - pace.free) / pace.doubleEvery));
}

/** How long the `n`-th lockout of a key within the rule's memory lasts. */
export function lockoutMs(lockout: NonNullable<LimitRule['lockout']>, n: number): number {
  return Math.min(lockout.maxMs, lockout.baseMs * 2 ** Math.max(0, n - 1));
}

/**
 * Counts one attempt against every check, or refuses it (uncounted) when any gating key is full.
 * Attempts on the same keys take turns (one transaction; on PostgreSQL an advisory lock per key,
 * taken in a fixed order; SQLite has one writer at a time anyway), so that of parallel requests
 * exactly those up to the limit pass: none beyond it, and not all refused either, which a plain
 * insert-then-count lets happen when every racer counts every other one.
 */
export async function takeAttempt(db: Db, checks: ThrottleCheck[], now: Date, options: { lockTimeoutMs?: number } = {}): Promise<Attempt> {
  if (checks.length === 0) return { allowed: true, ids: [], slowed: [] };
  const hashed = checks.map(({ rule, key, gate }) => ({ rule, key: keyOf(key), gate: gate !== false }));
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  try {
    return await db.transaction().execute((trx) => countAttempt(trx, hashed, now, postgres ? (options.lockTimeoutMs ?? LOCK_TIMEOUT_MS) : null));
  } catch (error) {
    // A burst on one key waited longer than the lock timeout for its turn: refused, uncounted.
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return { allowed: false, waitMs: 1000, blocking: [] };
    throw error;
  }
}

// How long an attempt waits for its keys' turn on PostgreSQL. Each waiter holds a pool
// connection, so a burst of parallel attempts on one account is cut off here instead of
// queueing every other request behind it.
const LOCK_TIMEOUT_MS = 2000;
const LOCK_NOT_AVAILABLE = '55P03';

type Hashed = { rule: ThrottleRule; key: string; gate: boolean };
type Verdict = { waitMs: number; slowed?: boolean; locksNow?: boolean };

async function countAttempt(trx: Transaction<Database>, hashed: Hashed[], now: Date, lockTimeoutMs: number | null): Promise<Attempt> {
  const at = now.toISOString();
  if (lockTimeoutMs !== null) await lockKeys(trx, hashed.map(({ rule, key }) => `${rule.scope}|${key}`), lockTimeoutMs);
  const rows = await trx
    .insertInto('throttleAttempts')
    .values(hashed.map(({ rule, key }) => ({ scope: rule.scope, key, createdAt: at })))
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  let waitMs = 0;
  const blocking: string[] = [];
  const slowed: string[] = [];
  const lockouts: { scope: string; key: string }[] = [];
  for (const check of hashed) {
    const verdict = 'pace' in check.rule ? await judgePace(trx, check.rule, check.key, ids, now) : await judgeLimit(trx, check.rule, check.key, ids, now);
    if (verdict.slowed) slowed.push(check.rule.scope);
    if (!check.gate) continue;
    if (verdict.waitMs > 0) {
      waitMs = Math.max(waitMs, verdict.waitMs);
      blocking.push(check.rule.scope);
    }
    if (verdict.locksNow) lockouts.push({ scope: lockScopeOf(check.rule.scope), key: check.key });
  }
  if (waitMs > 0) {
    await trx.deleteFrom('throttleAttempts').where('id', 'in', ids).execute();
    return { allowed: false, waitMs, blocking };
  }
  if (lockouts.length > 0) {
    // Part of the attempt: a login that succeeds takes its lockout back with it.
    const locks = await trx.insertInto('throttleAttempts').values(lockouts.map((l) => ({ ...l, createdAt: at }))).returning('id').execute();
    ids.push(...locks.map((r) => r.id));
  }
  return { allowed: true, ids, slowed };
}

async function judgeLimit(trx: Db, rule: LimitRule, key: string, ids: number[], now: Date): Promise<Verdict> {
  let since = now.getTime() - rule.windowMs;
  if (rule.lockout) {
    const locks = await trx
      .selectFrom('throttleAttempts')
      .select('createdAt')
      .where('scope', '=', lockScopeOf(rule.scope))
      .where('key', '=', key)
      .where('createdAt', '>', new Date(now.getTime() - rule.lockout.memoryMs).toISOString())
      .orderBy('createdAt', 'desc')
      .limit(64)
      .execute();
    if (locks.length > 0) {
      const last = new Date(locks[0]!.createdAt).getTime();
      const ends = last + lockoutMs(rule.lockout, locks.length);
      if (now.getTime() < ends) return { waitMs: ends - now.getTime() };
      // The attempts of the burst that ended in this lockout are spent.
      since = Math.max(since, last);
    }
  }
  const others = await trx
    .selectFrom('throttleAttempts')
    .select('createdAt')
    .where('scope', '=', rule.scope)
    .where('key', '=', key)
    .where('createdAt', '>', new Date(since).toISOString())
    .$if(ids.length > 0, (qb) => qb.where('id', 'not in', ids))
    .orderBy('createdAt', 'desc')
    .limit(rule.limit)
    .execute();
  if (others.length >= rule.limit) {
    const oldest = new Date(others[others.length - 1]!.createdAt).getTime();
    return { waitMs: Math.max(oldest + rule.windowMs - now.getTime(), 1) };
  }
  return { waitMs: 0, locksNow: !!rule.lockout && others.length + 1 >= rule.limit };
}

async function judgePace(trx: Db, rule: PaceRule, key: string, ids: number[], now: Date): Promise<Verdict> {
  const { pace } = rule;
  // Enough rows to reach the longest delay; more would not change it.
  const cap = pace.free + pace.doubleEvery * Math.max(1, Math.ceil(Math.log2(pace.maxDelayMs / pace.delayMs)) + 1);
  const others = await trx
    .selectFrom('throttleAttempts')
    .select('createdAt')
    .where('scope', '=', rule.scope)
    .where('key', '=', key)
    .where('createdAt', '>', new Date(now.getTime() - rule.windowMs).toISOString())
    .$if(ids.length > 0, (qb) => qb.where('id', 'not in', ids))
    .orderBy('createdAt', 'desc')
    .limit(cap)
    .execute();
  const delay = paceDelayMs(pace, others.length);
  if (delay === 0) return { waitMs: 0 };
  const latest = new Date(others[0]!.createdAt).getTime();
  return { waitMs: Math.max(0, latest + delay - now.getTime()), slowed: true };
}

/** Transaction-scoped PostgreSQL advisory locks on the keys, in sorted order (no deadlocks), waiting at most `timeoutMs`. */
async function lockKeys(trx: Transaction<Database>, keys: string[], timeoutMs: number): Promise<void> {
  await sql`select set_config('lock_timeout', ${`${timeoutMs}ms`}, true)`.execute(trx);
  for (const key of [...new Set(keys)].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** Takes a counted attempt back: a login that succeeded is not a failure. */
export async function releaseAttempt(db: Db, attempt: Attempt): Promise<void> {
  if (attempt.allowed && attempt.ids.length > 0) await db.deleteFrom('throttleAttempts').where('id', 'in', attempt.ids).execute();
}

/** Forgets every attempt (and lockout) of one key, e.g. an account's failures after it logged in. */
export async function clearAttempts(db: Db, rule: ThrottleRule, key: string): Promise<void> {
  await db
    .deleteFrom('throttleAttempts')
    .where('scope', 'in', [rule.scope, lockScopeOf(rule.scope)])
    .where('key', '=', keyOf(key))
    .execute();
}

/**
 * How long the key would refuse its next attempt right now (0: it would admit it), without
 * counting one: for pages that explain a refusal ("gesperrt bis 10:15").
 */
export async function refusalWaitMs(db: Db, rule: ThrottleRule, key: string, now: Date): Promise<number> {
  const hashed = keyOf(key);
  const verdict = 'pace' in rule ? await judgePace(db, rule, hashed, [], now) : await judgeLimit(db, rule, hashed, [], now);
  return verdict.waitMs;
}

/** Drops attempts older than any window and expired rate-limit counters; run by housekeeping. */
export async function pruneThrottles(db: Db, now: Date, maxWindowMs = 24 * 3_600_000): Promise<void> {
  await db.deleteFrom('throttleAttempts').where('createdAt', '<', new Date(now.getTime() - maxWindowMs).toISOString()).execute();
  await db.deleteFrom('rateLimitCounters').where('windowEnds', '<', now.getTime()).execute();
}

/** Whole minutes to tell the user, never zero. */
export const minutesOf = (waitMs: number) => Math.max(1, Math.ceil(waitMs / 60_000));
