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
 * every order that was answered 201 is complete, every order refused or never sent is absent,
 * and the kills provably cut requests off in the middle.
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
    const attempts: Attempt[] = [];
    const env = { DATABASE_URL: database.url, DEMO_DATA: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
    for (let round = 0; round < ROUNDS; round++) {
      server = await startServer(env);
      const url = server.url;
      let firstAnswer: () => void = () => undefined;
      const answered = new Promise<void>((r) => (firstAnswer = r));
      const roundAttempts: Attempt[] = [];
      const inFlight = Array.from({ length: ORDERS_PER_ROUND }, async (_, i) => {
        const domain = `crash-${dialect}-${round}-${i}.de`;
        const attempt: Attempt = { domain, email: `info@${domain}`, round, state: 'waiting' };
        attempts.push(attempt);
        roundAttempts.push(attempt);
        await new Promise((r) => setTimeout(r, i * 15));
        attempt.state = 'sent';
        try {
          const res = await fetch(`${url}/api/v1/orders`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ tariff: 'mail-s', domains: [domain], email: attempt.email }),
          });
          attempt.status = res.status;
          if (res.status === 201) attempt.body = await res.json();
          attempt.state = 'answered';
          firstAnswer();
        } catch (error) {
          // The server died under this request (its fate is what the checks below find out), or
          // was already dead when it connected (then the request never reached it).
          attempt.state = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? 'refused' : 'cut';
        }
      });
      // Kill in the middle of the burst: once the first order is through, a little later each round,
      // so that some orders are done, some are inside their transaction and some have not begun.
      await Promise.race([answered, new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => setTimeout(r, 10 + round * 25));
      for (const attempt of roundAttempts) attempt.atKill = attempt.state;
      process.kill(server.pid, 'SIGKILL');
      await Promise.all(inFlight);
      server = undefined;
    }

    const handle = openDatabase(database.url);
    try {
      const { db } = handle;
      for (const attempt of attempts) {
        const domain = await db.selectFrom('domains').select(['contractId']).where('nameAscii', '=', attempt.domain).executeTakeFirst();
        const customer = await db.selectFrom('customers').select(['id', 'customerNumber']).where('email', '=', attempt.email).executeTakeFirst();
        const contract = await db
          .selectFrom('contracts')
          .selectAll()
          .where((eb) => eb.or([eb('id', '=', domain?.contractId ?? -1), eb('customerId', '=', customer?.id ?? -1)]))
          .executeTakeFirst();
        const account = contract && (await db.selectFrom('mailAccounts').selectAll().where('contractId', '=', contract.id).executeTakeFirst());
        const order = await db.selectFrom('orders').select(['contractId', 'customerId']).where('request', 'like', `%${attempt.domain}%`).executeTakeFirst();
        const audit =
          contract && (await db.selectFrom('auditEvents').select('id').where('event', '=', 'order.placed').where('subject', '=', `contract:${contract.contractNumber}`).executeTakeFirst());
        const pieces = { customer: !!customer, domain: !!domain, contract: !!contract, mailAccount: !!account, order: !!order, audit: !!audit };
        const present = Object.values(pieces).filter(Boolean).length;
        expect(present === 0 || present === Object.keys(pieces).length, `${attempt.domain} is half written: ${JSON.stringify(pieces)}`).toBe(true);
        attempt.outcome = present === 0 ? 'absent' : 'complete';
        if (attempt.status === 201) expect(attempt.outcome, `${attempt.domain} was confirmed but is missing`).toBe('complete');
        else if (attempt.state === 'answered') expect(attempt.outcome, `${attempt.domain} was refused with ${attempt.status} but exists`).toBe('absent');
        // Sent only after the kill (or refused): the dead server cannot have begun it.
        if (attempt.state === 'refused' || attempt.atKill === 'waiting') expect(attempt.outcome, `${attempt.domain} never reached the server but exists`).toBe('absent');
        if (attempt.outcome === 'absent') continue;
        expect([contract!.customerId, order!.customerId, order!.contractId, domain!.contractId]).toEqual([customer!.id, customer!.id, contract!.id, contract!.id]);
        expect(account!.name, attempt.domain).toBe(`${contract!.contractNumber}.001`);
        if (attempt.body) {
          expect([contract!.contractNumber, customer!.customerNumber]).toEqual([attempt.body.contractNumber, attempt.body.customerNumber]);
          expect(await verifyPassword(account!.passwordHash, attempt.body.mailAccount.password)).toBe(true);
        }
      }
      // Nothing half-written that no attempt accounts for: one of each row per complete order.
      const complete = attempts.filter((a) => a.outcome === 'complete').length;
      const count = async (table: 'customers' | 'contracts' | 'orders' | 'mailAccounts' | 'domains') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const placed = Number((await db.selectFrom('auditEvents').select((eb) => eb.fn.countAll().as('n')).where('event', '=', 'order.placed').executeTakeFirstOrThrow()).n);
      expect({ customers: await count('customers'), contracts: await count('contracts'), orders: await count('orders'), mailAccounts: await count('mailAccounts'), domains: await count('domains'), placed }).toEqual({
        customers: complete,
        contracts: complete,
        orders: complete,
        mailAccounts: complete,
        domains: complete,
        placed: complete,
      });

      // The kills landed in the middle of work: some orders went through before a kill, and some
      // requests were sent and still unanswered when the kill went out, and never got an answer.
      const cut = attempts.filter((a) => a.atKill === 'sent' && a.state === 'cut');
      expect(attempts.filter((a) => a.status === 201).length, 'orders confirmed before a kill').toBeGreaterThan(0);
      expect(cut.length, 'requests the kills cut off').toBeGreaterThan(0);
      console.log(
        `crash safety (${dialect}): ${attempts.length} orders; ${attempts.filter((a) => a.status === 201).length} confirmed, ${cut.length} cut off by a kill (${cut.filter((a) => a.outcome === 'complete').length} of them committed), ${attempts.filter((a) => a.state === 'refused').length} refused; ${complete} complete, ${attempts.length - complete} absent`,
      );
    } finally {
      await handle.close();
    }
  }, 300_000);
});

interface Attempt {
  domain: string;
  email: string;
  round: number;
  /** waiting (not yet sent), sent, answered (any status), cut (connection died), refused (server already gone). */
  state: 'waiting' | 'sent' | 'answered' | 'cut' | 'refused';
  /** The state when the kill was sent. */
  atKill?: Attempt['state'];
  status?: number;
  body?: { customerNumber: string; contractNumber: string; mailAccount: { name: string; password: string } };
  outcome?: 'complete' | 'absent';
}
