import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { seedCatalog } from '../src/demo.ts';
import { totpCode } from '../src/features/accounts/totp.ts';
import { createMailAccount } from '../src/features/mail/mail-admin.service.ts';
import { sha256 } from '../src/platform/crypto.ts';

const secretOf = (html: string) => /data-secret="([A-Z2-7]+)"/.exec(html)![1]!;
const backupCodesOf = (html: string) => [...html.matchAll(/class="secret-value">([a-z0-9]{4}-[a-z0-9]{4})</g)].map((m) => m[1]!);
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const STRONG = 'Kiefernzapfen-Leuchtturm-73';

/**
 * Session generations: a session is void on its next request once the credentials it was opened
 * with have changed, whichever app process serves it. Two app instances share one database, as
 * two processes behind a load balancer do: each change is made through one instance and the
 * sessions it ends are tried on the other. The user's own change keeps the session that made it.
 */
describe.each(DIALECTS)('session generations across two app instances (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  /** A third instance that requires staff 2FA, as a later configuration would. */
  let strict: TestApp;
  let ipCounter = 0;
  const nextIp = () => `10.88.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-generations-'));
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'generations.db') });
    await seedCatalog(database.handle);
    const env = { RATE_LIMIT_PER_MINUTE: '100000' };
    a = await buildTestApp(dialect, env, { database });
    b = await buildTestApp(dialect, env, { database });
    strict = await buildTestApp(dialect, { ...env, STAFF_2FA_REQUIRED: 'true' }, { database });
    // One time for all instances, as one wall clock serves all processes.
    for (const t of [b, strict]) t.clock.now = a.clock.now;
  }, 120_000);
  afterAll(async () => {
    for (const t of [a, b, strict]) await t?.app.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const db = () => a.db;
  /** The next TOTP time step, on every instance. */
  const step = () => {
    const now = new Date(a.clock.now.getTime() + 30_000);
    for (const t of [a, b, strict]) t.clock.now = now;
    return now;
  };
  const idOf = async (customerNumber: string) => (await db().selectFrom('customers').select('id').where('customerNumber', '=', customerNumber).executeTakeFirstOrThrow()).id;
  const endings = (subject: string) => db().selectFrom('auditEvents').selectAll().where('event', '=', 'sessions.ended').where('subject', '=', subject).orderBy('id').execute();
  const detailsOf = (row: { details: string }) => JSON.parse(row.details) as { credential: string; sessions: number; keptOwn: boolean };

  async function customerOn(app: TestApp, order: { customerNumber: string }, password: string) {
    const client = new Client(app.app, nextIp());
    await client.loginCustomer(order.customerNumber, password, { confirm: true });
    expect((await client.get('/domains')).statusCode).toBe(200);
    return client;
  }
  async function mailLoginOn(app: TestApp, login: string, password: string) {
    const client = new Client(app.app, nextIp());
    await client.get('/mail-admin');
    const res = await client.post('/mail-admin/login', { login, password });
    expect(res.statusCode).toBe(303);
    return client;
  }
  async function staffOn(app: TestApp, user: { login: string; password: string }) {
    const client = new Client(app.app, nextIp());
    await client.loginStaff(user.login, user.password);
    expect((await client.get('/staff')).statusCode).toBe(200);
    return client;
  }
  async function enableTwoFactor(client: Client) {
    await client.get('/sicherheit');
    const secret = secretOf((await client.post('/sicherheit/2fa/start', {})).body);
    const done = await client.post('/sicherheit/2fa/confirm', { code: totpCode(secret, a.clock.now) });
    expect(done.statusCode).toBe(200);
    return { secret, codes: backupCodesOf(done.body) };
  }
  async function mailContract(order: { contractNumber: string }) {
    const contract = await db().selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await db().selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    // The contract's owner, as the administration's services know who acts.
    const owner = { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null };
    return { contractId: contract.id, domainId: domain.id, owner };
  }
  const forwarderCount = async (contractId: number) =>
    Number((await db().selectFrom('mailAddresses').select((eb) => eb.fn.countAll().as('n')).where('contractId', '=', contractId).where('kind', '=', 'forward').executeTakeFirstOrThrow()).n);

  it('ends every session of a customer whose password is reset by e-mail link, and says why', async () => {
    const order = await orderFor(a);
    const phone = await customerOn(a, order, order.customerPassword!);
    const laptop = await customerOn(b, order, order.customerPassword!);
    const browser = new Client(b.app, nextIp());
    await browser.get('/passwort-vergessen');
    await browser.post('/passwort-vergessen', { identifier: order.customerNumber });
    const token = decodeURIComponent(/passwort-neu\?token=([^\s]+)/.exec(b.mailer.sent.at(-1)!.text)![1]!);
    expect((await browser.post('/passwort-neu', { token, password: STRONG, passwordRepeat: STRONG })).statusCode).toBe(303);

    // A form sent with the old session ends on the login page and changes nothing.
    const languageBefore = (await db().selectFrom('customers').select('language').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow()).language;
    const stale = await phone.post('/language', { lang: 'en', next: '/domains' });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/login');
    expect((await db().selectFrom('customers').select('language').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow()).language).toBe(languageBefore);
    expect((await phone.get('/login')).body).toContain('Sie wurden abgemeldet, weil das Passwort oder die Zwei-Faktor-Anmeldung Ihres Kontos geändert wurde.');
    expect((await phone.get('/domains')).statusCode).toBe(303);
    const page = await laptop.get('/domains');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fdomains');
    expect((await laptop.get('/login?next=%2Fdomains')).body).toContain('Sie wurden abgemeldet, weil');

    const subject = `customer:${await idOf(order.customerNumber)}`;
    const ended = await endings(subject);
    expect(ended).toHaveLength(1);
    expect(detailsOf(ended[0]!)).toEqual({ credential: 'password', sessions: 2, keptOwn: false });

    // The owner reads it in words on the security page, after logging in with the new password.
    const again = await customerOn(a, order, STRONG);
    const security = await again.get('/sicherheit');
    expect(security.body).toContain('Andere Sitzungen wurden beendet (2), weil das Passwort geändert wurde');
    expect(security.body).not.toContain('sessions.ended');
    const all = await again.get('/support/security');
    expect(all.body).toContain('Andere Sitzungen wurden beendet (2)');
    expect(all.body).not.toMatch(/>[a-z_]+\.[a-z_]+</); // no event codes
    await again.post('/language', { lang: 'en', next: '/sicherheit' });
    expect((await again.get('/sicherheit')).body).toContain('Other sessions were ended (2) because the password was changed');
  });

  it('counts a session once: a later change ends only what the earlier one left, and records nothing when that is nothing', async () => {
    const order = await orderFor(a);
    const subject = `customer:${await idOf(order.customerNumber)}`;
    const first = await customerOn(a, order, order.customerPassword!);
    const own = await customerOn(b, order, order.customerPassword!);
    const { secret } = await enableTwoFactor(own);
    // `first` is void but has not been back: switching 2FA off again does not end it a second time.
    await own.get('/sicherheit');
    expect((await own.post('/sicherheit/2fa/disable', { password: order.customerPassword!, code: totpCode(secret, step()) })).statusCode).toBe(303);
    expect((await own.get('/domains')).statusCode).toBe(200);
    expect((await first.get('/domains')).statusCode).toBe(303);
    expect((await endings(subject)).map(detailsOf)).toEqual([{ credential: 'two_factor', sessions: 1, keptOwn: true }]);
  });

  it('keeps the session that set up 2FA and ends the customer’s others', async () => {
    const order = await orderFor(a);
    const other = await customerOn(a, order, order.customerPassword!);
    const own = await customerOn(b, order, order.customerPassword!);
    await enableTwoFactor(own);
    expect((await own.get('/sicherheit')).statusCode).toBe(200);
    expect((await own.get('/domains')).statusCode).toBe(200);
    expect((await other.get('/domains')).statusCode).toBe(303);
    expect((await other.get('/login')).body).toContain('Sie wurden abgemeldet, weil');
    const [ended] = await endings(`customer:${await idOf(order.customerNumber)}`);
    expect(detailsOf(ended!)).toEqual({ credential: 'two_factor', sessions: 1, keptOwn: true });
    expect((await own.get('/sicherheit')).body).toContain('Andere Sitzungen wurden beendet (1), weil die Zwei-Faktor-Anmeldung geändert wurde');
  });

  it('keeps the session that switched 2FA off and ends the others', async () => {
    const order = await orderFor(a);
    const own = await customerOn(a, order, order.customerPassword!);
    const { secret } = await enableTwoFactor(own);
    const login = new Client(b.app, nextIp());
    await login.get('/login');
    await login.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    await login.get('/login/code');
    expect((await login.post('/login/code', { code: totpCode(secret, step()) })).statusCode).toBe(303);
    expect((await login.get('/domains')).statusCode).toBe(200);
    await own.get('/sicherheit');
    expect((await own.post('/sicherheit/2fa/disable', { password: order.customerPassword!, code: totpCode(secret, step()) })).statusCode).toBe(303);
    expect((await own.get('/domains')).statusCode).toBe(200);
    expect((await login.get('/domains')).statusCode).toBe(303);
  });

  it('ends every session of a customer whose 2FA an admin resets', async () => {
    const order = await orderFor(a);
    const own = await customerOn(a, order, order.customerPassword!);
    const { secret } = await enableTwoFactor(own);
    const second = new Client(b.app, nextIp());
    await second.get('/login');
    await second.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    await second.get('/login/code');
    expect((await second.post('/login/code', { code: totpCode(secret, step()) })).statusCode).toBe(303);
    const admin = await staffOn(b, await staffUser(a, 'admin'));
    await admin.get(`/staff/customers/${order.customerNumber}`);
    expect((await admin.post(`/staff/customers/${order.customerNumber}/reset-2fa`, { confirm: 'yes' })).statusCode).toBe(303);
    for (const client of [own, second]) {
      const res = await client.get('/domains');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fdomains');
    }
    expect((await admin.get('/staff')).statusCode).toBe(200); // the admin's own session is no part of it
    const [ended] = await endings(`customer:${await idOf(order.customerNumber)}`).then((rows) => rows.slice(-1));
    expect(detailsOf(ended!)).toEqual({ credential: 'two_factor', sessions: 2, keptOwn: false });
    expect(ended!.actor).toMatch(/^staff:\d+$/);
  });

  it('ends the other sessions when the last backup code is spent, keeping the login that spent it', async () => {
    const order = await orderFor(a);
    const own = await customerOn(a, order, order.customerPassword!);
    const { codes } = await enableTwoFactor(own);
    const subject = `customer:${await idOf(order.customerNumber)}`;
    // Nine codes were used on earlier days; one is left.
    const last = codes[9]!;
    await db().updateTable('twoFactorBackupCodes').set({ usedAt: a.clock.now.toISOString() }).where('subject', '=', subject).where('codeHash', '!=', sha256(last.replace('-', ''))).execute();
    const login = new Client(b.app, nextIp());
    await login.get('/login');
    await login.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    await login.get('/login/code');
    expect((await login.post('/login/code', { code: last })).statusCode).toBe(303);
    expect(await db().selectFrom('twoFactorBackupCodes').select('id').where('subject', '=', subject).where('usedAt', 'is', null).execute()).toEqual([]);
    expect((await login.get('/domains')).statusCode).toBe(200);
    expect((await own.get('/domains')).statusCode).toBe(303);
    const ended = (await endings(subject)).map(detailsOf);
    expect(ended.at(-1)).toEqual({ credential: 'backup_codes', sessions: 1, keptOwn: true });
  });

  it('lets staff change their own password: this session stays, the others end', async () => {
    const user = await staffUser(a, 'agent');
    const own = await staffOn(a, user);
    const other = await staffOn(b, user);
    const page = await own.get('/staff/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mein Konto</h1>');
    const hashBefore = (await db().selectFrom('staffUsers').select(['passwordHash', 'credentialGeneration']).where('id', '=', user.id).executeTakeFirstOrThrow());
    const wrong = await own.post('/staff/account/password', { currentPassword: 'falsch', password: STRONG, passwordRepeat: STRONG });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das bisherige Passwort stimmt nicht.');
    const weak = await own.post('/staff/account/password', { currentPassword: user.password, password: 'passwort', passwordRepeat: 'passwort' });
    expect(weak.statusCode).toBe(422);
    expect(await db().selectFrom('staffUsers').select(['passwordHash', 'credentialGeneration']).where('id', '=', user.id).executeTakeFirstOrThrow()).toEqual(hashBefore);
    expect((await other.get('/staff')).statusCode).toBe(200);

    const ok = await own.post('/staff/account/password', { currentPassword: user.password, password: STRONG, passwordRepeat: STRONG });
    expect(ok.statusCode).toBe(303);
    const after = await own.get('/staff/account');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Ihr Passwort wurde geändert.');
    expect(after.body).toContain('Andere Sitzungen wurden beendet (1), weil das Passwort geändert wurde');
    const stale = await other.post('/staff/account/password', { currentPassword: STRONG, password: 'Anderes-Passwort-Wolke-88', passwordRepeat: 'Anderes-Passwort-Wolke-88' });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/staff/login');
    expect((await other.get('/staff/login')).body).toContain('Sie wurden abgemeldet, weil');
    await staffOn(b, { login: user.login, password: STRONG });
    expect(detailsOf((await endings(`staff:${user.id}`))[0]!)).toEqual({ credential: 'password', sessions: 1, keptOwn: true });
  });

  it('ends a staff user’s older sessions when they set up 2FA, keeping the session it opened', async () => {
    const user = await staffUser(a, 'agent');
    const before = await staffOn(a, user); // opened without a second factor, before it was required
    const client = new Client(strict.app, nextIp());
    await client.get('/staff/login');
    expect((await client.post('/staff/login', { login: user.login, password: user.password })).headers.location).toBe('/staff/2fa/setup');
    const secret = secretOf((await client.get('/staff/2fa/setup')).body);
    expect((await client.post('/staff/2fa/setup', { code: totpCode(secret, step()) })).statusCode).toBe(200);
    expect((await client.get('/staff')).statusCode).toBe(200);
    expect((await before.get('/staff')).statusCode).toBe(303);
    expect(detailsOf((await endings(`staff:${user.id}`))[0]!)).toEqual({ credential: 'two_factor', sessions: 1, keptOwn: true });
  });

  it('ends the E-Mail Administration session of the old .001 password when the customer resets it in self-service', async () => {
    const order = await orderFor(a);
    const { contractId, domainId } = await mailContract(order);
    const mail = await mailLoginOn(a, order.mailAccount!.name, order.mailAccount!.password);
    const admin = `/mail-admin/${order.contractNumber}`;
    expect((await mail.get(admin)).statusCode).toBe(200);
    const owner = await customerOn(b, order, order.customerPassword!);
    await owner.get('/support/admin-password');
    expect((await owner.post('/support/admin-password', { contract: order.contractNumber, password: order.customerPassword! })).statusCode).toBe(200);

    const forwarders = await forwarderCount(contractId);
    const attempt = await mail.post(`${admin}/forwarders`, { localPart: 'abfluss', domainId: String(domainId), targets: 'fremd@example.org' });
    expect(attempt.statusCode).toBe(303);
    expect(attempt.headers.location).toBe('/mail-admin');
    expect(await forwarderCount(contractId)).toBe(forwarders);
    const loginPage = await mail.get('/mail-admin');
    expect(loginPage.statusCode).toBe(200);
    expect(loginPage.body).toContain('Sie wurden abgemeldet, weil das Passwort dieses Postfachs geändert wurde.');
    expect((await mail.get(admin)).statusCode).toBe(303);
    const [ended] = await endings(`mail-account:${order.mailAccount!.name}`);
    expect(detailsOf(ended!)).toEqual({ credential: 'password', sessions: 1, keptOwn: false });
    expect(ended!.actor).toBe(`customer:${await idOf(order.customerNumber)}`);

    // The owner sees it on the account page of .001 in the administration.
    const account = await db().selectFrom('mailAccounts').select('id').where('name', '=', order.mailAccount!.name).executeTakeFirstOrThrow();
    const accountPage = await owner.get(`${admin}/accounts/${account.id}`);
    expect(decode(accountPage.body)).toContain('Andere Sitzungen wurden beendet (1), weil das Passwort geändert wurde');
  });

  it('ends the E-Mail Administration session when staff run "Neues Administrationspasswort setzen"', async () => {
    const order = await orderFor(a);
    const mail = await mailLoginOn(b, order.mailAccount!.name, order.mailAccount!.password);
    const admin = `/mail-admin/${order.contractNumber}`;
    expect((await mail.get(admin)).statusCode).toBe(200);
    const owner = await customerOn(a, order, order.customerPassword!);
    await owner.get('/support/tickets/new');
    const opened = await owner.post('/support/tickets', { category: 'admin_password', link: `contract:${order.contractNumber}`, subject: 'Neues Administrationspasswort', body: 'Bitte ein neues Passwort.' });
    expect(opened.statusCode).toBe(303);
    const ticket = await db().selectFrom('supportTickets').select('id').where('number', '=', opened.headers.location!.split('/').pop()!).executeTakeFirstOrThrow();
    const agent = await staffOn(a, await staffUser(a, 'agent'));
    await agent.get(`/staff/tickets/${ticket.id}`);
    expect((await agent.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(303);
    const next = await mail.get(admin);
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe('/mail-admin');
    expect((await mail.get('/mail-admin')).body).toContain('Sie wurden abgemeldet, weil das Passwort dieses Postfachs geändert wurde.');
    const [ended] = await endings(`mail-account:${order.mailAccount!.name}`);
    expect(detailsOf(ended!)).toEqual({ credential: 'password', sessions: 1, keptOwn: false });
    expect(ended!.actor).toMatch(/^staff:\d+$/);
  });

  it('ends a mailbox user’s session when the administration sets a new password for that mailbox', async () => {
    const order = await orderFor(a);
    const { contractId, domainId, owner } = await mailContract(order);
    const created = await createMailAccount(db(), contractId, { quotaMb: 500, localPart: 'kasse', domainId, password: { mode: 'set', password: STRONG, passwordRepeat: STRONG } }, owner, a.clock.now);
    const mailbox = await mailLoginOn(a, created.account.name, STRONG);
    expect((await mailbox.get('/mail-admin/postfach')).statusCode).toBe(200);
    const admin = await mailLoginOn(b, order.mailAccount!.name, order.mailAccount!.password);
    const url = `/mail-admin/${order.contractNumber}/accounts/${created.account.id}`;
    await admin.get(url);
    expect((await admin.post(`${url}/password`, { mode: 'generate', password: '', passwordRepeat: '' })).statusCode).toBe(200);

    const hash = (await db().selectFrom('mailAccounts').select('passwordHash').where('id', '=', created.account.id).executeTakeFirstOrThrow()).passwordHash;
    const stale = await mailbox.post('/mail-admin/postfach/password', { currentPassword: STRONG, password: 'Eigenes-Passwort-Sturmflut-55', passwordRepeat: 'Eigenes-Passwort-Sturmflut-55' });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/mail-admin');
    expect((await db().selectFrom('mailAccounts').select('passwordHash').where('id', '=', created.account.id).executeTakeFirstOrThrow()).passwordHash).toBe(hash);
    expect((await mailbox.get('/mail-admin')).body).toContain('Sie wurden abgemeldet, weil das Passwort dieses Postfachs geändert wurde.');
    expect((await mailbox.get('/mail-admin/postfach')).statusCode).toBe(303);
    // The administrator changed another account's password: their own login goes on.
    expect((await admin.get(`/mail-admin/${order.contractNumber}`)).statusCode).toBe(200);
    expect(detailsOf((await endings(`mail-account:${created.account.name}`))[0]!)).toEqual({ credential: 'password', sessions: 1, keptOwn: false });
    expect(decode((await admin.get(url)).body)).toContain('Andere Sitzungen wurden beendet (1), weil das Passwort geändert wurde');
  });

  it('keeps the mail login that changed its own password and ends the account’s other logins', async () => {
    const order = await orderFor(a);
    const { contractId, domainId, owner } = await mailContract(order);
    const created = await createMailAccount(db(), contractId, { quotaMb: 500, localPart: 'buero', domainId, password: { mode: 'set', password: STRONG, passwordRepeat: STRONG } }, owner, a.clock.now);
    const own = await mailLoginOn(a, created.account.name, STRONG);
    const other = await mailLoginOn(b, created.account.name, STRONG);
    await own.get('/mail-admin/postfach');
    const changed = await own.post('/mail-admin/postfach/password', { currentPassword: STRONG, password: 'Eigenes-Passwort-Sturmflut-55', passwordRepeat: 'Eigenes-Passwort-Sturmflut-55' });
    expect(changed.statusCode).toBe(200);
    const ownPage = await own.get('/mail-admin/postfach');
    expect(ownPage.statusCode).toBe(200);
    expect(decode(ownPage.body)).toContain('Andere Sitzungen wurden beendet (1), weil das Passwort geändert wurde');
    expect((await other.get('/mail-admin/postfach')).statusCode).toBe(303);
    expect(detailsOf((await endings(`mail-account:${created.account.name}`))[0]!)).toEqual({ credential: 'password', sessions: 1, keptOwn: true });

    // The same for .001 changing its own password in the administration.
    const adminOwn = await mailLoginOn(b, order.mailAccount!.name, order.mailAccount!.password);
    const adminOther = await mailLoginOn(a, order.mailAccount!.name, order.mailAccount!.password);
    const account = await db().selectFrom('mailAccounts').select('id').where('name', '=', order.mailAccount!.name).executeTakeFirstOrThrow();
    const url = `/mail-admin/${order.contractNumber}/accounts/${account.id}`;
    await adminOwn.get(url);
    expect((await adminOwn.post(`${url}/password`, { mode: 'set', password: STRONG, passwordRepeat: STRONG })).statusCode).toBe(200);
    expect((await adminOwn.get(`/mail-admin/${order.contractNumber}`)).statusCode).toBe(200);
    expect((await adminOther.get(`/mail-admin/${order.contractNumber}`)).statusCode).toBe(303);
  });

  it('lets a customer session that also holds a stale mail login go to the login page, not on under single sign-on', async () => {
    const order = await orderFor(a);
    // A customer whose credentials changed before: the mail login must not lose what the customer login recorded.
    await db().updateTable('customers').set({ credentialGeneration: 2 }).where('customerNumber', '=', order.customerNumber).execute();
    const client = await customerOn(a, order, order.customerPassword!);
    await client.get('/mail-admin');
    expect((await client.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password })).statusCode).toBe(303);
    expect((await client.get('/domains')).statusCode).toBe(200);
    const owner = await customerOn(b, order, order.customerPassword!);
    await owner.get('/support/admin-password');
    await owner.post('/support/admin-password', { contract: order.contractNumber, password: order.customerPassword! });
    const res = await client.get(`/mail-admin/${order.contractNumber}`);
    expect(res.headers.location).toBe('/mail-admin');
    // The customer login itself was not touched: single sign-on works on the next visit.
    expect((await client.get(`/mail-admin/${order.contractNumber}`)).statusCode).toBe(200);
  });

  it('ends the login of a mailbox that the administration deletes', async () => {
    const order = await orderFor(a);
    const { contractId, domainId, owner } = await mailContract(order);
    const created = await createMailAccount(db(), contractId, { quotaMb: 500, localPart: 'weg', domainId, password: { mode: 'set', password: STRONG, passwordRepeat: STRONG } }, owner, a.clock.now);
    const mailbox = await mailLoginOn(a, created.account.name, STRONG);
    expect((await mailbox.get('/mail-admin/postfach')).statusCode).toBe(200);
    const admin = await mailLoginOn(b, order.mailAccount!.name, order.mailAccount!.password);
    const url = `/mail-admin/${order.contractNumber}/accounts/${created.account.id}/delete`;
    await admin.get(url);
    expect((await admin.post(url, {})).statusCode).toBe(303);
    const stale = await mailbox.post('/mail-admin/postfach/password', { currentPassword: STRONG, password: 'Eigenes-Passwort-Sturmflut-55', passwordRepeat: 'Eigenes-Passwort-Sturmflut-55' });
    expect(stale.headers.location).toBe('/mail-admin');
    expect((await mailbox.get('/mail-admin')).body).toContain('Sie sind von der E-Mail-Administration abgemeldet.');
  });

  it('treats sessions opened before generations existed as generation 0', async () => {
    const order = await orderFor(a);
    const client = await customerOn(a, order, order.customerPassword!);
    const customerId = await idOf(order.customerNumber);
    const row = await db().selectFrom('sessions').select(['idHash', 'data']).where('subject', '=', `customer:${customerId}`).executeTakeFirstOrThrow();
    const { generation: _generation, ...older } = JSON.parse(row.data);
    await db().updateTable('sessions').set({ data: JSON.stringify(older), generation: null }).where('idHash', '=', row.idHash).execute();
    expect((await client.get('/domains')).statusCode).toBe(200);
    await db().updateTable('customers').set({ credentialGeneration: 1 }).where('id', '=', customerId).execute();
    expect((await client.get('/domains')).statusCode).toBe(303);
  });
});
