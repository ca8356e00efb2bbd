import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainToASCII } from 'node:url';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser, uniqueDomain } from './support/factories.ts';
import { fakeDns, type FakeZone } from '../src/features/dns-check/fake-dns.test-support.ts';

/**
 * The DNS check's routes on both databases, over a zone in memory (test/dns-check-dnsmasq.test.ts
 * runs the same checks against a real DNS server): who may see which domain, the cache and
 * "Neu prüfen", the limits, and a check that runs into its deadline.
 */
describe.each(DIALECTS)('DNS check (%s)', (dialect) => {
  let t: TestApp;
  let lookups = 0;
  const zone: FakeZone = {};
  const hanging: string[] = [];
  const domain = uniqueDomain('dns');
  const idn = `müller-${domain}`;
  const idnAscii = domainToASCII(idn);
  const slow = uniqueDomain('langsam');
  const plesk = uniqueDomain('plesk');
  let a: { customerNumber: string; customerPassword: string | null };
  let b: { customerNumber: string; customerPassword: string | null };

  beforeAll(async () => {
    t = await buildTestApp(
      dialect,
      { MAIL_MX_HOSTS: 'mx1.example.net', MAIL_OUTBOUND_IPS: '192.0.2.25', DNS_CHECK_DEADLINE_MS: '300', RATE_LIMIT_PER_MINUTE: '100000' },
      {
        dnsLookups: () => {
          lookups++;
          return fakeDns(zone, {}, hanging);
        },
      },
    );
    a = await orderFor(t, { tariff: 'mail-s', domains: [domain, idn, slow] });
    b = await orderFor(t, { tariff: 'mail-s' });
    await orderFor(t, { tariff: 'web-plus', domains: [plesk], email: `info@${domain}`, customerNumber: a.customerNumber });
    Object.assign(zone, {
      [domain]: { MX: [{ exchange: 'mx1.example.net', priority: 10 }], TXT: ['v=spf1 mx -all'] },
      [`_imaps._tcp.${domain}`]: { SRV: [{ name: 'mail.example.net', port: 993, priority: 0, weight: 1 }] },
      [idnAscii]: { MX: [{ exchange: 'mx.elsewhere.example', priority: 10 }] },
    });
    hanging.push(slow, `_dmarc.${slow}`);
  });
  afterAll(() => t.close());

  async function customer(order: { customerNumber: string; customerPassword: string | null }) {
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    return client;
  }

  it('is linked from every row of Domainverwaltung, punycode domains by their ASCII name', async () => {
    const client = await customer(a);
    const page = await client.get('/domains');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/domains/${domain}/dns">DNS prüfen</a>`);
    expect(page.body).toContain(`href="/domains/${idnAscii}/dns">DNS prüfen</a>`);
    // Mail of a Plesk tariff lives on the Plesk server: no check of our records there.
    expect(page.body).toContain(plesk);
    expect(page.body).not.toContain(`href="/domains/${plesk}/dns"`);
    expect((await client.get(`/domains/${plesk}/dns`)).statusCode).toBe(404);
  });

  it('shows each item as OK, missing or wrong with the record to set, in German and in English', async () => {
    const client = await customer(a);
    const page = await client.get(`/domains/${domain}/dns`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>DNS-Prüfung für ${domain}</h1>`);
    expect(page.body).toMatch(/MX \(eingehende E-Mail\)[\s\S]*?In Ordnung/);
    expect(page.body).toMatch(/SPF \(wer für die Domain senden darf\)[\s\S]*?Falsch/);
    expect(page.body).toContain('Unser Versandserver 192.0.2.25 ist nicht erlaubt: Der Eintrag lehnt ihn ab (-all).');
    expect(page.body).toContain('v=spf1 ip4:192.0.2.25 mx -all');
    expect(page.body).toMatch(/DMARC \(Richtlinie und Berichte\)[\s\S]*?Fehlt/);
    expect(page.body).toContain(`v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain}`);
    expect(page.body).toContain('MTA-STS (verschlüsselte Zustellung)');
    expect(page.body).toContain('Nicht veröffentlicht');
    await client.post('/language', { lang: 'en', next: `/domains/${domain}/dns` });
    const english = await client.get(`/domains/${domain}/dns`);
    expect(english.body).toContain(`<h1>DNS check for ${domain}</h1>`);
    expect(english.body).toContain('Our sending server 192.0.2.25 is not allowed: the record rejects it (-all).');
    expect(english.body).toMatch(/DMARC \(policy and reports\)[\s\S]*?Missing/);
    await client.post('/language', { lang: 'de', next: '/domains' });
  });

  it('checks an IDN by its punycode name and takes the Unicode name in the URL too', async () => {
    const client = await customer(a);
    const page = await client.get(`/domains/${idnAscii}/dns`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>DNS-Prüfung für ${idn}</h1>`);
    expect(page.body).toContain(`Im DNS heißt die Domain ${idnAscii}.`);
    expect(page.body).toContain('Der MX-Eintrag zeigt auf mx.elsewhere.example');
    expect(page.body).toContain(`${idnAscii}.`);
    expect((await client.get(`/domains/${encodeURIComponent(idn)}/dns`)).statusCode).toBe(200);
  });

  it('answers from the cache until "Neu prüfen" (a POST with CSRF) asks the DNS again and shows the fresh result', async () => {
    const client = await customer(a);
    await client.get(`/domains/${domain}/dns`);
    const before = lookups;
    const cached = await client.get(`/domains/${domain}/dns`);
    expect(cached.body).toContain('zwischengespeichert');
    expect(lookups).toBe(before);
    expect((await client.post(`/domains/${domain}/dns`, {}, { csrf: false })).statusCode).toBe(403);
    expect(lookups).toBe(before);
    // The fresh result comes in the answer itself (another app process may still cache the old one).
    const again = await client.post(`/domains/${domain}/dns`, {});
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Die Domain wurde eben neu geprüft.');
    expect(again.body).not.toContain('zwischengespeichert');
    expect(lookups).toBe(before + 1);
    expect((await client.get(`/domains/${domain}/dns`)).body).toContain('zwischengespeichert');
  });

  it('answers another customer’s domain, an unknown one and garbage like a missing object', async () => {
    const other = await customer(b);
    const before = lookups;
    for (const path of [`/domains/${domain}/dns`, `/domains/${idnAscii}/dns`, '/domains/gibt-es-nicht.de/dns', '/domains/..%2F..%2Fetc/dns', `/domains/${'a'.repeat(70)}.de/dns`]) {
      expect((await other.get(path)).statusCode, path).toBe(404);
    }
    await other.get('/domains');
    expect((await other.post(`/domains/${domain}/dns`, {})).statusCode).toBe(404);
    expect(lookups).toBe(before);
  });

  it('lets staff check any customer’s domain, linked from the customer view', async () => {
    const admin = await staffUser(t, 'agent');
    const client = new Client(t.app, '10.9.0.3');
    await client.loginStaff(admin.login, admin.password);
    const customerPage = await client.get(`/staff/customers/${a.customerNumber}`);
    expect(customerPage.body).toContain(`href="/staff/domains/${domain}/dns"`);
    const page = await client.get(`/staff/domains/${domain}/dns`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/staff/customers/${a.customerNumber}"`);
    expect((await client.post(`/staff/domains/${domain}/dns`, {})).body).toContain('Die Domain wurde eben neu geprüft.');
    // Customers do not reach the staff route, staff do not reach the customer one.
    expect((await (await customer(a)).get(`/staff/domains/${domain}/dns`)).statusCode).not.toBe(200);
    expect((await client.get(`/domains/${domain}/dns`)).statusCode).not.toBe(200);
  });

  it('says in words which items got no answer before the deadline', async () => {
    const client = await customer(a);
    const page = await client.get(`/domains/${slow}/dns`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/MX \(eingehende E-Mail\)[\s\S]*?Keine Antwort/);
    expect(page.body).toContain('Der DNS-Server hat nicht rechtzeitig geantwortet.');
  });

  it('limits "Neu prüfen"', async () => {
    const client = await customer(a);
    await client.get(`/domains/${domain}/dns`);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await client.post(`/domains/${domain}/dns`, {})).statusCode);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
  });
});
