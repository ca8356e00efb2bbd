import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { takeAttempt, type ThrottleRule } from '../src/platform/throttle.ts';
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
