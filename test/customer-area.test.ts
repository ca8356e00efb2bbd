import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';

const MASTER_DATA = { salutation: 'mr', firstName: 'Jörg', lastName: 'Äpfelbaum', company: '', street: 'Lindenallee 3', postcode: '04109', city: 'Leipzig', country: 'DE', phone: '+49 341 1234' };

describe.each(DIALECTS)('customer area (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  async function newCustomer(tariff = 'mail-s') {
    const order = await orderFor(t, { tariff });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!);
    return { order, client };
  }

  it('asks for master data confirmation before anything else, and records it', async () => {
    const { order, client } = await newCustomer();
    for (const path of ['/domains', `/contracts/${order.contractNumber}/zugangsdaten`]) {
      const res = await client.get(path);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/stammdaten');
    }
    const page = await client.get('/stammdaten');
    expect(page.body).toContain('<h1>Stammdaten bestätigen</h1>');
    expect(page.body).toContain('>Daten bestätigen</button>');
    expect(page.body).not.toContain('href="/domains"'); // no way around it

    const bad = await client.post('/stammdaten', { ...MASTER_DATA, postcode: '', country: 'XX', lastName: 'x'.repeat(101) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Bitte korrigieren Sie die markierten Angaben.');
    expect(bad.body).toContain('value="Jörg"');
    expect(bad.body).toContain('Höchstens 100 Zeichen.');
    expect((await client.get('/domains')).statusCode).toBe(303);

    const ok = await client.post('/stammdaten', MASTER_DATA);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/domains');
    const domains = await client.get('/domains');
    expect(domains.statusCode).toBe(200);
    expect(domains.body).toContain('Ihre Stammdaten wurden gespeichert und bestätigt.');

    const customer = await t.db.selectFrom('customers').selectAll().where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ firstName: 'Jörg', lastName: 'Äpfelbaum', city: 'Leipzig' });
    expect(customer.confirmedAt).toBeTruthy();
    const events = await t.db.selectFrom('masterDataEvents').selectAll().where('customerId', '=', customer.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['changed', 'confirmed']);
    expect(JSON.parse(events[0]!.changes).city).toEqual({ from: '', to: 'Leipzig' });
  });

  it('asks again once the confirmation is older than the configured period', async () => {
    const { order, client } = await newCustomer();
    await client.get('/stammdaten');
    await client.post('/stammdaten', MASTER_DATA);
    expect((await client.get('/domains')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 366 * 24 * 3_600_000);
    await client.loginCustomer(order.customerNumber, order.customerPassword!);
    expect((await client.get('/domains')).headers.location).toBe('/stammdaten');
    const page = await client.get('/stammdaten');
    expect(page.body).toContain('Zuletzt bestätigt am');
    const confirm = await client.post('/stammdaten', MASTER_DATA);
    expect(confirm.statusCode).toBe(303);
    expect((await client.get('/domains')).body).toContain('Vielen Dank, Ihre Stammdaten sind bestätigt.');
  });

  it('shows every domain with contract and tariff, and "Paket verwalten" only for Plesk tariffs', async () => {
    const mail = await orderFor(t, { tariff: 'mail-s', domains: ['müller-test-idn.de'] });
    const plesk = await orderFor(t, { tariff: 'web-plus', domains: [uniqueDomain('plesk')], email: `info@müller-test-idn.de`, customerNumber: mail.customerNumber });
    const client = new Client(t.app);
    await client.loginCustomer(mail.customerNumber, mail.customerPassword!, { confirm: true });
    const page = await client.get('/domains');
    expect(page.body).toContain('<h1>Domainverwaltung</h1>');
    const rows = page.body.split('<tr>').slice(1);
    const mailRow = rows.find((r) => r.includes('müller-test-idn.de'))!;
    const pleskRow = rows.find((r) => r.includes(plesk.domains[0]!))!;
    expect(mailRow).toContain(mail.contractNumber);
    expect(mailRow).toContain('Mail S');
    expect(mailRow).toContain('xn--mller-test-idn-gsb.de');
    expect(mailRow).toContain('>E-Mail-Administration</a>');
    expect(mailRow).toContain('>Zugangsdaten</a>');
    expect(mailRow).not.toContain('Paket verwalten');
    expect(pleskRow).toContain(plesk.contractNumber);
    expect(pleskRow).toContain('Webhosting Plus');
    expect(pleskRow).toContain('aria-label="Paket verwalten"');
    expect(pleskRow).not.toContain('Zugangsdaten');

    // The catalog's Plesk server has no API credentials here (test/plesk-*.test.ts covers the
    // single sign-on): the customer gets a clear message and a prefilled ticket.
    const panel = await client.post(`/contracts/${plesk.contractNumber}/panel`, {});
    expect(panel.statusCode).toBe(502);
    expect(panel.body).toContain('Neues Ticket erstellen');
    expect(panel.body).toContain(`contract=${plesk.contractNumber}`);

    const creds = await client.get(`/contracts/${mail.contractNumber}/zugangsdaten`);
    expect(creds.statusCode).toBe(200);
    expect(creds.body).toContain(`${mail.contractNumber}.001`);
    expect(creds.body).toContain('mail.example.net');
    expect(creds.body).toContain('993');
    expect(creds.body).not.toContain(mail.mailAccount!.password);
  });

  it("never shows one customer another customer's contracts", async () => {
    const a = await orderFor(t, { tariff: 'web-plus' });
    const aMail = await orderFor(t, { tariff: 'mail-s' });
    const b = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(b.customerNumber, b.customerPassword!, { confirm: true });
    expect((await client.get('/domains')).body).not.toContain(a.domains[0]);
    expect((await client.post(`/contracts/${a.contractNumber}/panel`, {})).statusCode).toBe(404);
    expect((await client.get(`/contracts/${aMail.contractNumber}/zugangsdaten`)).statusCode).toBe(404);
    expect((await client.get(`/contracts/999999999/zugangsdaten`)).statusCode).toBe(404);
    expect((await client.get(`/contracts/../../etc/zugangsdaten`)).statusCode).toBe(404);
  });

  it('keeps staff pages away from customers and customers away when logged out', async () => {
    const { client } = await newCustomer();
    expect((await client.get('/staff')).headers.location).toMatch(/^\/staff\/login/);
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/domains')).headers.location).toBe('/login?next=%2Fdomains');
    expect((await anonymous.get('/stammdaten')).statusCode).toBe(303);
  });

  it('switches to English and remembers it for the customer', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    const res = await client.post('/language', { lang: 'en', next: '/domains' });
    expect(res.headers.location).toBe('/domains');
    expect((await client.get('/domains')).body).toContain('<h1>Domains</h1>');
    const row = await t.db.selectFrom('customers').select('language').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    expect(row.language).toBe('en');
    const other = new Client(t.app);
    await other.loginCustomer(order.customerNumber, order.customerPassword!);
    expect((await other.get('/domains')).body).toContain('<html lang="en">');
    expect((await client.post('/language', { lang: 'fr', next: '/domains' })).statusCode).toBe(422);
    expect((await client.post('/language', { lang: 'de', next: 'https://evil.example/' })).headers.location).toBe('/');
  });

  it('sends security headers', async () => {
    const res = await new Client(t.app).get('/login');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('answers unknown pages with a friendly 404', async () => {
    const res = await new Client(t.app).get('/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Diese Seite gibt es nicht.');
  });
});

describe.each(DIALECTS)('NUL bytes (%s)', (dialect) => {
  it('answers 422 to a NUL anywhere in a request and changes nothing', async () => {
    const t = await buildTestApp(dialect);
    try {
      const order = await orderFor(t);
      const client = new Client(t.app);
      await client.get('/login');
      expect((await client.post('/login', { identifier: `${order.customerNumber}\u0000`, password: 'x' })).statusCode).toBe(422);
      await client.get('/passwort-vergessen');
      expect((await client.post('/passwort-vergessen', { identifier: 'a\u0000@b.de' })).statusCode).toBe(422);
      expect((await client.get('/staff?q=%00')).statusCode).toBe(422);
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'content-type': 'application/json' }, payload: '{"tariff":"mail-s\\u0000"}' });
      expect(api.statusCode).toBe(422);
    } finally {
      await t.close();
    }
  });
});
