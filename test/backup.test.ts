import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client } from './support/app.ts';
import { runHostdesk } from './support/cli.ts';
import { orderFor } from './support/factories.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { seedCatalog } from '../src/demo.ts';

/** `hostdesk backup` while the app serves, `hostdesk restore` into a fresh database, then log in. */
describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  let dir: string;
  let source: TestDatabase;
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-backup-'));
    source = await createTestDatabase(dialect, { sqliteFile: join(dir, 'live.db') });
    await seedCatalog(source.handle);
  });
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup taken while the app was serving, and the customer can log in', async () => {
    const live = await buildTestApp(dialect, {}, { database: source });
    cleanup.push(() => live.close());
    const order = await orderFor(live);
    const out = join(dir, dialect === 'sqlite' ? 'hostdesk-backup.db' : 'hostdesk-backup.pgdump');

    // Orders keep arriving during the backup: it must still be a consistent snapshot.
    const during = Promise.all(Array.from({ length: 5 }, () => orderFor(live)));
    const backup = await runHostdesk(['backup', '--out', out], source.url);
    await during;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(existsSync(out)).toBe(true);

    const targetUrl = dialect === 'sqlite' ? `file:${join(dir, 'restored.db')}` : await emptyPostgresDatabase(cleanup);
    const restore = await runHostdesk(['restore', out], targetUrl);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const again = await runHostdesk(['restore', out], targetUrl);
    expect(again.code).not.toBe(0); // never over an existing database
    expect(again.stderr).toMatch(/exists|not empty|already/);

    const restored = openDatabase(targetUrl);
    const app = await buildTestApp(dialect, {}, { database: { handle: restored, url: targetUrl, drop: () => restored.close() } });
    cleanup.push(() => app.close());
    const client = new Client(app.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const page = await client.get('/domains');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(order.domains[0]);
    // Numbering goes on after the restored data, not from the start.
    const next = await orderFor(app);
    expect(Number(next.customerNumber)).toBeGreaterThan(Number(order.customerNumber));
  });

  it('refuses to back up or restore what is not there', async () => {
    const missing = await runHostdesk(['restore', join(dir, 'nope.db')], `file:${join(dir, 'x.db')}`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No backup file/);
    const usage = await runHostdesk(['backup'], source.url);
    expect(usage.code).toBe(2);
  });
});

async function emptyPostgresDatabase(cleanup: (() => Promise<void>)[]): Promise<string> {
  const name = `hostdesk_restore_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
