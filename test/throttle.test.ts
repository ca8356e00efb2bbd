import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { clearAttempts, lockoutMs, paceDelayMs, releaseAttempt, takeAttempt, type LimitRule, type PaceRule, type ThrottleRule } from '../src/platform/throttle.ts';
import { sha256 } from '../src/platform/crypto.ts';

const RULE: ThrottleRule = { scope: 'test.throttle', limit: 3, windowMs: 60_000 };

describe.each(DIALECTS)('attempt throttling (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.drop());

  const count = async (key: string) =>
    (await database.handle.db.selectFrom('throttleAttempts').select('id').where('scope', '=', RULE.scope).where('key', '=', sha256(key)).execute()).length;

  it('admits the limit inside the window and refuses the next attempt uncounted', async () => {
    const now = new Date();
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await takeAttempt(database.handle.db, [{ rule: RULE, key: 'Konto-A' }], now)).allowed);
    expect(results).toEqual([true, true, true, false]);
    expect(await count('konto-a')).toBe(3);
    expect((await takeAttempt(database.handle.db, [{ rule: RULE, key: 'konto-a' }], new Date(now.getTime() + 61_000))).allowed).toBe(true);
  });

  const LOCKING: LimitRule = { scope: 'test.lockout', limit: 3, windowMs: 60_000, lockout: { baseMs: 10 * 60_000, maxMs: 40 * 60_000, memoryMs: 24 * 3_600_000 } };
  const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

  it('locks a key out after its limit, for longer with every burst, and spends the attempts of each burst', async () => {
    const start = new Date('2030-01-01T10:00:00Z');
    const take = (ms: number) => takeAttempt(database.handle.db, [{ rule: LOCKING, key: 'pair-a' }], at(start, ms));
    // Burst 1: three attempts pass, the third locks the key for 10 minutes.
    for (let i = 0; i < 3; i++) expect((await take(i * 1000)).allowed).toBe(true);
    const locked = await take(3000);
    expect(locked).toMatchObject({ allowed: false, blocking: ['test.lockout'] });
    expect(!locked.allowed && locked.waitMs).toBe(10 * 60_000 - 1000);
    // The window alone (one minute) would have opened the key again; the lockout holds it.
    expect((await take(2 * 60_000)).allowed).toBe(false);
    // Burst 2 after the lockout: three fresh attempts (the first burst is spent), then 20 minutes.
    const second = 2000 + 10 * 60_000;
    for (let i = 0; i < 3; i++) expect((await take(second + i)).allowed).toBe(true);
    const longer = await take(second + 3);
    expect(!longer.allowed && longer.waitMs).toBe(20 * 60_000 - 1);
    // Burst 3: 40 minutes, and the cap holds it there for burst 4.
    const third = second + 2 + 20 * 60_000;
    for (let i = 0; i < 3; i++) expect((await take(third + i)).allowed).toBe(true);
    expect((await take(third + 3)) as { waitMs: number }).toMatchObject({ waitMs: 40 * 60_000 - 1 });
    expect([1, 2, 3, 4, 5].map((n) => lockoutMs(LOCKING.lockout!, n))).toEqual([10, 20, 40, 40, 40].map((m) => m * 60_000));
  });

  it('takes a lockout back with the attempt that caused it, and forgets a key with clearAttempts', async () => {
    const start = new Date('2030-01-02T10:00:00Z');
    const take = (key: string, ms: number) => takeAttempt(database.handle.db, [{ rule: LOCKING, key }], at(start, ms));
    await take('pair-b', 0);
    await take('pair-b', 1);
    const third = await take('pair-b', 2);
    // The third attempt turned out to be the owner's: released, the key is not locked.
    await releaseAttempt(database.handle.db, third);
    expect((await take('pair-b', 3)).allowed).toBe(true);
    expect((await take('pair-b', 4)).allowed).toBe(false);
    await clearAttempts(database.handle.db, LOCKING, 'pair-b');
    expect((await take('pair-b', 5)).allowed).toBe(true);
  });

  const PACE: PaceRule = { scope: 'test.pace', windowMs: 3_600_000, pace: { free: 4, delayMs: 30_000, doubleEvery: 2, maxDelayMs: 100_000 } };

  it('paces a key instead of locking it: one attempt per growing delay once the free ones are used', async () => {
    const start = new Date('2030-01-03T10:00:00Z');
    const take = (ms: number) => takeAttempt(database.handle.db, [{ rule: PACE, key: 'account-a' }], at(start, ms));
    for (let i = 0; i < 4; i++) expect(await take(i)).toMatchObject({ allowed: true, slowed: [] });
    // Four in the window: the next one waits 30 s after the last.
    expect(await take(10)).toMatchObject({ allowed: false, blocking: ['test.pace'], waitMs: 30_000 - 7 });
    expect(await take(3 + 30_000)).toMatchObject({ allowed: true, slowed: ['test.pace'] });
    // Five: still 30 s; six: 60 s; then the cap of 100 s.
    expect((await take(3 + 59_000)).allowed).toBe(false);
    expect((await take(3 + 60_000)).allowed).toBe(true);
    expect(await take(3 + 61_000)).toMatchObject({ allowed: false, waitMs: 59_000 });
    expect([3, 4, 5, 6, 7, 8, 20].map((n) => paceDelayMs(PACE.pace, n))).toEqual([0, 30_000, 30_000, 60_000, 60_000, 100_000, 100_000]);
  });

  it('counts an ungated check without ever refusing on it', async () => {
    const start = new Date('2030-01-04T10:00:00Z');
    const checks = (gate: boolean) => [{ rule: PACE, key: 'account-b', gate }];
    for (let i = 0; i < 6; i++) expect((await takeAttempt(database.handle.db, checks(false), at(start, i))).allowed).toBe(true);
    // The ungated attempts were counted: a gated one now has to wait.
    expect((await takeAttempt(database.handle.db, checks(true), at(start, 6))).allowed).toBe(false);
  });

  it.runIf(dialect === 'postgres')('refuses, uncounted, an attempt that waits longer than the lock timeout for its key', async () => {
    // Another request holds the key's turn (its advisory lock) and does not finish in time.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${RULE.scope}|${sha256('konto-b')}`]);
      const attempt = await takeAttempt(database.handle.db, [{ rule: RULE, key: 'konto-b' }], new Date(), { lockTimeoutMs: 200 });
      expect(attempt.allowed).toBe(false);
      await holder.query('commit');
      expect(await count('konto-b')).toBe(0);
      expect((await takeAttempt(database.handle.db, [{ rule: RULE, key: 'konto-b' }], new Date(), { lockTimeoutMs: 200 })).allowed).toBe(true);
    } finally {
      await holder.end();
    }
  });
});
