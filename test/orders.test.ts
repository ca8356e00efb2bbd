import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser, uniqueDomain } from './support/factories.ts';
import { createApiToken, verifyApiToken } from '../src/features/accounts/index.ts';
import { verifyPassword } from '../src/platform/crypto.ts';

describe.each(DIALECTS)('first order (%s)', (dialect) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const admin = await staffUser(t, 'admin');
    token = (await createApiToken(t.db, 'shop', admin.id, t.clock.now)).token;
  });
  afterAll(() => t.close());

  const api = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('creates customer, contract, domains and mail account .001 for a mail tariff', async () => {
    const domain = uniqueDomain();
    const res = await api({ tariff: 'mail-s', domains: [domain], email: `Info@${domain}` });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ domains: [domain], mailAccount: { name: `${body.contractNumber}.001` } });
    expect(body.customerPassword).toMatch(/^.{16}$/);
    expect(body.mailAccount.password).toMatch(/^.{16}$/);

    const customer = await t.db.selectFrom('customers').selectAll().where('customerNumber', '=', body.customerNumber).executeTakeFirstOrThrow();
    expect(customer.email).toBe(`info@${domain}`);
    expect(customer.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(customer.passwordHash, body.customerPassword)).toBe(true);
    const account = await t.db.selectFrom('mailAccounts').selectAll().where('name', '=', body.mailAccount.name).executeTakeFirstOrThrow();
    expect(account.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$/);
    expect(await verifyPassword(account.passwordHash, body.mailAccount.password)).toBe(true);
    expect(account.quotaMb).toBe(2048);
  });

  it('gives a Plesk tariff no mail account and a server of its version', async () => {
    const res = await api({ tariff: 'web-classic', domains: [uniqueDomain()], email: `x@${uniqueDomain()}` });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailAccount).toBeNull();
    const contract = await t.db
      .selectFrom('contracts')
      .innerJoin('panelServers', 'panelServers.id', 'contracts.panelServerId')
      .select(['panelServers.version', 'contracts.panelLogin'])
      .where('contractNumber', '=', res.json().contractNumber)
      .executeTakeFirstOrThrow();
    expect(contract.version).toBe('9.5');
    expect(contract.panelLogin).toBe(`p${res.json().contractNumber}`);
  });

  it('adds a contract to an existing customer without a new password', async () => {
    const first = await orderFor(t);
    const res = await api({ tariff: 'web-plus', domains: [uniqueDomain()], email: `info@${first.domains[0]}`, customerNumber: first.customerNumber });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ customerNumber: first.customerNumber, customerPassword: null, mailAccount: null });
  });

  it('stores IDN domains as punycode and Unicode', async () => {
    const res = await api({ tariff: 'mail-s', domains: ['Bücher.de'], email: `a@${uniqueDomain()}` });
    expect(res.statusCode).toBe(201);
    const row = await t.db.selectFrom('domains').selectAll().where('nameUnicode', '=', 'bücher.de').executeTakeFirstOrThrow();
    expect(row.nameAscii).toBe('xn--bcher-kva.de');
  });

  it('numbers customers and contracts from sequences, also under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => orderFor(t)));
    const customers = new Set(results.map((r) => r.customerNumber));
    const contracts = new Set(results.map((r) => r.contractNumber));
    expect(customers.size).toBe(8);
    expect(contracts.size).toBe(8);
    for (const r of results) expect(Number(r.contractNumber)).toBeGreaterThan(500000);
  });

  describe('bad input changes nothing', () => {
    const count = async () => {
      const [c, k, d, m, o] = await Promise.all(
        (['customers', 'contracts', 'domains', 'mailAccounts', 'orders'] as const).map((table) =>
          t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ),
      );
      return [c, k, d, m, o].map((r) => Number(r!.n));
    };

    it.each([
      ['invalid domain', { tariff: 'mail-s', domains: ['not a domain'], email: 'a@b.de' }, 422, 'domains'],
      ['unknown tariff', { tariff: 'gold', domains: ['x-unknown-tariff.de'], email: 'a@b.de' }, 422, 'tariff'],
      ['malformed e-mail', { tariff: 'mail-s', domains: ['x-bad-mail.de'], email: 'no-at-sign' }, 422, 'email'],
      ['oversized e-mail', { tariff: 'mail-s', domains: ['x-long-mail.de'], email: `${'a'.repeat(300)}@b.de` }, 422, 'email'],
      ['no domains', { tariff: 'mail-s', domains: [], email: 'a@b.de' }, 422, 'domains'],
      ['repeated domain', { tariff: 'mail-s', domains: ['twice-x.de', 'TWICE-x.de'], email: 'a@b.de' }, 422, 'domains'],
      ['type confusion', { tariff: 7, domains: 'x.de', email: ['a@b.de'] }, 422, 'tariff'],
      ['unknown customer', { tariff: 'mail-s', domains: ['x-unknown-customer.de'], email: 'a@b.de', customerNumber: '99999999' }, 422, 'customerNumber'],
    ])('%s: answers with status and a field message', async (_name, body, status, field) => {
      const before = await count();
      const res = await api(body);
      expect(res.statusCode).toBe(status);
      const error = res.json().error;
      expect(error.code).toBe('validation');
      expect(error.message).toBeTruthy();
      expect(error.fields[field]).toBeTruthy();
      expect(await count()).toEqual(before);
    });

    it('refuses a domain taken by another contract with 409', async () => {
      const first = await orderFor(t);
      const before = await count();
      const res = await api({ tariff: 'mail-s', domains: [uniqueDomain(), first.domains[0]!.toUpperCase()], email: `z@${uniqueDomain()}` });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields.domains).toContain(first.domains[0]);
      expect(await count()).toEqual(before);
    });

    it('refuses an e-mail address of an existing customer without its customer number', async () => {
      const first = await orderFor(t);
      const res = await api({ tariff: 'mail-s', domains: [uniqueDomain()], email: `info@${first.domains[0]}` });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields.email).toBeTruthy();
    });

    it('answers in English when asked', async () => {
      const res = await api({ tariff: 'gold', domains: ['x-en.de'], email: 'a@b.de' }, { 'accept-language': 'en' });
      expect(res.json().error.fields.tariff).toBe('Unknown tariff "gold".');
    });

    it('refuses malformed JSON, the wrong content type and missing or revoked tokens', async () => {
      expect((await api('{"tariff":')).statusCode).toBe(400);
      expect((await api('tariff=mail-s', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(415);
      expect((await api('x', { 'content-type': 'text/plain' })).statusCode).toBe(415);
      const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthorized');
      const wrong = await api({}, { authorization: 'Bearer hd_wrong' });
      expect(wrong.statusCode).toBe(401);
    });
  });

  it('keeps API tokens only as hashes', async () => {
    const rows = await t.db.selectFrom('apiTokens').select(['tokenHash', 'prefix']).execute();
    expect(rows.every((r) => r.tokenHash !== token && /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    expect(await verifyApiToken(t.db, token, t.clock.now)).toBeTypeOf('number');
  });

  it('lists tariffs for API clients', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/tariffs', headers: { authorization: `Bearer ${token}` } });
    expect(res.json().tariffs).toContainEqual({ code: 'web-classic', name: 'Webhosting Classic', panel: 'plesk', pleskVersion: '9.5' });
  });

  it('places orders through the staff form and shows the secrets once', async () => {
    const agent = await staffUser(t, 'agent');
    const client = new Client(t.app);
    await client.loginStaff(agent.login, agent.password);
    const form = await client.get('/staff/orders/new');
    expect(form.body).toContain('Erstbestellung erfassen');
    const domain = uniqueDomain();
    const res = await client.post('/staff/orders', { tariff: 'mail-s', domains: `${domain}\n`, email: `info@${domain}`, customerNumber: '' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('.001');
    expect(res.body).toMatch(/class="secret-value">[^<]{16}</);

    const bad = await client.post('/staff/orders', { tariff: 'mail-s', domains: `${domain}\n`, email: 'someone@example.org', customerNumber: '' });
    expect(bad.statusCode).toBe(409);
    expect(bad.body).toContain('ist bereits vergeben');
    expect(bad.body).toContain('value="someone@example.org"');
  });
  describe('master data in the order (Stammdaten)', () => {
    const masterData = { salutation: 'ms', firstName: 'Erika', lastName: 'Mustermann', company: 'Mustermann GmbH', street: 'Heidestraße 17', postcode: '8010', city: 'Graz', country: 'AT', phone: '+43 1 234567', language: 'en' };
    const stored = (customerNumber: string) => t.db.selectFrom('customers').selectAll().where('customerNumber', '=', customerNumber).executeTakeFirstOrThrow();
    const orderOf = async (customerNumber: string) => {
      const customer = await stored(customerNumber);
      const row = await t.db.selectFrom('orders').select('request').where('customerId', '=', customer.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return JSON.parse(row.request) as Record<string, unknown>;
    };
    const count = async () =>
      Promise.all(
        (['customers', 'contracts', 'domains', 'orders'] as const).map(async (table) => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)),
      );

    it('stores the master data the API gives; at the first login the customer only confirms it', async () => {
      const domain = uniqueDomain();
      const res = await api({ tariff: 'mail-s', domains: [domain], email: `erika@${domain}`, ...masterData });
      expect(res.statusCode).toBe(201);
      const { customerNumber, customerPassword } = res.json();
      expect(await stored(customerNumber)).toMatchObject({ ...masterData, confirmedAt: null });
      // The order's record names the fields it brought; the values live on the customer alone.
      const request = await orderOf(customerNumber);
      expect(request.masterData).toEqual(Object.keys(masterData));
      expect(JSON.stringify(request)).not.toContain('Mustermann');

      const client = new Client(t.app);
      await client.loginCustomer(customerNumber, customerPassword);
      expect((await client.get('/domains')).headers.location).toBe('/stammdaten');
      const page = await client.get('/stammdaten');
      // The customer's language is English: the confirmation comes in English, already filled in.
      expect(page.body).toContain('Confirm your master data');
      for (const value of ['Erika', 'Mustermann', 'Mustermann GmbH', 'Heidestraße 17', '8010', 'Graz', '+43 1 234567']) expect(page.body).toContain(`value="${value}"`);
      expect(page.body).toMatch(/<option value="AT" selected[^>]*>/);
      expect(page.body).toMatch(/<option value="ms" selected[^>]*>/);

      const { language: _language, ...form } = masterData;
      const confirmed = await client.post('/stammdaten', form);
      expect(confirmed.statusCode).toBe(303);
      const after = await stored(customerNumber);
      expect(after).toMatchObject({ ...masterData, confirmedAt: expect.any(String) });
      const events = await t.db.selectFrom('masterDataEvents').select('kind').where('customerId', '=', after.id).execute();
      expect(events.map((e) => e.kind)).toEqual(['confirmed']);
    });

    it('takes some fields without the others; the customer completes them', async () => {
      const domain = uniqueDomain();
      const res = await api({ tariff: 'mail-s', domains: [domain], email: `teil@${domain}`, lastName: 'Schmidt', city: 'Hamburg', company: '' });
      expect(res.statusCode).toBe(201);
      expect(await stored(res.json().customerNumber)).toMatchObject({ firstName: '', lastName: 'Schmidt', city: 'Hamburg', company: '', country: 'DE', language: 'de' });
      expect((await orderOf(res.json().customerNumber)).masterData).toEqual(['lastName', 'city']);
    });

    it('keeps working with only an e-mail address', async () => {
      const domain = uniqueDomain();
      const res = await api({ tariff: 'mail-s', domains: [domain], email: `nur@${domain}` });
      expect(res.statusCode).toBe(201);
      expect(await stored(res.json().customerNumber)).toMatchObject({ salutation: '', firstName: '', lastName: '', company: '', street: '', postcode: '', city: '', country: 'DE', phone: '', language: 'de', confirmedAt: null });
      expect((await orderOf(res.json().customerNumber)).masterData).toEqual([]);
    });

    it.each([
      ['postcode', { postcode: '51147#' }],
      ['country', { country: 'XX' }],
      ['salutation', { salutation: 'dr' }],
      ['firstName', { firstName: 'x'.repeat(101) }],
      ['lastName', { lastName: '  ' }],
      ['phone', { phone: 'call me' }],
      ['city', { city: 'Köln\nBonn' }],
      ['street', { street: 17 }],
      ['language', { language: 'fr' }],
      ['company', { company: 'x'.repeat(201) }],
    ])('refuses an invalid %s with a field message and creates nothing', async (field, bad) => {
      const before = await count();
      const domain = uniqueDomain();
      const res = await api({ tariff: 'mail-s', domains: [domain], email: `bad@${domain}`, ...masterData, ...bad });
      expect(res.statusCode).toBe(422);
      const error = res.json().error;
      expect(error.code).toBe('validation');
      expect(Object.keys(error.fields)).toEqual([field]);
      expect(await count()).toEqual(before);
    });

    it('names every invalid field at once, in the language asked for', async () => {
      const domain = uniqueDomain();
      const res = await api({ tariff: 'mail-s', domains: [domain], email: `bad@${domain}`, firstName: 'x'.repeat(101), postcode: '#', country: 'de' }, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toEqual({ firstName: 'At most 100 characters.', postcode: 'This value is not valid.', country: 'This value is not valid.' });
    });

    it('lets an order for an existing customer repeat their master data, and refuses one that differs', async () => {
      const domain = uniqueDomain();
      const email = `bestand@${domain}`;
      const first = await api({ tariff: 'mail-s', domains: [domain], email, ...masterData });
      const customerNumber = first.json().customerNumber;
      const same = await api({ tariff: 'web-plus', domains: [uniqueDomain()], email, customerNumber, ...masterData });
      expect(same.statusCode).toBe(201);
      expect(same.json()).toMatchObject({ customerNumber, customerPassword: null });

      const before = await count();
      const differs = await api({ tariff: 'web-plus', domains: [uniqueDomain()], email, customerNumber, ...masterData, city: 'Bonn', language: 'de' });
      expect(differs.statusCode).toBe(422);
      expect(Object.keys(differs.json().error.fields).sort()).toEqual(['city', 'language']);
      expect(differs.json().error.fields.city).toContain(customerNumber);
      expect(await count()).toEqual(before);
      expect(await stored(customerNumber)).toMatchObject({ city: 'Graz', language: 'en' });
    });

    it('takes master data through the back-office form, and re-renders it with the field messages', async () => {
      const agent = await staffUser(t, 'agent');
      const client = new Client(t.app);
      await client.loginStaff(agent.login, agent.password);
      const form = await client.get('/staff/orders/new');
      for (const label of ['Stammdaten des Kunden (optional)', 'Anrede', 'Vorname', 'Nachname', 'Postleitzahl', 'Land', 'Telefon', 'Sprache des Kunden']) expect(form.body).toContain(label);

      const empty = { salutation: '', firstName: '', lastName: '', company: '', street: '', postcode: '', city: '', country: '', phone: '', language: '' };
      const domain = uniqueDomain();
      const plain = await client.post('/staff/orders', { tariff: 'mail-s', domains: domain, email: `leer@${domain}`, customerNumber: '', ...empty });
      expect(plain.statusCode).toBe(201);
      const plainNumber = /\/staff\/customers\/(\d+)/.exec(plain.body)![1]!;
      expect(await stored(plainNumber)).toMatchObject({ firstName: '', country: 'DE', language: 'de' });

      const before = await count();
      const other = uniqueDomain();
      const bad = await client.post('/staff/orders', { tariff: 'mail-s', domains: other, email: `falsch@${other}`, customerNumber: '', ...masterData, postcode: '51147#', firstName: 'x'.repeat(101) });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Diese Angabe ist ungültig.');
      expect(bad.body).toContain('Höchstens 100 Zeichen.');
      expect(bad.body).toContain('value="51147#"');
      expect(bad.body).toContain('value="Heidestraße 17"');
      expect(bad.body).toMatch(/<option value="AT" selected[^>]*>/);
      expect(await count()).toEqual(before);

      const good = await client.post('/staff/orders', { tariff: 'mail-s', domains: other, email: `richtig@${other}`, customerNumber: '', ...masterData, country: 'CH', salutation: 'mr' });
      expect(good.statusCode).toBe(201);
      const number = /\/staff\/customers\/(\d+)/.exec(good.body)![1]!;
      expect(await stored(number)).toMatchObject({ ...masterData, country: 'CH', salutation: 'mr', confirmedAt: null });
    });
  });
});
