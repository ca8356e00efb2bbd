import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { databaseRateLimitStore } from '../src/platform/http/rate-limit-store.ts';

/**
 * The request rate-limit store hands out places it took in blocks from the database counter.
 * Two stores on one database stand for two app processes: together they never admit more than
 * the budget, whatever the interleaving, and they write far less often than once per request.
 */
describe.each(DIALECTS)('rate-limit store in blocks (%s)', (dialect) => {
  let database: TestDatabase;
  let clock = 1_000_000;
  const now = () => clock;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  }, 60_000);
  afterAll(async () => database?.drop());

  const storeOf = () => {
    const Store = databaseRateLimitStore(database.handle.db, now);
    return new Store({}) as FastifyRateLimitStore & { incr(key: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void };
  };
  const incr = (store: ReturnType<typeof storeOf>, key: string, max: number) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (e, r) => (e ? reject(e) : resolve(r!)), 60_000, max));
  const counter = async (key: string) =>
    (await database.handle.db.selectFrom('rateLimitCounters').select(['count']).where('key', '=', `global|${key}`).executeTakeFirst())?.count ?? 0;

  it('never admits more than the budget over two processes, in parallel, and writes once per block', async () => {
    const [a, b] = [storeOf(), storeOf()];
    const max = 600;
    const answers = await Promise.all(Array.from({ length: 900 }, (_, i) => incr(i % 3 ? a : b, '10.0.0.1', max)));
    const admitted = answers.filter((r) => r.current <= max);
    expect(admitted.length).toBeLessThanOrEqual(max);
    // Places left unused in a process's block are the only loss: at most one block (≤ 37) each.
    expect(admitted.length).toBeGreaterThanOrEqual(max - 2 * 37);
    // Every place is handed out once.
    expect(new Set(answers.map((r) => r.current)).size).toBe(answers.length);
    // The database counts places taken, not requests: blocks while far from the limit.
    expect(await counter('10.0.0.1')).toBeGreaterThanOrEqual(answers.length);
  });

  it('counts exactly with a small budget and opens a new window when the old one ended', async () => {
    const [a, b] = [storeOf(), storeOf()];
    const currents = [];
    for (let i = 0; i < 12; i++) currents.push((await incr(i % 2 ? b : a, '10.0.0.2', 10)).current);
    expect(currents).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await counter('10.0.0.2')).toBe(12);
    clock += 60_001;
    expect((await incr(b, '10.0.0.2', 10)).current).toBe(1);
    expect((await incr(a, '10.0.0.2', 10)).current).toBe(2);
  });

  it('takes blocks far from the limit: a quiet client costs few writes', async () => {
    const a = storeOf();
    for (let i = 0; i < 100; i++) await incr(a, '10.0.0.3', 600);
    // 100 requests: blocks of 37, 35, 33 places — three writes, 105 places taken.
    expect(await counter('10.0.0.3')).toBe(37 + 35 + 33);
  });
});
