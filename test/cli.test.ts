import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client } from './support/app.ts';
import { runHostdesk } from './support/cli.ts';
import { seedCatalog } from '../src/demo.ts';

describe.each(DIALECTS)('hostdesk CLI (%s)', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-cli-'));
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'cli.db') });
    await seedCatalog(database.handle);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists tariffs as JSON', async () => {
    const res = await runHostdesk(['tariff', 'list', '--json'], database.url);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(
      expect.arrayContaining([
        { code: 'mail-s', name: 'Mail S', panel: 'mailadmin', pleskVersion: null },
        { code: 'web-classic', name: 'Webhosting Classic', panel: 'plesk', pleskVersion: '9.5' },
        { code: 'web-plus', name: 'Webhosting Plus', panel: 'plesk', pleskVersion: '10.4' },
      ]),
    );
  });

  it('places an order whose output logs the customer in', async () => {
    const res = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', 'cli-kunde.de', '--domain', 'cli-kunde.net', '--email', 'chef@cli-kunde.de', '--json'], database.url);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['contractNumber', 'customerNumber', 'customerPassword', 'domains', 'mailAccount']);
    expect(out.domains).toEqual(['cli-kunde.de', 'cli-kunde.net']);
    expect(out.mailAccount).toEqual({ name: `${out.contractNumber}.001`, password: expect.any(String) });

    const again = await runHostdesk(['order', '--tariff', 'web-plus', '--domain', 'cli-kunde-web.de', '--email', 'chef@cli-kunde.de', '--customer', out.customerNumber, '--json'], database.url);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ customerNumber: out.customerNumber, customerPassword: null, mailAccount: null });

    const t = await buildTestApp(dialect, {}, { database: { ...database, drop: async () => undefined } });
    try {
      const client = new Client(t.app);
      await client.loginCustomer(out.customerNumber, out.customerPassword, { confirm: true });
      const page = await client.get('/domains');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('cli-kunde.net');
      expect(page.body).toContain('aria-label="Paket verwalten"');
    } finally {
      await t.app.close();
    }
  });

  it('adds staff users with a generated password', async () => {
    const res = await runHostdesk(['staff', 'add', '--login', 'petra', '--role', 'agent', '--json'], database.url);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toEqual({ login: 'petra', password: expect.stringMatching(/^.{20}$/) });
    const dup = await runHostdesk(['staff', 'add', '--login', 'petra', '--role', 'agent'], database.url);
    expect(dup.code).not.toBe(0);
  });

  it.each([
    [['order', '--tariff', 'gold', '--domain', 'x-cli.de', '--email', 'a@b.de'], /Unknown tariff "gold"/],
    [['order', '--tariff', 'mail-s', '--domain', 'not a domain', '--email', 'a@b.de'], /not a valid domain name/],
    [['order', '--tariff', 'mail-s', '--domain', 'cli-kunde.de', '--email', 'other@b.de'], /already taken/],
    [['order', '--tariff', 'mail-s', '--domain', 'x-cli2.de', '--email', 'nope'], /valid e-mail address/],
    [['order', '--tariff', 'mail-s', '--email', 'a@b.de'], /--domain/],
    [['order', '--bogus'], /Unknown option/],
    [['staff', 'add', '--login', 'x1', '--role', 'boss'], /--role must be admin or agent/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])('fails with a message and a non-zero exit: %j', async (args, message) => {
    const res = await runHostdesk(args, database.url);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });
});
