import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { parseXml } from '../src/integrations/plesk/xml.ts';
import { translator } from '../src/platform/views/i18n.ts';
import { renderAnswer } from '../src/features/help/personalize.ts';

/**
 * Names that a lookup on a plain object finds on Object.prototype. Wherever a name from a
 * request picks an entry, these must be unknown names like any other: 404, never 500.
 */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('lookups by name outside the routes', () => {
  it('treats prototype names as unknown XML entities', () => {
    for (const name of PROTOTYPE_NAMES) expect(() => parseXml(`<a>&${name};</a>`)).toThrow(/unknown entity/);
    expect(parseXml('<a b="&quot;x&quot;">&lt;&amp;&gt;</a>')).toMatchObject({ attrs: { b: '"x"' }, text: '<&>' });
  });

  it('treats prototype names as unknown message keys and placeholders', () => {
    const t = translator('de');
    for (const name of PROTOTYPE_NAMES) expect(t(name as never)).toBe(name);
    expect(t('support.mail.replySubject', { number: '1' })).toContain('1');
    // A placeholder that names a prototype member stays as written instead of becoming a function's source.
    expect(t('support.mail.replySubject', {} as never)).toContain('{number}');
    expect(t('support.mail.replySubject', Object.create({ number: 'inherited' }))).toContain('{number}');
  });

  it('leaves a help answer placeholder named like a prototype member as written', () => {
    const server = { host: 'imap.example.test', port: 993 };
    const ctx = { t: translator('de'), lang: 'de' as const, csrfToken: 'x', servers: { imap: server, pop3: server, smtp: server }, contracts: null, showAll: false };
    const html = renderAnswer('Server {imapHost}, {constructor} und {toString}.', ctx).blocks.map((b) => b.html).join('');
    expect(html).toContain('imap.example.test');
    expect(html).toContain('{constructor} und {toString}');
    expect(html).not.toContain('native code');
  });
});

describe.each(DIALECTS)('prototype names in requests (%s)', (dialect) => {
  let t: TestApp;
  let contractNumber = '';
  const clients: Record<'anonymous' | 'customer' | 'staff', Client> = {} as never;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' });
    const order = await orderFor(t, { tariff: 'mail-l' });
    contractNumber = order.contractNumber;
    const admin = await staffUser(t, 'admin');
    clients.anonymous = new Client(t.app, '10.88.0.1');
    await clients.anonymous.get('/login');
    clients.customer = new Client(t.app, '10.88.0.2');
    await clients.customer.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    clients.staff = new Client(t.app, '10.88.0.3');
    await clients.staff.loginStaff(admin.login, admin.password);
  }, 120_000);
  afterAll(() => t.close());

  it('answers 404 for a zxcvbn bundle named like a prototype member, and serves the real ones', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const res = await clients.anonymous.get(`/mail-admin/assets/zxcvbn/${name}`);
      expect(res.statusCode, name).toBe(404);
      expect(res.body).not.toContain('function');
    }
    const core = await clients.anonymous.get('/mail-admin/assets/zxcvbn/core.js');
    expect(core.statusCode).toBe(200);
    expect(core.headers['content-type']).toContain('text/javascript');
  });

  it('never answers 5xx when a path parameter of any route is a prototype name, for any kind of visitor', async () => {
    const routes = [...new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`))].filter((r) => r.includes(':'));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const found: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const name of PROTOTYPE_NAMES) {
        // Every parameter at once, and with the contract number real so that the name reaches
        // the lookups behind the ownership check.
        const urls = new Set([pattern.replace(/:\w+/g, name), pattern.replace(/:number/g, contractNumber).replace(/:\w+/g, name)].filter((u) => u.includes(name)));
        for (const url of urls) {
          for (const [who, client] of Object.entries(clients)) {
            const res = method === 'GET' ? await client.get(url) : await client.post(url, { [name]: name, subject: name, body: name });
            if (res.statusCode >= 500 && !(/\/panel|plesk/.test(pattern) && res.statusCode === 502)) failures.push(`${who} ${method} ${url} → ${res.statusCode}`);
            // A help context page lists the entries for any page name (none for unknown ones);
            // anything else found under a prototype name was looked up where it must not be.
            if (method === 'GET' && res.statusCode === 200 && !/\/(zu|for)\/:page$/.test(pattern)) found.push(`${who} ${method} ${url}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(found).toEqual([]);
  }, 300_000);

  it('never answers 5xx when form fields, query parameters or multipart fields are named like prototype members', async () => {
    const routes = [...new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`))].filter((r) => !r.includes(':') && !/logout/.test(r));
    const failures: string[] = [];
    const query = PROTOTYPE_NAMES.map((n) => `${encodeURIComponent(n)}=${n}&q=${n}&next=${n}&state=${n}&category=${n}`).join('&');
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      for (const [who, client] of Object.entries(clients)) {
        const res =
          method === 'GET'
            ? await client.get(`${url}?${query}`)
            : await client.post(url, Object.fromEntries([...PROTOTYPE_NAMES.map((n) => [n, n]), ['subject', 'constructor'], ['category', 'constructor'], ['lang', 'constructor'], ['tariff', 'constructor'], ['link', 'constructor']]));
        if (res.statusCode >= 500) failures.push(`${who} ${method} ${url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);

    // The SupportCenter's forms are multipart: the same names as fields and as a file name.
    const customer = clients.customer;
    await customer.get('/support/tickets/new');
    const boundary = '----hostdesk-proto';
    const fields: [string, string][] = [['_csrf', customer.csrf], ...PROTOTYPE_NAMES.map((n): [string, string] => [n, n]), ['category', 'constructor'], ['subject', 'toString'], ['body', 'valueOf']];
    const payload = Buffer.concat([
      ...fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="constructor"\r\nContent-Type: text/plain\r\n\r\nhallo\r\n--${boundary}--\r\n`),
    ]);
    const before = await t.db.selectFrom('supportTickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/support/tickets', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: customer.cookieHeader() }, remoteAddress: '10.88.0.2' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const after = await t.db.selectFrom('supportTickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  }, 300_000);

});
