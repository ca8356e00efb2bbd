import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { crawl } from './support/crawl.ts';
import { orderFor, staffUser } from './support/factories.ts';

const UPSTREAM = /\/panel|plesk/;

/** What every page must carry; the CSP is checked directive by directive. */
function expectSecurityHeaders(path: string, headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy'] ?? '');
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values.join(' ')]));
  expect(directives.get('script-src'), `${path}: script-src`).toBe("'self'");
  expect(directives.get('default-src'), `${path}: default-src`).toBe("'self'");
  expect(directives.get('style-src'), `${path}: style-src`).toBe("'self'");
  expect(directives.get('frame-ancestors'), `${path}: frame-ancestors`).toBe("'none'");
  expect(directives.get('object-src'), `${path}: object-src`).toBe("'none'");
  expect(directives.get('base-uri'), `${path}: base-uri`).toBe("'none'");
  expect(directives.get('form-action'), `${path}: form-action`).toBe("'self'");
  expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(headers['x-content-type-options'], path).toBe('nosniff');
  expect(headers['referrer-policy'], path).toBe('same-origin');
}

/**
 * Markup that a strict CSP (script-src 'self', style-src 'self') would block in the browser, so it
 * must not exist: inline scripts, event-handler attributes, javascript: URLs, inline styles, and
 * scripts from anywhere but our own assets.
 */
function expectNoInlineCode(path: string, html: string) {
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1]!;
    expect(attrs, `${path}: <script> without src`).toMatch(/\bsrc="/);
    expect(m[2]!.trim(), `${path}: <script src> with inline content`).toBe('');
    const src = /\bsrc="([^"]*)"/.exec(attrs)![1]!;
    expect(src, `${path}: script from another origin`).toMatch(/^\/(assets|mail-admin\/assets)\//);
  }
  const tags = [...html.matchAll(/<[a-z][a-z0-9-]*\b[^>]*>/gi)].map((m) => m[0]);
  for (const tag of tags) {
    expect(tag, `${path}: inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag, `${path}: inline style attribute`).not.toMatch(/\sstyle\s*=/i);
    expect(tag, `${path}: javascript: URL`).not.toMatch(/=\s*"\s*javascript:/i);
  }
  expect(html, `${path}: <style> element`).not.toMatch(/<style\b/i);
}

describe.each(DIALECTS)('headers and inline code on every page (%s)', (dialect) => {
  let t: TestApp;
  let https: TestApp;
  let order: Awaited<ReturnType<typeof orderFor>>;
  let admin: Awaited<ReturnType<typeof staffUser>>;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000' });
    https = await buildTestApp(dialect, { PUBLIC_URL: 'https://hostdesk.test', TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '1000000' });
    order = await orderFor(t, { tariff: 'mail-s' });
    await orderFor(t, { tariff: 'web-plus', email: `info@${order.domains[0]}`, customerNumber: order.customerNumber });
    admin = await staffUser(t, 'admin');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await https?.close();
  });

  async function crawlAs(client: Client, start: string[]) {
    const { pages } = await crawl(client, start, { skip: /\/logout|\/assets\/|\/reveal/, limit: 300 });
    let html = 0;
    for (const path of pages) {
      const res = await client.get(path);
      // Plesk pages talk to a panel server that this suite does not run: 502 is their honest answer.
      if (!(UPSTREAM.test(path) && res.statusCode === 502)) expect(res.statusCode, path).toBeLessThan(500);
      if (res.statusCode >= 300 && res.statusCode < 400) continue;
      expectSecurityHeaders(path, res.headers);
      if (String(res.headers['content-type'] ?? '').includes('text/html')) {
        expectNoInlineCode(path, res.body);
        html++;
      }
    }
    return { pages, html };
  }

  it('holds for every page an anonymous visitor finds, error pages included', async () => {
    const { pages, html } = await crawlAs(new Client(t.app, '10.91.0.1'), ['/', '/login', '/passwort-vergessen', '/staff/login', '/mail-admin', '/hilfe', '/help', '/does-not-exist', '/passwort-neu?token=nope']);
    expect(pages.length).toBeGreaterThan(15);
    expect(html).toBeGreaterThan(15);
  }, 300_000);

  it('holds for every page of the customer area', async () => {
    const client = new Client(t.app, '10.91.0.2');
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/support/tickets/new');
    await client.post('/support/tickets', { category: 'other', link: '', subject: 'Crawl', body: 'Eine Frage, damit es eine Ticketseite gibt.' });
    const { pages } = await crawlAs(client, ['/domains', '/stammdaten', '/sicherheit', '/support', '/hilfe']);
    expect(pages).toEqual(expect.arrayContaining(['/domains', '/stammdaten', '/sicherheit', '/support']));
    expect(pages.some((p) => /^\/support\/tickets\/\w/.test(p))).toBe(true);
    expect(pages.some((p) => p.includes('/zugangsdaten'))).toBe(true);
  }, 300_000);

  it('holds for every page of the E-Mail Administration', async () => {
    const client = new Client(t.app, '10.91.0.3');
    await client.get('/mail-admin');
    expect((await client.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password })).statusCode).toBe(303);
    const { pages } = await crawlAs(client, [`/mail-admin/${order.contractNumber}`]);
    expect(pages.some((p) => /\/accounts\/\d+$/.test(p))).toBe(true);
  }, 300_000);

  it('holds for every page of the back office', async () => {
    const client = new Client(t.app, '10.91.0.4');
    await client.loginStaff(admin.login, admin.password);
    const { pages } = await crawlAs(client, ['/staff', '/staff/orders/new', '/staff/api-tokens', '/staff/audit', '/staff/tickets']);
    expect(pages.length).toBeGreaterThan(10);
  }, 300_000);

  it('sends HSTS on every page behind https, and none over plain http', async () => {
    const client = new Client(https.app, '10.91.0.5');
    const { pages } = await crawl(client, ['/login', '/hilfe', '/staff/login', '/mail-admin'], { limit: 60 });
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const res = await https.app.inject({ method: 'GET', url: path, headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.91.0.5' });
      expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
    }
    expect((await new Client(t.app).get('/login')).headers['strict-transport-security']).toBeUndefined();
  }, 300_000);

  it('gives staff and mail-admin logins a new session id, so a planted id stays worthless', async () => {
    const staff = new Client(t.app, '10.91.0.6');
    await staff.get('/staff/login');
    const planted = staff.cookieHeader();
    await staff.post('/staff/login', { login: admin.login, password: admin.password });
    expect(staff.cookieHeader()).not.toBe(planted);
    expect((await staff.get('/staff')).statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: planted } });
    expect(stale.statusCode).toBe(303);

    const mail = new Client(t.app, '10.91.0.7');
    await mail.get('/mail-admin');
    const plantedMail = mail.cookieHeader();
    await mail.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password });
    expect(mail.cookieHeader()).not.toBe(plantedMail);
    expect((await mail.get(`/mail-admin/${order.contractNumber}`)).statusCode).toBe(200);
    const staleMail = await t.app.inject({ method: 'GET', url: `/mail-admin/${order.contractNumber}`, headers: { cookie: plantedMail } });
    expect(staleMail.statusCode).toBe(303);
  });

  it('ends every session of a customer whose password is reset', async () => {
    const fresh = await orderFor(t, { tariff: 'mail-s' });
    const phone = new Client(t.app, '10.91.0.8');
    await phone.loginCustomer(fresh.customerNumber, fresh.customerPassword!, { confirm: true });
    expect((await phone.get('/domains')).statusCode).toBe(200);
    const browser = new Client(t.app, '10.91.0.9');
    await browser.get('/passwort-vergessen');
    await browser.post('/passwort-vergessen', { identifier: fresh.customerNumber });
    const mail = await t.mailer.waitForMail((m) => m.to === `info@${fresh.domains[0]}`);
    const link = /passwort-neu\?token=([^\s]+)/.exec(mail.text)![1]!;
    await browser.get(`/passwort-neu?token=${link}`);
    const password = 'Ganz-neues-Passwort-Eisvogel-42';
    expect((await browser.post('/passwort-neu', { token: decodeURIComponent(link), password, passwordRepeat: password })).statusCode).toBe(303);
    expect((await phone.get('/domains')).statusCode).toBe(303);
  });
});
