import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';

const MASTER_DATA = { salutation: 'ms', firstName: 'Ida', lastName: 'Öztürk', company: '', street: 'Gartenweg 2', postcode: '04109', city: 'Leipzig', country: 'DE', phone: '' };

/** The error summary's entries, in the order they stand: "Vorname: Bitte ausfüllen." → "#f-firstName". */
function summaryOf(html: string): { href: string; text: string }[] {
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]! }));
}

/** Issue #17 item 3: every error at once, named by its field and linked to it; postcodes by country. */
describe.each(DIALECTS)('Stammdaten form (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  async function newCustomer() {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!);
    await client.get('/stammdaten');
    return client;
  }

  it('reports every error at once, each named by its field and linked to it, in the order of the form', async () => {
    const client = await newCustomer();
    const res = await client.post('/stammdaten', { ...MASTER_DATA, firstName: '', city: ' ', postcode: '123', phone: 'call me' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte korrigieren Sie die markierten Angaben.');
    expect(summaryOf(res.body)).toEqual([
      { href: '#f-firstName', text: 'Vorname: Bitte ausfüllen.' },
      { href: '#f-postcode', text: 'Postleitzahl: Bitte geben Sie die Postleitzahl mit 5 Ziffern ein, zum Beispiel 10115.' },
      { href: '#f-city', text: 'Ort: Bitte ausfüllen.' },
      { href: '#f-phone', text: 'Telefon: Diese Angabe ist ungültig.' },
    ]);
    // Each link has its field, and the field says what is wrong beside it.
    for (const id of ['f-firstName', 'f-postcode', 'f-city', 'f-phone']) expect(res.body).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
    expect(res.body).toContain('value="Öztürk"');
  });

  it('names the fields in English too', async () => {
    const client = await newCustomer();
    await client.post('/language', { lang: 'en', next: '/stammdaten' });
    const res = await client.post('/stammdaten', { ...MASTER_DATA, lastName: '', country: 'AT', postcode: '10115' });
    expect(res.statusCode).toBe(422);
    expect(summaryOf(res.body).map((e) => e.text)).toEqual(['Last name: Please fill in.', 'Postcode: Please enter the postcode with 4 digits, for example 1010.']);
  });

  it.each([
    ['DE', '10115', true],
    ['DE', '1011', false],
    ['DE', '1011A', false],
    ['AT', '1010', true],
    ['AT', '10100', false],
    ['CH', '8001', true],
    ['CH', '80011', false],
    ['NL', '1012 AB', true],
    ['NL', '1012', false],
    ['PL', '00-950', true],
    ['PL', '00950', false],
    ['GB', 'SW1A 1AA', true],
    ['US', '10001-1234', true],
    ['FR', '7500', false],
  ])('takes the postcode of %s %s: %s', async (country, postcode, ok) => {
    const client = await newCustomer();
    const res = await client.post('/stammdaten', { ...MASTER_DATA, country, postcode });
    expect(res.statusCode).toBe(ok ? 303 : 422);
    if (!ok) expect(summaryOf(res.body).map((e) => e.href)).toEqual(['#f-postcode']);
  });

  it('says how the login e-mail address is changed: by support, with a link to a ticket', async () => {
    const client = await newCustomer();
    await client.post('/stammdaten', MASTER_DATA);
    const page = await client.get('/stammdaten');
    expect(page.body).toContain('Ihre E-Mail-Adresse ist zugleich Ihr Anmeldename; wir ändern sie auf Ihren Wunsch.');
    const link = /<a href="([^"]+)">Änderung im SupportCenter beantragen<\/a>/.exec(page.body);
    expect(link).not.toBeNull();
    const form = await client.get(link![1]!.replace(/&amp;/g, '&'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Neue E-Mail-Adresse für mein Kundenkonto"');
  });
});
