import type { Db } from '../../platform/db/index.ts';
import { sha256 } from '../../platform/crypto.ts';

/**
 * Failed-login throttling kept in the database, so that it holds across app processes.
 * A key is locked once it has `limit` failures inside the window; it opens again when the
 * oldest of those failures leaves the window.
 */
export interface ThrottleRule {
  scope: string;
  limit: number;
  windowMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { scope: 'login-account', limit: 5, windowMs: 15 * 60_000 };
export const IP_RULE: ThrottleRule = { scope: 'login-ip', limit: 20, windowMs: 15 * 60_000 };

// Identifiers are hashed: the table needs equality only, and keeps no e-mail addresses.
const keyOf = (raw: string) => sha256(raw.toLowerCase());

/** Milliseconds until the next attempt is allowed for any of the keys; 0 when none is locked. */
export async function lockedFor(db: Db, checks: { rule: ThrottleRule; key: string }[], now: Date): Promise<number> {
  let wait = 0;
  for (const { rule, key } of checks) {
    const since = new Date(now.getTime() - rule.windowMs).toISOString();
    const rows = await db
      .selectFrom('loginFailures')
      .select('createdAt')
      .where('scope', '=', rule.scope)
      .where('key', '=', keyOf(key))
      .where('createdAt', '>', since)
      .orderBy('createdAt', 'desc')
      .limit(rule.limit)
      .execute();
    if (rows.length >= rule.limit) {
      const oldest = new Date(rows[rows.length - 1]!.createdAt).getTime();
      wait = Math.max(wait, oldest + rule.windowMs - now.getTime());
    }
  }
  return wait;
}

export async function recordFailure(db: Db, checks: { rule: ThrottleRule; key: string }[], now: Date): Promise<void> {
  await db
    .insertInto('loginFailures')
    .values(checks.map(({ rule, key }) => ({ scope: rule.scope, key: keyOf(key), createdAt: now.toISOString() })))
    .execute();
}

export async function clearFailures(db: Db, rule: ThrottleRule, key: string): Promise<void> {
  await db.deleteFrom('loginFailures').where('scope', '=', rule.scope).where('key', '=', keyOf(key)).execute();
}

/** Drops failures older than any window; called from housekeeping. */
export async function pruneFailures(db: Db, now: Date, maxWindowMs = 24 * 3_600_000): Promise<void> {
  await db.deleteFrom('loginFailures').where('createdAt', '<', new Date(now.getTime() - maxWindowMs).toISOString()).execute();
}
