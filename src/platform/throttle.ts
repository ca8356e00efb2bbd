import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Db } from './db/index.ts';
import type { Database } from './db/database.ts';
import { sha256 } from './crypto.ts';

/**
 * Attempt throttling kept in the database, so that it holds across app processes: failed
 * logins and codes, password-reset requests, new tickets. A key admits `limit` attempts inside
 * a sliding window of `windowMs`; it opens again when the oldest of them leaves the window.
 *
 * An attempt is counted *before* the work it guards (insert, then count), so that concurrent
 * requests cannot all slip through between a check and a write: of the requests racing for the
 * last free place, the one that counts last sees every row written before it. A refused attempt
 * is not counted, and a successful login takes its attempt back (`releaseAttempt`).
 */
export interface ThrottleRule {
  scope: string;
  limit: number;
  windowMs: number;
}

export interface ThrottleCheck {
  rule: ThrottleRule;
  /** Account name, customer id or IP address; stored hashed and case-folded. */
  key: string;
}

export type Attempt = { allowed: true; ids: number[] } | { allowed: false; waitMs: number };

// The table needs equality only, and keeps no e-mail addresses or login names.
const keyOf = (raw: string) => sha256(raw.toLowerCase());

/**
 * Counts one attempt against every check, or refuses it (uncounted) when any key is full.
 * Attempts on the same keys take turns (one transaction; on PostgreSQL an advisory lock per key,
 * taken in a fixed order; SQLite has one writer at a time anyway), so that of parallel requests
 * exactly those up to the limit pass: none beyond it, and not all refused either, which a plain
 * insert-then-count lets happen when every racer counts every other one.
 */
export async function takeAttempt(db: Db, checks: ThrottleCheck[], now: Date, options: { lockTimeoutMs?: number } = {}): Promise<Attempt> {
  if (checks.length === 0) return { allowed: true, ids: [] };
  const hashed = checks.map(({ rule, key }) => ({ rule, key: keyOf(key) }));
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  try {
    return await db.transaction().execute((trx) => countAttempt(trx, hashed, now, postgres ? (options.lockTimeoutMs ?? LOCK_TIMEOUT_MS) : null));
  } catch (error) {
    // A burst on one key waited longer than the lock timeout for its turn: refused, uncounted.
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return { allowed: false, waitMs: 1000 };
    throw error;
  }
}

// How long an attempt waits for its keys' turn on PostgreSQL. Each waiter holds a pool
// connection, so a burst of parallel attempts on one account is cut off here instead of
// queueing every other request behind it.
const LOCK_TIMEOUT_MS = 2000;
const LOCK_NOT_AVAILABLE = '55P03';

async function countAttempt(trx: Transaction<Database>, hashed: { rule: ThrottleRule; key: string }[], now: Date, lockTimeoutMs: number | null): Promise<Attempt> {
  const at = now.toISOString();
  if (lockTimeoutMs !== null) await lockKeys(trx, hashed.map(({ rule, key }) => `${rule.scope}|${key}`), lockTimeoutMs);
  const rows = await trx
    .insertInto('throttleAttempts')
    .values(hashed.map(({ rule, key }) => ({ scope: rule.scope, key, createdAt: at })))
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  let waitMs = 0;
  for (const { rule, key } of hashed) {
    const since = new Date(now.getTime() - rule.windowMs).toISOString();
    const others = await trx
      .selectFrom('throttleAttempts')
      .select('createdAt')
      .where('scope', '=', rule.scope)
      .where('key', '=', key)
      .where('createdAt', '>', since)
      .where('id', 'not in', ids)
      .orderBy('createdAt', 'desc')
      .limit(rule.limit)
      .execute();
    if (others.length >= rule.limit) {
      const oldest = new Date(others[others.length - 1]!.createdAt).getTime();
      waitMs = Math.max(waitMs, oldest + rule.windowMs - now.getTime(), 1);
    }
  }
  if (waitMs > 0) {
    await trx.deleteFrom('throttleAttempts').where('id', 'in', ids).execute();
    return { allowed: false, waitMs } as const;
  }
  return { allowed: true, ids } as const;
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

/** Forgets every attempt of one key, e.g. an account's failures after it logged in. */
export async function clearAttempts(db: Db, rule: ThrottleRule, key: string): Promise<void> {
  await db.deleteFrom('throttleAttempts').where('scope', '=', rule.scope).where('key', '=', keyOf(key)).execute();
}

/** Drops attempts older than any window and expired rate-limit counters; run by housekeeping. */
export async function pruneThrottles(db: Db, now: Date, maxWindowMs = 24 * 3_600_000): Promise<void> {
  await db.deleteFrom('throttleAttempts').where('createdAt', '<', new Date(now.getTime() - maxWindowMs).toISOString()).execute();
  await db.deleteFrom('rateLimitCounters').where('windowEnds', '<', now.getTime()).execute();
}

/** Whole minutes to tell the user, never zero. */
export const minutesOf = (waitMs: number) => Math.max(1, Math.ceil(waitMs / 60_000));
