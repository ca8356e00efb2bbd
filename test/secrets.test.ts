import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { staffUser, uniqueDomain } from './support/factories.ts';
import { createApiToken } from '../src/features/accounts/index.ts';
import { totpCode } from '../src/features/accounts/totp.ts';

/**
 * After a whole journey — API order, staff order, customer login, master data, password reset,
 * staff login, API token — no generated password, token or session id may appear in plain text
 * in the database (every row; for SQLite also the raw database and WAL files) or in the logs.
 */
describe.each(DIALECTS)('no plaintext secrets at rest or in logs (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  const secrets: string[] = [];
  // The journey runs once before the tests, so each of them, also run alone with -t, searches for
  // the full set of secrets.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-secrets-'));
    t = await buildTestApp(dialect, {}, { sqliteFile: join(dir, 'journey.db') });
    await runJourney();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runJourney() {
    const admin = await staffUser(t, 'admin');
    secrets.push(admin.password);
    const { token } = await createApiToken(t.db, 'shop', admin.id, t.clock.now);
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
    for (const m of staffOrder.body.matchAll(/class="secret-value">([^<]+)</g)) secrets.push(decodeHtml(m[1]!));
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
    const resetMail = await t.mailer.waitForMail((m) => m.to === `info@${domain}`);
    const resetToken = decodeURIComponent(/token=([\w%-]+)/.exec(resetMail.text)![1]!);
    secrets.push(resetToken);
    await resetClient.get(`/passwort-neu?token=${encodeURIComponent(resetToken)}`);
    const newPassword = 'Sonnige Tage am Rhein 42';
    await resetClient.post('/passwort-neu', { token: resetToken, password: newPassword, passwordRepeat: newPassword });
    secrets.push(newPassword);
    const after = new Client(t.app);
    await after.loginCustomer(order.customerNumber, newPassword);
    secrets.push(...sessionIds(after));

    // Two-factor login: the TOTP seed and the backup codes are secrets too.
    const security = new Client(t.app);
    await security.loginCustomer(order.customerNumber, newPassword);
    await security.get('/sicherheit');
    const setup = await security.post('/sicherheit/2fa/start', {});
    const seed = /data-secret="([A-Z2-7]+)"/.exec(setup.body)![1]!;
    const enrolled = await security.post('/sicherheit/2fa/confirm', { code: totpCode(seed, t.clock.now) });
    secrets.push(seed, ...[...enrolled.body.matchAll(/class="secret-value">([a-z0-9]{4}-[a-z0-9]{4})</g)].map((m) => m[1]!));
    await security.post('/sicherheit/2fa/disable', { password: newPassword, code: totpCode(seed, new Date(t.clock.now.getTime() + 30_000)) });

    // E-Mail Administration: a generated mailbox password.
    const mailAdmin = new Client(t.app);
    await mailAdmin.loginCustomer(order.customerNumber, newPassword);
    const account = await t.db.selectFrom('mailAccounts').select('id').where('name', '=', order.mailAccount.name).executeTakeFirstOrThrow();
    await mailAdmin.get(`/mail-admin/${order.contractNumber}/accounts/${account.id}`);
    const generated = await mailAdmin.post(`/mail-admin/${order.contractNumber}/accounts/${account.id}/password`, { mode: 'generate', password: '', passwordRepeat: '' });
    const mailPassword = /class="secret-value">([^<]+)</.exec(generated.body)?.[1];
    expect(mailPassword, 'the generated mailbox password is shown once').toBeTruthy();
    secrets.push(decodeHtml(mailPassword!));

    // SupportCenter: the staff action's new administration password, revealed once.
    await mailAdmin.get('/support/tickets/new');
    const opened = await mailAdmin.post('/support/tickets', { category: 'admin_password', link: `contract:${order.contractNumber}`, subject: 'Neues Administrationspasswort', body: 'Bitte neu setzen.' });
    const ticketNumber = String(opened.headers.location).split('/').pop()!;
    const ticket = await t.db.selectFrom('supportTickets').select('id').where('number', '=', ticketNumber).executeTakeFirstOrThrow();
    await staff.get(`/staff/tickets/${ticket.id}`);
    await staff.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' });
    const action = await t.db.selectFrom('supportActions').select('id').where('ticketId', '=', ticket.id).executeTakeFirstOrThrow();
    await mailAdmin.get(`/support/tickets/${ticketNumber}`);
    const revealed = await mailAdmin.post(`/support/tickets/${ticketNumber}/actions/${action.id}/reveal`, {});
    secrets.push(decodeHtml(/class="secret-value">([^<]+)</.exec(revealed.body)![1]!));

    secrets.push(...sessionIds(security), ...sessionIds(mailAdmin));
    // Every test below searches for these: a journey step that yielded nothing fails them all.
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 8), 'every secret is a real value').toBe(true);
    expect(new Set(secrets).size).toBeGreaterThanOrEqual(25);
  }

  it('finds none of them in the mails sent, but for the reset link that mail exists to carry', () => {
    const mails = t.mailer.sent.map((m) => `${m.subject}\n${m.text}`).join('\n');
    expect(t.mailer.sent.length).toBeGreaterThan(0);
    for (const secret of secrets.filter((x) => !mails.includes(`token=${encodeURIComponent(x)}`))) {
      expect(mails.includes(secret), 'secret in an outgoing mail').toBe(false);
    }
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

function decodeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
}
