import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { sha256 } from '../src/platform/crypto.ts';

describe.each(DIALECTS)('customer login and sessions (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it('labels the login form as the customer expects', async () => {
    const de = await new Client(t.app).get('/login');
    expect(de.body).toContain('<label for="f-identifier">Kundennummer oder E-Mail-Adresse</label>');
    expect(de.body).toContain('<label for="f-password">Passwort</label>');
    expect(de.body).toMatch(/<button type="submit" class="button primary">Anmelden<\/button>/);
    const en = await new Client(t.app).get('/login', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body).toContain('Customer number or e-mail address');
    expect(en.body).toMatch(/>Log in<\/button>/);
  });

  it('logs in by customer number and by e-mail, with a new session id each time', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.get('/login');
    const before = client.cookieHeader();
    const res = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/domains');
    const cookie = res.cookies.find((c) => c.name === 'hostdesk_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(client.cookieHeader()).not.toBe(before);
    // The pre-login session id is worthless now.
    const stale = await t.app.inject({ method: 'GET', url: '/domains', headers: { cookie: before } });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toMatch(/^\/login/);

    const byMail = new Client(t.app);
    await byMail.get('/login');
    const res2 = await byMail.post('/login', { identifier: ` INFO@${order.domains[0]!.toUpperCase()} `, password: order.customerPassword! });
    expect(res2.statusCode).toBe(303);
  });

  it('stores sessions only as hashes of their ids', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!);
    const raw = decodeURIComponent(/hostdesk_session=([^;]+)/.exec(client.cookieHeader())![1]!);
    const id = raw.split('.')[0]!;
    const rows = await t.db.selectFrom('sessions').select(['idHash', 'data']).execute();
    expect(rows.some((r) => r.idHash === sha256(id))).toBe(true);
    expect(rows.some((r) => r.idHash === id || r.data.includes(id))).toBe(false);
  });

  it('says the same for a wrong password and an unknown account, keeping what was typed', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.get('/login');
    const wrong = await client.post('/login', { identifier: order.customerNumber, password: 'falsch-falsch' });
    const unknown = await client.post('/login', { identifier: 'nobody@example.org', password: 'falsch-falsch' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Kundennummer, E-Mail-Adresse oder Passwort sind nicht richtig.');
    expect(unknown.body).toContain('Kundennummer, E-Mail-Adresse oder Passwort sind nicht richtig.');
    expect(unknown.body).toContain('value="nobody@example.org"');
  });

  it('answers bad input with a message per field and counts, records and changes nothing', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app, '10.9.7.1');
    await client.get('/login');
    const auditBefore = (await t.db.selectFrom('auditEvents').select('id').execute()).length;
    const missing = await client.post('/login', { identifier: order.customerNumber });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte ausfüllen.');
    expect(missing.body).toContain(`value="${order.customerNumber}"`);
    const tooLong = await client.post('/login', { identifier: 'x'.repeat(400), password: 'irgendwas' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Höchstens 320 Zeichen.');
    const repeated = await client.post('/login', { identifier: [order.customerNumber, order.customerNumber], password: 'x' });
    expect(repeated.statusCode).toBe(422);
    // Nothing was tried: no audit entry, no failure counted against the account or the address.
    expect((await t.db.selectFrom('auditEvents').select('id').execute()).length).toBe(auditBefore);
    // Five wrong passwords would lock this address out of the account; empty ones are not guesses.
    for (let i = 0; i < 6; i++) expect((await client.post('/login', { identifier: order.customerNumber, password: '' })).statusCode).toBe(422);
    expect((await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });

  it('locks the guessing address out of the account, saying how long to wait, but not the account itself', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app, '10.9.8.7');
    await client.get('/login');
    for (let i = 0; i < 5; i++) expect((await client.post('/login', { identifier: order.customerNumber, password: `wrong-${i}` })).statusCode).toBe(401);
    const locked = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toMatch(/Bitte warten Sie 15 Minuten/);
    // Five wrong guesses no longer lock the owner out: from another address the right password works at once.
    const elsewhere = new Client(t.app, '10.9.8.8');
    expect((await elsewhere.loginCustomer(order.customerNumber, order.customerPassword!)).statusCode).toBe(303);
    // After the lockout the right password works from the guessing address too.
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    const ok = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(ok.statusCode).toBe(303);
    const events = await t.db.selectFrom('auditEvents').select('event').where('subject', '=', `customer:${(await t.db.selectFrom('customers').select('id').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow()).id}`).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['customer.login_failed', 'customer.login']));
  });

  it('throttles per IP across accounts', async () => {
    const client = new Client(t.app, '10.1.2.3');
    await client.get('/login');
    for (let i = 0; i < 20; i++) await client.post('/login', { identifier: `unknown-${i}@example.org`, password: 'x' });
    const res = await client.post('/login', { identifier: 'another@example.org', password: 'x' });
    expect(res.statusCode).toBe(429);
  });

  it('refuses a POST without a valid CSRF token and changes nothing', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.get('/login');
    const res = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Das Formular war veraltet');
    const forged = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword!, _csrf: 'forged' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
  });

  it('ends idle sessions and sessions past the absolute limit', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    expect((await client.get('/domains')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60_000);
    const idle = await client.get('/domains');
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toMatch(/^\/login/);

    await client.loginCustomer(order.customerNumber, order.customerPassword!);
    for (let i = 0; i < 28; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 25 * 60_000);
      expect((await client.get('/domains')).statusCode).toBe(200);
    }
    // 28 × 25 min = 11 h 40 min stays logged in; 25 min more is past 12 h: past the absolute limit although never idle.
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 60_000);
    const absolute = await client.get('/domains');
    expect(absolute.statusCode).toBe(303);
  });

  it('logs out everywhere', async () => {
    const order = await orderFor(t);
    const laptop = new Client(t.app);
    const phone = new Client(t.app);
    await laptop.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await phone.loginCustomer(order.customerNumber, order.customerPassword!);
    expect((await phone.get('/domains')).statusCode).toBe(200);
    await laptop.get('/stammdaten');
    const res = await laptop.post('/logout-everywhere', {});
    expect(res.headers.location).toBe('/login?bye=all');
    expect((await phone.get('/domains')).statusCode).toBe(303);
    expect((await laptop.get('/domains')).statusCode).toBe(303);
  });

  it('logs out', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    const cookie = client.cookieHeader();
    await client.post('/logout', {});
    const after = await t.app.inject({ method: 'GET', url: '/domains', headers: { cookie } });
    expect(after.statusCode).toBe(303);
  });

  describe('forgotten password', () => {
    it('answers the same whether or not the account exists and mails a single-use link', async () => {
      const order = await orderFor(t);
      const client = new Client(t.app, '10.5.5.5');
      await client.get('/passwort-vergessen');
      const sentBefore = t.mailer.sent.length;
      const known = await client.post('/passwort-vergessen', { identifier: order.customerNumber });
      const unknown = await client.post('/passwort-vergessen', { identifier: 'nobody@example.org' });
      expect(known.statusCode).toBe(200);
      expect(unknown.statusCode).toBe(200);
      const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/g, '');
      expect(strip(known.body)).toBe(strip(unknown.body));
      const mail = await t.mailer.waitForMail((m) => m.to === `info@${order.domains[0]}`);
      // The unknown identifier was answered after the known one and mailed nobody.
      expect(t.mailer.sent.length).toBe(sentBefore + 1);
      const link = /http:\/\/hostdesk\.test(\/passwort-neu\?token=[\w%-]+)/.exec(mail.text)![1]!;
      const token = decodeURIComponent(link.split('token=')[1]!);
      expect(await t.db.selectFrom('passwordResetTokens').select('id').where('tokenHash', '=', token).executeTakeFirst()).toBeUndefined();

      const page = await client.get(link);
      expect(page.statusCode).toBe(200);
      const weak = await client.post('/passwort-neu', { token, password: 'passwort123', passwordRepeat: 'passwort123' });
      expect(weak.statusCode).toBe(422);
      expect(weak.body).toContain('zu leicht zu erraten');
      const mismatch = await client.post('/passwort-neu', { token, password: 'Blaue Wolken über Köln 7', passwordRepeat: 'x' });
      expect(mismatch.statusCode).toBe(422);
      const ok = await client.post('/passwort-neu', { token, password: 'Blaue Wolken über Köln 7', passwordRepeat: 'Blaue Wolken über Köln 7' });
      expect(ok.statusCode).toBe(303);
      const again = await client.post('/passwort-neu', { token, password: 'Noch ein langes Passwort 9', passwordRepeat: 'Noch ein langes Passwort 9' });
      expect(again.statusCode).toBe(410);

      const login = new Client(t.app);
      await login.get('/login');
      expect((await login.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(401);
      expect((await login.post('/login', { identifier: order.customerNumber, password: 'Blaue Wolken über Köln 7' })).statusCode).toBe(303);
    });

    it('expires links after one hour', async () => {
      const order = await orderFor(t);
      const client = new Client(t.app, '10.5.5.6');
      await client.get('/passwort-vergessen');
      await client.post('/passwort-vergessen', { identifier: order.customerNumber });
      const mail = await t.mailer.waitForMail((m) => m.to === `info@${order.domains[0]}`);
      const link = /(\/passwort-neu\?token=[\w%-]+)/.exec(mail.text)![1]!;
      t.clock.now = new Date(t.clock.now.getTime() + 61 * 60_000);
      expect((await client.get(link)).statusCode).toBe(410);
    });
  });
});

describe('cookies behind https', () => {
  it('are Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    const t = await buildTestApp('sqlite', { PUBLIC_URL: 'https://kunden.example.net', TRUST_PROXY: 'true' });
    try {
      const order = await orderFor(t);
      const page = await t.app.inject({ method: 'GET', url: '/login', headers: { 'x-forwarded-proto': 'https' } });
      const cookie = page.cookies.find((c) => c.name === '__Host-hostdesk')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(page.headers['strict-transport-security']).toContain('max-age=31536000');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const login = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-hostdesk=${cookie.value}` },
        payload: new URLSearchParams({ _csrf: csrf, identifier: order.customerNumber, password: order.customerPassword! }).toString(),
      });
      expect(login.statusCode).toBe(303);
      expect(login.cookies.find((c) => c.name === '__Host-hostdesk')?.secure).toBe(true);
    } finally {
      await t.close();
    }
  });
});
