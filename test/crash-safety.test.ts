import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { seedCatalog } from '../src/demo.ts';
import { createApiToken } from '../src/features/accounts/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { verifyPassword } from '../src/platform/crypto.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const ORDERS_PER_ROUND = 8;

/**
 * kill -9 in the middle of orders, again and again: after each restart every order is either
 * complete (customer, contract, domains, mail account .001, order row, audit entry) or absent,
 * and every order that was answered 201 is complete.
 */
describe.each(DIALECTS)('crash safety (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let token: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-crash-'));
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'crash.db') });
    await seedCatalog(database.handle);
    const admin = await database.handle.db
      .insertInto('staffUsers')
      .values({ login: 'crash', name: 'Crash', passwordHash: 'x', role: 'admin', language: 'de', createdAt: new Date().toISOString(), disabledAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    token = (await createApiToken(database.handle.db, 'crash', admin.id, new Date())).token;
    await database.handle.close();
  });
  afterAll(async () => {
    await server?.stop();
    if (dialect === 'postgres') {
      const pg = (await import('pg')).default;
      const { PG_ADMIN_URL } = await import('./support/databases.ts');
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${new URL(database.url).pathname.slice(1)} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves every order complete or absent after SIGKILL', async () => {
    const attempts: { domain: string; email: string; answered: boolean; body?: { customerNumber: string; contractNumber: string; mailAccount: { name: string; password: string } } }[] = [];
    const env = { DATABASE_URL: database.url, DEMO_DATA: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
    for (let round = 0; round < ROUNDS; round++) {
      server = await startServer(env);
      const url = server.url;
      let firstAnswer: () => void = () => undefined;
      const answered = new Promise<void>((r) => (firstAnswer = r));
      const inFlight = Array.from({ length: ORDERS_PER_ROUND }, async (_, i) => {
        const domain = `crash-${dialect}-${round}-${i}.de`;
        const attempt: (typeof attempts)[number] = { domain, email: `info@${domain}`, answered: false };
        attempts.push(attempt);
        await new Promise((r) => setTimeout(r, i * 15));
        try {
          const res = await fetch(`${url}/api/v1/orders`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ tariff: 'mail-s', domains: [domain], email: attempt.email }),
          });
          if (res.status === 201) {
            attempt.answered = true;
            attempt.body = await res.json();
            firstAnswer();
          }
        } catch {
          /* the server died under this request: the order's fate is unknown, which is the point */
        }
      });
      // Kill in the middle of the burst: once the first order is through, a little later each round,
      // so that some orders are done, some are inside their transaction and some have not begun.
      await Promise.race([answered, new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => setTimeout(r, 10 + round * 25));
      process.kill(server.pid, 'SIGKILL');
      await Promise.all(inFlight);
      server = undefined;
    }

    const handle = openDatabase(database.url);
    try {
      const { db } = handle;
      let complete = 0;
      let absent = 0;
      for (const attempt of attempts) {
        const domain = await db.selectFrom('domains').select(['contractId']).where('nameAscii', '=', attempt.domain).executeTakeFirst();
        const customer = await db.selectFrom('customers').select(['id', 'customerNumber']).where('email', '=', attempt.email).executeTakeFirst();
        if (!domain) {
          expect(attempt.answered, `${attempt.domain} was confirmed but is missing`).toBe(false);
          expect(customer, `${attempt.domain}: customer without contract`).toBeUndefined();
          absent++;
          continue;
        }
        const contract = await db.selectFrom('contracts').selectAll().where('id', '=', domain.contractId).executeTakeFirstOrThrow();
        expect(contract.customerId).toBe(customer!.id);
        const account = await db.selectFrom('mailAccounts').selectAll().where('contractId', '=', contract.id).executeTakeFirst();
        expect(account?.name, attempt.domain).toBe(`${contract.contractNumber}.001`);
        expect(await db.selectFrom('orders').select('id').where('contractId', '=', contract.id).executeTakeFirst(), attempt.domain).toBeDefined();
        expect(await db.selectFrom('auditEvents').select('id').where('event', '=', 'order.placed').where('subject', '=', `contract:${contract.contractNumber}`).executeTakeFirst(), attempt.domain).toBeDefined();
        if (attempt.body) {
          expect(contract.contractNumber).toBe(attempt.body.contractNumber);
          expect(await verifyPassword(account!.passwordHash, attempt.body.mailAccount.password)).toBe(true);
        }
        complete++;
      }
      // Nothing half-written that no attempt accounts for.
      const orphans = await db
        .selectFrom('customers')
        .leftJoin('contracts', 'contracts.customerId', 'customers.id')
        .select('customers.id')
        .where('contracts.id', 'is', null)
        .execute();
      expect(orphans).toEqual([]);
      expect(complete + absent).toBe(attempts.length);
      // The kills really did land in the middle: some orders made it, and the run was not trivial.
      expect(complete).toBeGreaterThan(0);
      console.log(`crash safety (${dialect}): ${complete} complete, ${absent} absent of ${attempts.length}`);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
