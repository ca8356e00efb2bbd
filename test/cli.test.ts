import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client } from './support/app.ts';
import { runHostdesk } from './support/cli.ts';
import { seedCatalog } from '../src/demo.ts';
import { placeFirstOrder } from '../src/features/orders/index.ts';

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

  it("places an order with the customer's master data from the new flags", async () => {
    const res = await runHostdesk(
      [
        'order', '--tariff', 'mail-s', '--domain', 'cli-stammdaten.de', '--email', 'anna@cli-stammdaten.de',
        '--salutation', 'ms', '--first-name', 'Anna', '--last-name', 'Berger', '--company', 'Berger & Söhne KG',
        '--street', 'Lindenweg 3', '--postcode', '8010', '--city', 'Graz', '--country', 'AT', '--phone', '+43 316 123456', '--language', 'en', '--json',
      ],
      database.url,
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const customer = await database.handle.db.selectFrom('customers').selectAll().where('customerNumber', '=', JSON.parse(res.stdout).customerNumber).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({
      salutation: 'ms', firstName: 'Anna', lastName: 'Berger', company: 'Berger & Söhne KG', street: 'Lindenweg 3',
      postcode: '8010', city: 'Graz', country: 'AT', phone: '+43 316 123456', language: 'en', confirmedAt: null,
    });
  });

  it('refuses invalid master data, naming each option, and creates nothing', async () => {
    const count = async () => Number((await database.handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await runHostdesk(
      ['order', '--tariff', 'mail-s', '--domain', 'cli-falsch.de', '--email', 'a@cli-falsch.de', '--postcode', '80#10', '--country', 'XX', '--first-name', 'x'.repeat(101), '--language', 'fr'],
      database.url,
    );
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('--postcode: This value is not valid.');
    expect(res.stderr).toContain('--country: This value is not valid.');
    expect(res.stderr).toContain('--first-name: At most 100 characters.');
    expect(res.stderr).toContain('--language: This value is not valid.');
    expect(await count()).toBe(before);
  });

  it('refuses master data that differs from an existing customer\'s, naming the option', async () => {
    // The existing customer comes from the service itself: one CLI run per test keeps it quick.
    const { customerNumber } = await placeFirstOrder(database.handle.db, dialect, { tariff: 'mail-s', domains: ['cli-bestand.de'], email: 'b@cli-bestand.de', city: 'Linz' }, { channel: 'cli', actor: 'test' }, new Date());
    const res = await runHostdesk(['order', '--tariff', 'web-plus', '--domain', 'cli-bestand2.de', '--email', 'b@cli-bestand.de', '--customer', customerNumber, '--city', 'Wels'], database.url);
    expect(res.code).toBe(3);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`--city: Differs from the master data of customer ${customerNumber}.`);
    const contracts = await database.handle.db.selectFrom('domains').select('id').where('nameAscii', '=', 'cli-bestand2.de').execute();
    expect(contracts).toEqual([]);
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
