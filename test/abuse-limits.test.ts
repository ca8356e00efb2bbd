import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { seedCatalog } from '../src/demo.ts';

/**
 * Abuse limits hold across app processes: two app instances (two buildApp calls) share one
 * database, as two processes behind a load balancer do, and every limit counts the requests
 * sent to both. Each test speaks from its own client address, so per-IP budgets do not mix.
 */
describe.each(DIALECTS)('abuse limits across two app instances (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let limitedA: TestApp;
  let limitedB: TestApp;
  let ipCounter = 0;
  const nextIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-limits-'));
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'limits.db') });
    await seedCatalog(database.handle);
    const env = { RATE_LIMIT_PER_MINUTE: '100000' };
    a = await buildTestApp(dialect, env, { database });
    b = await buildTestApp(dialect, env, { database });
    // A second pair with a small request budget, for @fastify/rate-limit's database store.
    limitedA = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '10' }, { database });
    limitedB = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '10' }, { database });
    // One time for all four instances, as one wall clock serves all processes.
    for (const t of [b, limitedA, limitedB]) t.clock.now = a.clock.now;
  }, 120_000);
  afterAll(async () => {
    for (const t of [a, b, limitedA, limitedB]) await t?.app.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Two browsers from one address: one talks to instance A, the other to instance B. */
  function pair() {
    const ip = nextIp();
    return { ip, ca: new Client(a.app, ip), cb: new Client(b.app, ip) };
  }
  const advance = (ms: number) => {
    const now = new Date(a.clock.now.getTime() + ms);
    for (const t of [a, b, limitedA, limitedB]) t.clock.now = now;
  };
  const customerIdOf = async (customerNumber: string) => (await a.db.selectFrom('customers').select('id').where('customerNumber', '=', customerNumber).executeTakeFirstOrThrow()).id;

  it('counts failed customer logins sent to both instances against one account and address', async () => {
    const order = await orderFor(a);
    const { ca, cb } = pair();
    await ca.get('/login');
    await cb.get('/login');
    for (let i = 0; i < 5; i++) expect((await (i % 2 ? cb : ca).post('/login', { identifier: order.customerNumber, password: `falsch-${i}` })).statusCode).toBe(401);
    // Neither instance saw five failures itself; together they did.
    for (const c of [ca, cb]) {
      const locked = await c.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toMatch(/Bitte warten Sie 15 Minuten/);
    }
    // Only that address is locked: the owner elsewhere logs in on either instance.
    expect((await new Client(b.app, nextIp()).loginCustomer(order.customerNumber, order.customerPassword!)).statusCode).toBe(303);
    advance(16 * 60_000);
    expect((await cb.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });

  it('refuses parallel guesses from one address beyond the limit: the attempt is counted before the password is checked', async () => {
    const order = await orderFor(a);
    const ip = nextIp();
    const clients = Array.from({ length: 12 }, (_, i) => new Client(i % 2 ? b.app : a.app, ip));
    for (const c of clients) await c.get('/login');
    const answers = await Promise.all(clients.map((c, i) => c.post('/login', { identifier: order.customerNumber, password: `parallel-${i}` })));
    const statuses = answers.map((r) => r.statusCode).sort();
    // Attempts on one key take turns: exactly five are checked, the rest refused, over both instances.
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(7);
    const failures = await a.db.selectFrom('auditEvents').select('id').where('event', '=', 'customer.login_failed').where('subject', '=', `customer:${await customerIdOf(order.customerNumber)}`).execute();
    expect(failures.length).toBe(5);
  });

  it('counts failed logins per IP over both instances and all account names', async () => {
    const { ca, cb } = pair();
    await ca.get('/login');
    await cb.get('/login');
    for (let i = 0; i < 20; i++) expect((await (i % 2 ? cb : ca).post('/login', { identifier: `nobody-${i}@example.org`, password: 'x' })).statusCode).toBe(401);
    expect((await ca.post('/login', { identifier: 'someone-else@example.org', password: 'x' })).statusCode).toBe(429);
    expect((await cb.post('/login', { identifier: 'someone-else@example.org', password: 'x' })).statusCode).toBe(429);
    // Another address is not affected.
    const other = new Client(b.app, nextIp());
    await other.get('/login');
    expect((await other.post('/login', { identifier: 'someone-else@example.org', password: 'x' })).statusCode).toBe(401);
  });

  it('locks a guessing address out of a known and an unknown account with the same answer', async () => {
    const order = await orderFor(a);
    const bodies: string[] = [];
    for (const identifier of [order.customerNumber, '99999999']) {
      const { ca, cb } = pair();
      await ca.get('/login');
      await cb.get('/login');
      for (let i = 0; i < 5; i++) await (i % 2 ? cb : ca).post('/login', { identifier, password: `falsch-${i}` });
      const locked = await ca.post('/login', { identifier, password: 'falsch' });
      expect(locked.statusCode).toBe(429);
      bodies.push(locked.body.replace(/name="_csrf" value="[^"]*"/g, '').replaceAll(identifier, 'IDENTIFIER'));
    }
    expect(bodies[0]).toBe(bodies[1]);
    // The same holds for password-reset requests: three per typed name and address, known or not, then 429.
    const answers: number[][] = [];
    for (const identifier of [order.customerNumber, 'nobody-at-all@example.org']) {
      const { ca, cb } = pair();
      await ca.get('/passwort-vergessen');
      await cb.get('/passwort-vergessen');
      const seq: number[] = [];
      for (let i = 0; i < 4; i++) seq.push((await (i % 2 ? cb : ca).post('/passwort-vergessen', { identifier })).statusCode);
      answers.push(seq);
    }
    expect(answers).toEqual([
      [200, 200, 200, 429],
      [200, 200, 200, 429],
    ]);
  });

  it('counts failed mail-admin logins on both instances against one login name and address', async () => {
    const order = await orderFor(a);
    const name = order.mailAccount!.name;
    const { ca, cb } = pair();
    await ca.get('/mail-admin');
    await cb.get('/mail-admin');
    for (let i = 0; i < 5; i++) expect((await (i % 2 ? cb : ca).post('/mail-admin/login', { login: name, password: `falsch-${i}` })).statusCode).toBe(401);
    const locked = await ca.post('/mail-admin/login', { login: name, password: order.mailAccount!.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    // The administrator elsewhere is not locked out.
    const admin = new Client(b.app, nextIp());
    await admin.get('/mail-admin');
    expect((await admin.post('/mail-admin/login', { login: name, password: order.mailAccount!.password })).statusCode).toBe(303);
    // An unknown name is locked with the very same words.
    for (let i = 0; i < 5; i++) await (i % 2 ? cb : ca).post('/mail-admin/login', { login: 'K999999.001', password: `falsch-${i}` });
    const unknown = await cb.post('/mail-admin/login', { login: 'K999999.001', password: 'x' });
    expect(unknown.statusCode).toBe(429);
    expect(unknown.body).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    advance(16 * 60_000);
    expect((await cb.post('/mail-admin/login', { login: name, password: order.mailAccount!.password })).statusCode).toBe(303);
  });

  it('limits new tickets per customer over both instances and keeps what was typed', async () => {
    const order = await orderFor(a);
    const { ca, cb } = pair();
    await ca.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await cb.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    for (let i = 0; i < 10; i++) {
      const c = i % 2 ? cb : ca;
      await c.get('/support/tickets/new');
      const res = await c.post('/support/tickets', { category: 'other', subject: `Frage ${i}`, body: 'Bitte helfen Sie mir.' });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    }
    await cb.get('/support/tickets/new');
    const refused = await cb.post('/support/tickets', { category: 'other', subject: 'Die elfte Frage', body: 'Noch eine Frage.' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Ihr Text bleibt hier stehen');
    expect(refused.body).toContain('value="Die elfte Frage"');
    const count = await a.db.selectFrom('supportTickets').select('id').where('customerId', '=', await customerIdOf(order.customerNumber)).execute();
    expect(count.length).toBe(10);
    advance(61 * 60_000);
    // The session idled out meanwhile: log in again; the hour has passed and the budget is back.
    const later = new Client(a.app, nextIp());
    await later.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await later.get('/support/tickets/new');
    expect((await later.post('/support/tickets', { category: 'other', subject: 'Nach einer Stunde', body: 'Geht wieder.' })).statusCode).toBe(303);
  });

  it('limits autoconfig and autodiscover per queried address and per IP over both instances', async () => {
    const { ca, cb } = pair();
    const address = 'someone@example.org';
    for (let i = 0; i < 20; i++) {
      const res = await (i % 2 ? cb : ca).get(`/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`);
      expect(res.statusCode).toBe(200);
    }
    expect((await ca.get(`/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`)).statusCode).toBe(429);
    // Outlook's POST names the same address in XML: the same budget.
    const xml = `<?xml version="1.0"?><Autodiscover><Request><EMailAddress>${address}</EMailAddress></Request></Autodiscover>`;
    const outlook = await b.app.inject({ method: 'POST', url: '/autodiscover/autodiscover.xml', payload: xml, headers: { 'content-type': 'text/xml' }, remoteAddress: nextIp() });
    expect(outlook.statusCode).toBe(429);
    // Per IP: 60 lookups of different addresses, then no more from that address.
    const { ca: sa, cb: sb } = pair();
    for (let i = 0; i < 60; i++) expect((await (i % 2 ? sb : sa).get(`/mail/config-v1.1.xml?emailaddress=user${i}@example.net`)).statusCode).toBe(200);
    expect((await sb.get('/mail/config-v1.1.xml?emailaddress=fresh@example.net')).statusCode).toBe(429);
  });

  it('limits FAQ searches per customer over both instances', async () => {
    const order = await orderFor(a);
    const { ca, cb } = pair();
    await ca.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await cb.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    for (let i = 0; i < 60; i++) expect((await (i % 2 ? cb : ca).get(`/hilfe/suche?q=passwort${i}`)).statusCode).toBe(200);
    const refused = await ca.get('/hilfe/suche?q=passwort');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Zu viele Suchanfragen');
    // Anonymous visitors from another address still search.
    expect((await new Client(b.app, nextIp()).get('/hilfe/suche?q=passwort')).statusCode).toBe(200);
  });

  it('shares the request rate limit (@fastify/rate-limit) between instances through the database', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await (i % 2 ? limitedB : limitedA).app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip });
      statuses.push(res.statusCode);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    // Ten per minute in all: each instance answered only five or six, yet the eleventh is refused.
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(remaining.slice(0, 10)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    // Another client address has its own budget.
    expect((await limitedB.app.inject({ method: 'GET', url: '/healthz', remoteAddress: nextIp() })).statusCode).toBe(200);
    // Route limits (logins: 30 a minute) are counted apart from the global one, also across instances.
    const counters = await a.db.selectFrom('rateLimitCounters').select(['key', 'count']).execute();
    expect(counters.find((c) => c.key === `global|${ip}`)?.count).toBe(12);
    expect(counters.some((c) => c.key.startsWith('POST /login|'))).toBe(true);
  });
});
