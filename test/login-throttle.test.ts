import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { seedCatalog } from '../src/demo.ts';
import { formatDateTime } from '../src/platform/views/i18n.ts';
import { addressKeyOf } from '../src/features/accounts/index.ts';

const STRONG = 'Kaffeetasse-Wolkenkratzer-93';

/**
 * The login throttle never locks the owner out: strict limits per (account, address) and per
 * address, only a pace per account that a known browser or address skips. Every test runs over
 * two app instances on one database, as two processes behind a load balancer, alternating
 * between them, and speaks from its own client addresses.
 */
describe.each(DIALECTS)('login throttle (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let ipCounter = 0;
  const nextIp = () => `10.66.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-login-throttle-'));
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'throttle.db') });
    await seedCatalog(database.handle);
    const env = { RATE_LIMIT_PER_MINUTE: '100000' };
    a = await buildTestApp(dialect, env, { database });
    b = await buildTestApp(dialect, env, { database });
    b.clock.now = a.clock.now;
  }, 120_000);
  afterAll(async () => {
    for (const t of [a, b]) await t?.app.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const advance = (ms: number) => {
    a.clock.now = new Date(a.clock.now.getTime() + ms);
    b.clock.now = a.clock.now;
  };
  /** Where both instances' outboxes stand now, and what either sent since. */
  const mark = () => ({ a: a.mailer.sent.length, b: b.mailer.sent.length });
  const sentSince = (m: { a: number; b: number }) => [...a.mailer.sent.slice(m.a), ...b.mailer.sent.slice(m.b)];
  const customerIdOf = async (customerNumber: string) => (await a.db.selectFrom('customers').select('id').where('customerNumber', '=', customerNumber).executeTakeFirstOrThrow()).id;
  /** The page without what differs by request or by typed name. */
  const normalize = (body: string, typed: string) => body.replace(/name="_csrf" value="[^"]*"/g, '').replaceAll(typed, 'TYPED');

  /** The owner logs in once from `ip` (so browser and address are known), then logs out. */
  async function ownerBrowser(app: TestApp, customerNumber: string, password: string, ip = nextIp()) {
    const owner = new Client(app.app, ip);
    await owner.loginCustomer(customerNumber, password);
    await owner.post('/logout', {});
    return owner;
  }

  /** One wrong guess per fresh address, alternating between the instances. */
  async function rotatingGuesses(path: string, form: (i: number) => Record<string, string>, count: number) {
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < count; i++) {
      const guesser = new Client((i % 2 ? b : a).app, nextIp());
      await guesser.get(path === '/login' ? '/login' : path === '/staff/login' ? '/staff/login' : '/mail-admin');
      const res = await guesser.post(path, form(i));
      statuses.push(res.statusCode);
      last = res.body;
    }
    return { statuses, last };
  }

  it('throttles 12 wrong guesses from one address, also the right password there, while the owner logs in at once from their known address and browser', async () => {
    const order = await orderFor(a);
    const ownerIp = nextIp();
    const owner = await ownerBrowser(b, order.customerNumber, order.customerPassword!, ownerIp);
    const guesserIp = nextIp();
    const ga = new Client(a.app, guesserIp);
    const gb = new Client(b.app, guesserIp);
    await ga.get('/login');
    await gb.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await (i % 2 ? gb : ga).post('/login', { identifier: order.customerNumber, password: `falsch-${i}` })).statusCode);
    // Neither instance saw five failures itself; together they did.
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    const right = await ga.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten');

    await owner.get('/login');
    const mine = await owner.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(mine.statusCode).toBe(303);
    expect(mine.headers.location).toBe('/domains');
    // Another browser at the owner's address gets in as well: the account itself is not locked.
    expect((await new Client(a.app, ownerIp).loginCustomer(order.customerNumber, order.customerPassword!)).statusCode).toBe(303);
    // The guesser's address stays locked for the account until the lockout ends.
    advance(15 * 60_000 + 1000);
    expect((await gb.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });

  it('lets the owner’s browser in even from the address a guesser shares with them (one NAT)', async () => {
    const order = await orderFor(a);
    const nat = nextIp();
    const owner = await ownerBrowser(a, order.customerNumber, order.customerPassword!, nat);
    const guesser = new Client(b.app, nat);
    await guesser.get('/login');
    for (let i = 0; i < 6; i++) await guesser.post('/login', { identifier: order.customerNumber, password: `falsch-${i}` });
    expect((await guesser.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(429);
    // The address is known for the account, but the strict limit of (account, address) still
    // holds the guesser; the owner's browser carries its own proof and its own limit.
    await owner.get('/login');
    expect((await owner.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });

  it('slows a guesser rotating addresses with friction on the account: the owner’s known device still gets in, a new device after the soft delay', async () => {
    const order = await orderFor(a);
    const homeIp = nextIp();
    const laptop = await ownerBrowser(a, order.customerNumber, order.customerPassword!, homeIp);
    const { statuses, last } = await rotatingGuesses('/login', (i) => ({ identifier: order.customerNumber, password: `rotiert-${i}` }), 12);
    // Ten failures from anywhere are free; then a new device gets one attempt per delay.
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    expect(last).toContain('Für dieses Konto gab es viele Fehlversuche.');
    expect(last).toContain('Bitte warten Sie 30 Sekunden');

    // A new device with the right password waits its turn like everybody else.
    const phone = new Client(b.app, nextIp());
    await phone.get('/login');
    const waiting = await phone.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.body).toContain('Von einem Gerät oder Anschluss, mit dem Sie sich hier schon angemeldet haben, geht es sofort.');
    // The owner's laptop on the road (a new address) gets in at once: the cookie proves it.
    laptop.moveTo(nextIp());
    await laptop.get('/login');
    expect((await laptop.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
    // So does a browser without the cookie at the owner's known home address.
    expect((await new Client(b.app, homeIp).loginCustomer(order.customerNumber, order.customerPassword!)).statusCode).toBe(303);

    // After the delay a guess is checked again, and the answer says that the account is slowed.
    advance(31_000);
    const guess = new Client(a.app, nextIp());
    await guess.get('/login');
    const slowed = await guess.post('/login', { identifier: order.customerNumber, password: 'noch-falscher' });
    expect(slowed.statusCode).toBe(401);
    expect(slowed.body).toContain('Neue Geräte müssen deshalb zwischen zwei Versuchen warten');
    // The new device, after the delay, with the right password: in.
    advance(31_000);
    expect((await phone.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });

  it('refuses parallel guesses from many addresses beyond the account’s free attempts: each is counted before the password is checked', async () => {
    const order = await orderFor(a);
    const clients = Array.from({ length: 14 }, (_, i) => new Client(i % 2 ? b.app : a.app, nextIp()));
    for (const c of clients) await c.get('/login');
    const answers = await Promise.all(clients.map((c, i) => c.post('/login', { identifier: order.customerNumber, password: `parallel-${i}` })));
    const statuses = answers.map((r) => r.statusCode);
    // Attempts on one account take turns: exactly the ten free ones are checked, in every process together.
    expect(statuses.filter((s) => s === 401).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(4);
    const failures = await a.db.selectFrom('auditEvents').select('id').where('event', '=', 'customer.login_failed').where('subject', '=', `customer:${await customerIdOf(order.customerNumber)}`).execute();
    expect(failures.length).toBe(10);
  });

  it('mails the owner once per burst, in their language, without a password or a link, and shows the attempts in their security events', async () => {
    const order = await orderFor(a);
    const id = await customerIdOf(order.customerNumber);
    const before = mark();
    const guesserIp = nextIp();
    const clients = [new Client(a.app, guesserIp), new Client(b.app, guesserIp)];
    for (const c of clients) await c.get('/login');
    const guesses = Array.from({ length: 7 }, (_, i) => `Rate-${i}-Passwort`);
    for (const [i, password] of guesses.entries()) await clients[i % 2]!.post('/login', { identifier: order.customerNumber, password });
    // Two more from elsewhere belong to the same burst.
    const otherIp = nextIp();
    const other = new Client(b.app, otherIp);
    await other.get('/login');
    await other.post('/login', { identifier: order.customerNumber, password: 'anderswo' });
    await other.post('/login', { identifier: order.customerNumber, password: 'anderswo-2' });

    const notices = sentSince(before);
    expect(notices).toHaveLength(1);
    const mail = notices[0]!;
    expect(mail.to).toBe(`info@${order.domains[0]}`);
    expect(mail.subject).toBe(`Fehlgeschlagene Anmeldeversuche bei Ihrem Kundenkonto ${order.customerNumber}`);
    expect(mail.text).toContain(`5 fehlgeschlagene Anmeldeversuche, zuletzt am ${formatDateTime(a.clock.now.toISOString(), 'de')} von der Adresse ${guesserIp}`);
    expect(mail.text).not.toMatch(/https?:|www\./);
    for (const secret of [...guesses, order.customerPassword!]) expect(mail.text).not.toContain(secret);

    // The owner sees the attempts per address.
    const owner = new Client(a.app, nextIp());
    await owner.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const when = formatDateTime(a.clock.now.toISOString(), 'de');
    for (const page of ['/sicherheit', '/support/security']) {
      const body = (await owner.get(page)).body;
      expect(body).toContain(`5 fehlgeschlagene Anmeldeversuche von ${guesserIp}, zuletzt am ${when}`);
      expect(body).toContain(`2 fehlgeschlagene Anmeldeversuche von ${otherIp}, zuletzt am ${when}`);
    }
    await owner.post('/language', { lang: 'en', next: '/sicherheit' });
    expect((await owner.get('/sicherheit')).body).toContain(`5 failed login attempts from ${guesserIp}, last on ${formatDateTime(a.clock.now.toISOString(), 'en')}`);

    // An hour later a new burst begins, and the owner, now writing English, hears of it once more.
    await a.db.updateTable('customers').set({ language: 'en' }).where('id', '=', id).execute();
    advance(61 * 60_000);
    const later = new Client(a.app, nextIp());
    await later.get('/login');
    // The account is paced by now (more than ten failures today): one guess each half minute.
    for (let i = 0; i < 5; i++) {
      advance(31_000);
      expect((await later.post('/login', { identifier: order.customerNumber, password: `spaeter-${i}` })).statusCode).toBe(401);
    }
    const second = sentSince(before);
    expect(second).toHaveLength(2);
    expect(second[1]!.subject).toBe(`Failed login attempts on your customer account ${order.customerNumber}`);
    expect(second[1]!.text).toContain('there were 5 failed login attempts');
  });

  it('claims the notice of a burst exactly once when the failures reach both instances in parallel', async () => {
    const order = await orderFor(a);
    const before = mark();
    const clients = Array.from({ length: 8 }, (_, i) => new Client(i % 2 ? b.app : a.app, nextIp()));
    for (const c of clients) await c.get('/login');
    await Promise.all(clients.map((c, i) => c.post('/login', { identifier: order.customerNumber, password: `gleichzeitig-${i}` })));
    const notices = sentSince(before).filter((m) => m.subject.includes(order.customerNumber));
    expect(notices).toHaveLength(1);
    const alert = await a.db.selectFrom('loginAlerts').selectAll().where('target', '=', `customer:${await customerIdOf(order.customerNumber)}`).executeTakeFirstOrThrow();
    expect(alert.failures).toBe(8);
    expect(alert.notifiedAt).not.toBeNull();
  });

  it('answers known and unknown names alike: the same statuses and pages, from one address and from many', async () => {
    const order = await orderFor(a);
    const results: { statuses: number[]; bodies: string[] }[] = [];
    for (const identifier of [order.customerNumber, '99999999', `info@${order.domains[0]}`, 'niemand@example.org']) {
      const statuses: number[] = [];
      const bodies: string[] = [];
      const ip = nextIp();
      const ca = new Client(a.app, ip);
      const cb = new Client(b.app, ip);
      await ca.get('/login');
      await cb.get('/login');
      for (let i = 0; i < 7; i++) {
        const res = await (i % 2 ? cb : ca).post('/login', { identifier, password: `falsch-${i}` });
        statuses.push(res.statusCode);
        bodies.push(normalize(res.body, identifier));
      }
      const rotating = await rotatingGuesses('/login', (i) => ({ identifier, password: `woanders-${i}` }), 7);
      statuses.push(...rotating.statuses);
      bodies.push(normalize(rotating.last, identifier));
      results.push({ statuses, bodies });
    }
    // 5 checked, then locked for that address; from elsewhere the account's free attempts, then the pace.
    expect(results[0]!.statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 401, 401, 401, 401, 401, 429, 429]);
    for (const other of results.slice(1)) expect(other).toEqual(results[0]);
  });

  it('gives the same rules to the mail-admin login of .001, mails the customer, and shows the attempts on the account page', async () => {
    const order = await orderFor(a);
    const name = order.mailAccount!.name;
    const password = order.mailAccount!.password;
    const admin = new Client(a.app, nextIp());
    await admin.get('/mail-admin');
    expect((await admin.post('/mail-admin/login', { login: name, password })).statusCode).toBe(303);
    await admin.post('/mail-admin/logout', {});

    const before = mark();
    const guesserIp = nextIp();
    const ga = new Client(a.app, guesserIp);
    const gb = new Client(b.app, guesserIp);
    await ga.get('/mail-admin');
    await gb.get('/mail-admin');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await (i % 2 ? gb : ga).post('/mail-admin/login', { login: name, password: `falsch-${i}` })).statusCode);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    const right = await ga.post('/mail-admin/login', { login: name, password });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    // The administrator's browser gets in at once.
    await admin.get('/mail-admin');
    expect((await admin.post('/mail-admin/login', { login: name, password })).statusCode).toBe(303);
    const page = await admin.get(`/mail-admin/${order.contractNumber}/accounts/${(await a.db.selectFrom('mailAccounts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id}`);
    expect(page.body).toContain(`5 fehlgeschlagene Anmeldeversuche von ${guesserIp}, zuletzt am ${formatDateTime(a.clock.now.toISOString(), 'de')}`);
    const notices = sentSince(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(`info@${order.domains[0]}`);
    expect(notices[0]!.subject).toBe(`Fehlgeschlagene Anmeldeversuche bei Ihrem Postfach ${name}`);
    // The typed logins never reach the audit log in plain text.
    const audit = await a.db.selectFrom('auditEvents').select(['subject', 'details']).where('event', 'in', ['mail.login_failed', 'mail.login_throttled']).where('ip', '=', guesserIp).execute();
    expect(audit.length).toBe(13);
    expect(JSON.stringify(audit)).not.toContain(name);
  });

  it('gives the same rules to a mailbox user, who sees the attempts on their own page', async () => {
    const order = await orderFor(a);
    const contract = await a.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await a.db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const customer = new Client(a.app, nextIp());
    await customer.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await customer.get(`/mail-admin/${order.contractNumber}`);
    const created = await customer.post(`/mail-admin/${order.contractNumber}/accounts`, { quotaMb: '100', localPart: 'lena', domainId: String(domain.id), mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(created.statusCode).toBe(303);
    const login = `lena@${order.domains[0]}`;
    const user = new Client(b.app, nextIp());
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login, password: STRONG })).headers.location).toBe('/mail-admin/postfach');
    await user.post('/mail-admin/logout', {});

    const { statuses } = await rotatingGuesses('/mail-admin/login', (i) => ({ login, password: `falsch-${i}` }), 12);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const stranger = new Client(a.app, nextIp());
    await stranger.get('/mail-admin');
    const refused = await stranger.post('/mail-admin/login', { login, password: STRONG });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Für dieses Konto gab es viele Fehlversuche.');
    // The user's own browser, from a new address, gets in at once and sees what happened.
    user.moveTo(nextIp());
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login, password: STRONG })).statusCode).toBe(303);
    const own = await user.get('/mail-admin/postfach');
    expect(own.body).toContain('Fehlgeschlagene Anmeldeversuche');
    expect(own.body).toContain('1 fehlgeschlagener Anmeldeversuch von 10.66.');
  });

  it('gives the same rules to the staff login; staff see their attempts on their own page', async () => {
    const agent = await staffUser(a, 'agent');
    const desk = new Client(a.app, nextIp());
    await desk.loginStaff(agent.login, agent.password);
    await desk.post('/staff/logout', {});
    const before = mark();
    const guesserIp = nextIp();
    const guesser = new Client(b.app, guesserIp);
    await guesser.get('/staff/login');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guesser.post('/staff/login', { login: agent.login, password: `falsch-${i}` })).statusCode);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect((await guesser.post('/staff/login', { login: agent.login, password: agent.password })).statusCode).toBe(429);
    // An unknown staff login is answered the same way.
    const unknown = new Client(b.app, nextIp());
    await unknown.get('/staff/login');
    const unknownStatuses: number[] = [];
    for (let i = 0; i < 12; i++) unknownStatuses.push((await unknown.post('/staff/login', { login: 'niemand', password: `falsch-${i}` })).statusCode);
    expect(unknownStatuses).toEqual(statuses);
    await desk.loginStaff(agent.login, agent.password);
    const page = await desk.get('/staff/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`5 fehlgeschlagene Anmeldeversuche von ${guesserIp}, zuletzt am ${formatDateTime(a.clock.now.toISOString(), 'de')}`);
    // Staff have no mail address on file: nothing is mailed.
    expect(sentSince(before)).toEqual([]);
  });

  it('paces reset links per account but still mails one to the owner’s known browser; unknown names alike', async () => {
    const order = await orderFor(a);
    const owner = await ownerBrowser(a, order.customerNumber, order.customerPassword!);
    const sequences: number[][] = [];
    for (const identifier of [order.customerNumber, 'niemand-hier@example.org']) {
      const seq: number[] = [];
      for (let i = 0; i < 7; i++) {
        const c = new Client((i % 2 ? b : a).app, nextIp());
        await c.get('/passwort-vergessen');
        seq.push((await c.post('/passwort-vergessen', { identifier })).statusCode);
      }
      sequences.push(seq);
    }
    expect(sequences[0]).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(sequences[1]).toEqual(sequences[0]);
    const before = mark();
    await owner.get('/passwort-vergessen');
    const mine = await owner.post('/passwort-vergessen', { identifier: order.customerNumber });
    expect(mine.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(sentSince(before).map((m) => m.to)).toEqual([`info@${order.domains[0]}`]);
  });

  it('keeps no names in the known-device cookie, and a cookie proves only the accounts its browser logged into', async () => {
    const first = await orderFor(a);
    const second = await orderFor(a);
    const browser = new Client(a.app, nextIp());
    await browser.get('/login');
    const login = await browser.post('/login', { identifier: first.customerNumber, password: first.customerPassword! });
    const cookie = login.cookies.find((c) => c.name === 'hostdesk_device')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 400 * 24 * 3600 });
    const id = await customerIdOf(first.customerNumber);
    for (const name of [first.customerNumber, `customer:${id}`, first.domains[0]!, 'customer']) expect(decodeURIComponent(cookie.value)).not.toContain(name);
    expect(cookie.value).toMatch(/^v1\.[\w-]{22}\.[\w-]{22}$/);

    // The first account is being paced: the browser's own cookie gets in, a tampered one waits.
    await rotatingGuesses('/login', (i) => ({ identifier: first.customerNumber, password: `x-${i}` }), 11);
    const [, deviceId, tag] = cookie.value.split('.');
    const tampered = `v1.${deviceId}.${tag!.slice(0, -1)}${tag!.endsWith('A') ? 'B' : 'A'}`;
    const page = await a.app.inject({ method: 'GET', url: '/login', remoteAddress: nextIp() });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const session = page.cookies.find((c) => c.name === 'hostdesk_session')!.value;
    const forged = await a.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: nextIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hostdesk_session=${session}; hostdesk_device=${tampered}` },
      payload: new URLSearchParams({ _csrf: csrf, identifier: first.customerNumber, password: first.customerPassword! }).toString(),
    });
    expect(forged.statusCode).toBe(429);
    // From a new address too, so that only the cookie can vouch for the browser.
    await browser.post('/logout', {});
    browser.moveTo(nextIp());
    await browser.get('/login');
    expect((await browser.post('/login', { identifier: first.customerNumber, password: first.customerPassword! })).statusCode).toBe(303);
    // The second account is paced too. This browser knows only the first: it waits like a stranger.
    await rotatingGuesses('/login', (i) => ({ identifier: second.customerNumber, password: `y-${i}` }), 11);
    await browser.post('/logout', {});
    await browser.get('/login');
    expect((await browser.post('/login', { identifier: second.customerNumber, password: second.customerPassword! })).statusCode).toBe(429);
  });

  it('counts an IPv6 client by its /64 network, so a fresh address per guess does not help', async () => {
    expect(addressKeyOf('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:0db8:0001:0002:ffff:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKeyOf('203.0.113.9')).toBe('203.0.113.9');
    const order = await orderFor(a);
    const statuses: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const c = new Client((i % 2 ? b : a).app, `2001:db8:77:${ipCounter}::${i.toString(16)}`);
      await c.get('/login');
      statuses.push((await c.post('/login', { identifier: order.customerNumber, password: `v6-${i}` })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const elsewhere = new Client(a.app, `2001:db8:78:${ipCounter}::1`);
    await elsewhere.get('/login');
    expect((await elsewhere.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(303);
  });
});
