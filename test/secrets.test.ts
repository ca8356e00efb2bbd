import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { staffUser, uniqueDomain } from './support/factories.ts';
import { createApiToken } from '../src/features/accounts/index.ts';

/**
 * After a whole journey — API order, staff order, customer login, master data, password reset,
 * staff login, API token — no generated password, token or session id may appear in plain text
 * in the database (every row; for SQLite also the raw database and WAL files) or in the logs.
 */
describe.each(DIALECTS)('no plaintext secrets at rest or in logs (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  const secrets: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-secrets-'));
    t = await buildTestApp(dialect, {}, { sqliteFile: join(dir, 'journey.db') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the journey', async () => {
    const admin = await staffUser(t, 'admin');
    secrets.push(admin.password);
    const { token } = await createApiToken(t.db, 'shop', admin.id, new Date());
    secrets.push(token);

    const domain = uniqueDomain();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { tariff: 'mail-s', domains: [domain], email: `info@${domain}` },
    });
    const order = res.json();
    secrets.push(order.customerPassword, order.mailAccount.password);

    const staff = new Client(t.app);
    await staff.loginStaff(admin.login, admin.password);
    await staff.get('/staff/orders/new');
    const d2 = uniqueDomain();
    const staffOrder = await staff.post('/staff/orders', { tariff: 'mail-l', domains: d2, email: `x@${d2}`, customerNumber: '' });
    for (const m of staffOrder.body.matchAll(/class="secret-value">([^<]+)</g)) secrets.push(m[1]!.replace(/&amp;/g, '&'));
    await staff.get('/staff/api-tokens');
    const created = await staff.post('/staff/api-tokens', { name: 'billing' });
    secrets.push(/class="secret-value">(hd_[\w-]+)</.exec(created.body)![1]!);

    const customer = new Client(t.app);
    await customer.loginCustomer(order.customerNumber, order.customerPassword, { confirm: true });
    await customer.get('/domains');
    secrets.push(...sessionIds(customer), ...sessionIds(staff));

    const resetClient = new Client(t.app, '10.7.7.7');
    await resetClient.get('/passwort-vergessen');
    await resetClient.post('/passwort-vergessen', { identifier: order.customerNumber });
    await new Promise((r) => setTimeout(r, 20));
    const resetToken = decodeURIComponent(/token=([\w%-]+)/.exec(t.mailer.sent.at(-1)!.text)![1]!);
    secrets.push(resetToken);
    await resetClient.get(`/passwort-neu?token=${encodeURIComponent(resetToken)}`);
    const newPassword = 'Sonnige Tage am Rhein 42';
    await resetClient.post('/passwort-neu', { token: resetToken, password: newPassword, passwordRepeat: newPassword });
    secrets.push(newPassword);
    const after = new Client(t.app);
    await after.loginCustomer(order.customerNumber, newPassword);
    secrets.push(...sessionIds(after));

    expect(secrets.filter(Boolean).length).toBeGreaterThanOrEqual(10);
  });

  it('finds none of them in any database row', async () => {
    const tables =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.db)).rows.map((r) => r.name);
    expect(tables).toContain('customers');
    let dump = '';
    for (const table of tables) {
      const rows = (await sql`select * from ${sql.table(table)}`.execute(t.db)).rows;
      dump += JSON.stringify(rows);
    }
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(dump.includes(secret), `secret of length ${secret.length} in the database`).toBe(false);
  });

  it.runIf(dialect === 'sqlite')('finds none of them in the raw SQLite files', async () => {
    const raw = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('');
    expect(raw.length).toBeGreaterThan(10_000);
    for (const secret of secrets) expect(raw.includes(Buffer.from(secret).toString('latin1')), 'secret in the database file').toBe(false);
  });

  it('finds none of them in the logs', () => {
    const logs = t.logs.join('');
    expect(logs).toContain('"url":"/login"');
    for (const secret of secrets) expect(logs.includes(secret), 'secret in the logs').toBe(false);
  });
});

function sessionIds(client: Client): string[] {
  const raw = /hostdesk_session=([^;]+)/.exec(client.cookieHeader())?.[1];
  if (!raw) return [];
  const signed = decodeURIComponent(raw);
  return [signed, signed.split('.')[0]!];
}
