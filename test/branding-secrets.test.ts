import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { totpCode } from '../src/features/accounts/totp.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const BRANDED = {
  HOST_NAME: 'Beispiel Hosting',
  HOST_LOGO_URL: 'https://cdn.beispiel.test/logo.svg',
  HOST_PRIMARY_COLOR: '#AA3300',
  IMPRINT_URL: 'https://www.beispiel.test/impressum',
  PRIVACY_URL: 'https://www.beispiel.test/datenschutz',
};

const copyButton = (id: string) => new RegExp(`<button type="button" class="button small copy-button" data-copy="${id}"[^>]*hidden>Kopieren</button>`);

describe('branding settings', () => {
  it('refuses a colour that is not #rrggbb and links that are not http(s)', () => {
    for (const bad of [{ HOST_PRIMARY_COLOR: 'red' }, { HOST_PRIMARY_COLOR: '#12345' }, { HOST_PRIMARY_COLOR: '#123456;}body{display:none' }, { IMPRINT_URL: 'javascript:alert(1)' }, { PRIVACY_URL: 'datenschutz.html' }, { HOST_LOGO_URL: '//evil.test/x.png' }, { HOST_NAME: ' ' }]) {
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow(ConfigError);
    }
    expect(loadConfig(BRANDED).branding).toEqual({ name: 'Beispiel Hosting', logoUrl: BRANDED.HOST_LOGO_URL, primaryColor: '#aa3300', imprintUrl: BRANDED.IMPRINT_URL, privacyUrl: BRANDED.PRIVACY_URL });
    expect(loadConfig(BRANDED).smtpFrom).toBe('Beispiel Hosting <noreply@localhost>');
    expect(loadConfig({ HOST_NAME: 'Müller, Schulz & Co' }).smtpFrom).toBe('"Müller, Schulz & Co" <noreply@localhost>');
    expect(loadConfig({}).smtpFrom).toBe('Hostdesk <noreply@localhost>');
    expect(loadConfig({}).branding).toEqual({ name: 'Hostdesk', logoUrl: null, primaryColor: null, imprintUrl: null, privacyUrl: null });
  });
});

describe.each(DIALECTS)('host name, logo, colour and legal links (%s)', (dialect) => {
  let branded: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    branded = await buildTestApp(dialect, BRANDED);
    plain = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await branded?.close();
    await plain?.close();
  });

  it('links Impressum and Datenschutzerklärung in every footer, customer and staff, German and English', async () => {
    const order = await orderFor(branded);
    const customer = new Client(branded.app);
    await customer.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const admin = await staffUser(branded);
    const staff = new Client(branded.app);
    await staff.loginStaff(admin.login, admin.password);
    for (const [client, url] of [[new Client(branded.app), '/login'], [customer, '/domains'], [new Client(branded.app), '/staff/login'], [staff, '/staff'], [new Client(branded.app), '/hilfe']] as const) {
      const page = await client.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<a href="https://www.beispiel.test/impressum">Impressum</a>');
      expect(page.body, url).toContain('<a href="https://www.beispiel.test/datenschutz">Datenschutzerklärung</a>');
      expect(page.body, url).toMatch(/<title>[^<]+ – Beispiel Hosting<\/title>/);
      expect(page.body, url).toContain('<img class="brand-logo" src="https://cdn.beispiel.test/logo.svg" alt="Beispiel Hosting"/>');
      expect(page.body, url).toContain('<link rel="stylesheet" href="/branding.css?v=aa3300"/>');
      expect(page.body, url).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>');
      expect(page.body, url).not.toContain('Hostdesk');
    }
    const english = await new Client(branded.app).get('/login', { 'accept-language': 'en' });
    expect(english.body).toContain('<a href="https://www.beispiel.test/impressum">Imprint</a>');
    expect(english.body).toContain('<a href="https://www.beispiel.test/datenschutz">Privacy policy</a>');
    // Mail programs are told the host's name as the provider.
    const autoconfig = await branded.app.inject({ method: 'GET', url: '/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=info%40beispiel.test' });
    expect(autoconfig.statusCode).toBe(200);
    expect(autoconfig.body).toContain('Beispiel Hosting');
    expect(autoconfig.body).not.toContain('Hostdesk');
    // The logo's origin, and nothing more, joins the CSP's img-src.
    expect(english.headers['content-security-policy']).toContain("img-src 'self' data: https://cdn.beispiel.test;");
  });

  it('shows no legal links, no logo and no colour sheet without the settings', async () => {
    for (const url of ['/login', '/staff/login']) {
      const page = await new Client(plain.app).get(url);
      expect(page.body).not.toContain('Impressum');
      expect(page.body).not.toContain('Datenschutzerklärung');
      expect(page.body).not.toContain('branding.css');
      expect(page.body).not.toContain('<img');
      expect(page.body).toMatch(/<title>[^<]+ – Hostdesk<\/title>/);
      expect(page.body).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>');
      expect(page.headers['content-security-policy']).toContain("img-src 'self' data:;");
    }
  });

  it('serves the colour as a stylesheet from our own origin', async () => {
    const css = await branded.app.inject({ method: 'GET', url: '/branding.css?v=aa3300' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain(':root { --primary: #aa3300; --primary-dark: #802600; }');
    const none = await plain.app.inject({ method: 'GET', url: '/branding.css' });
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain('--primary');
    const favicon = await plain.app.inject({ method: 'GET', url: '/assets/favicon.svg' });
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers['content-type']).toContain('image/svg+xml');
    const script = await plain.app.inject({ method: 'GET', url: '/assets/ui.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('navigator.clipboard');
  });
});

describe.each(DIALECTS)('copy buttons on one-time secrets, show/hide on password fields (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('puts a copy button beside a generated mailbox password', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const admin = `/mail-admin/${order.contractNumber}`;
    await client.get(admin);
    const created = await client.post(`${admin}/accounts`, { quotaMb: '300', localPart: 'kopie', domainId: String(domain.id), mode: 'generate' });
    expect(created.statusCode).toBe(200);
    expect(created.body).toMatch(/<span class="secret-copy" id="secret-mail-password"><code class="secret-value">[^<]{12,}<\/code>/);
    expect(created.body).toMatch(copyButton('secret-mail-password'));
    expect(created.body).toContain('<span class="copy-status" id="secret-mail-password-status" role="status" aria-live="polite"></span>');
    expect(created.body).toContain('<script src="/assets/ui.js" defer></script>');
    // Without JavaScript the button stays hidden and the password is plain text.
    expect(created.body).not.toMatch(/<script>|onclick=/);
  });

  it('puts copy, print and download beside the backup codes and a copy button beside the 2FA key', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/sicherheit');
    const setup = await client.post('/sicherheit/2fa/start', {});
    expect(setup.body).toMatch(copyButton('secret-totp-key'));
    const secret = /<span class="secret-copy" id="secret-totp-key"><code class="totp-secret" data-secret="([A-Z2-7]+)">/.exec(setup.body)![1]!;
    const done = await client.post('/sicherheit/2fa/confirm', { code: totpCode(secret, t.clock.now) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/class="secret-value">([a-z0-9]{4}-[a-z0-9]{4})</g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(done.body).toContain(`<ul class="backup-codes" id="backup-codes" data-secret="${codes.join('\n')}">`);
    expect(done.body).toMatch(copyButton('backup-codes'));
    expect(done.body).toMatch(/<button type="button" class="button small" data-print[^>]*hidden>Drucken<\/button>/);
    expect(done.body).toMatch(/<button type="button" class="button small" data-download="backup-codes" data-filename="notfallcodes.txt"[^>]*hidden>Als Textdatei herunterladen<\/button>/);
    expect(done.headers['cache-control']).toBe('no-store');
  });

  it('puts a copy button beside a new API token', async () => {
    const user = await staffUser(t);
    const staff = new Client(t.app);
    await staff.loginStaff(user.login, user.password);
    await staff.get('/staff/api-tokens');
    const created = await staff.post('/staff/api-tokens', { name: 'Shop' });
    const page = created.statusCode === 303 ? await staff.get(created.headers.location as string) : created;
    expect(page.body).toMatch(/<span class="secret-copy" id="secret-api-token"><code class="secret-value">hd_[^<]+<\/code>/);
    expect(page.body).toMatch(copyButton('secret-api-token'));
  });

  it('offers show/hide on every password field of the login, reset and change forms', async () => {
    for (const [url, ids] of [
      ['/login', ['f-password']],
      ['/staff/login', ['f-password']],
      ['/mail-admin', ['f-password']],
    ] as const) {
      const page = await new Client(t.app).get(url);
      for (const id of ids) {
        expect(page.body, `${url} ${id}`).toContain(`<button type="button" class="button small reveal-button" data-reveal="${id}" data-show="Anzeigen" data-hide="Verbergen" aria-controls="${id}" hidden>Anzeigen</button>`);
      }
    }
    const user = await staffUser(t);
    const staff = new Client(t.app);
    await staff.loginStaff(user.login, user.password);
    const account = await staff.get('/staff/account', { 'accept-language': 'en' });
    for (const id of ['f-currentPassword', 'f-password', 'f-passwordRepeat']) expect(account.body).toContain(`data-reveal="${id}"`);
    const inputs = [...account.body.matchAll(/type="password"/g)].length;
    expect([...account.body.matchAll(/data-reveal=/g)].length).toBe(inputs);
  });
});
