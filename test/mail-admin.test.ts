import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { createTariff } from '../src/features/contracts/index.ts';
import { findAdminAccount, setMailAccountPassword } from '../src/features/mail/index.ts';
import { addForwarder, createMailAccount } from '../src/features/mail/mail-admin.service.ts';
import { hashMailPassword, verifyPassword } from '../src/platform/crypto.ts';

const STRONG = 'Kaffeetasse-Wolkenkratzer-93';
const STRONG_2 = 'Leuchtturm+Gießkanne+417';
const parseXml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  return new XMLParser({ ignoreAttributes: false }).parse(text);
};

describe.each(DIALECTS)('E-Mail Administration (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { MAIL_IMAP_HOST: 'imap.hostdesk.test', MAIL_IMAP_PORT: '993', MAIL_POP3_HOST: 'pop.hostdesk.test', MAIL_POP3_PORT: '995', MAIL_SMTP_HOST: 'smtp.hostdesk.test', MAIL_SMTP_PORT: '587' });
    await createTariff(t.db, { code: 'mail-xs', name: 'Mail XS', panel: 'mailadmin', pleskVersion: null, mailAccountLimit: 2, mailQuotaMb: 500 }, t.clock.now);
  });
  afterAll(() => t.close());

  /** An order and its owner logged into the customer area (master data confirmed). */
  async function customerWithOrder(tariff = 'mail-s') {
    const order = await orderFor(t, { tariff });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    return { order, client, contractId: contract.id, domainId: domain.id, admin: `/mail-admin/${order.contractNumber}` };
  }

  const accountsOf = (contractId: number) => t.db.selectFrom('mailAccounts').selectAll().where('contractId', '=', contractId).orderBy('name').execute();
  const addressesOf = (contractId: number) => t.db.selectFrom('mailAddresses').selectAll().where('contractId', '=', contractId).execute();

  it('opens from the Domainverwaltung by single sign-on, without a second password', async () => {
    const { order, client, admin } = await customerWithOrder();
    const domains = await client.get('/domains');
    expect(domains.body).toContain(`href="${admin}"`);
    expect(domains.body).toContain(`href="/contracts/${order.contractNumber}/zugangsdaten"`);
    const page = await client.get(admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`E-Mail-Administration für Vertrag ${order.contractNumber}`);
    expect(page.body).toContain(`<code>${order.mailAccount!.name}</code>`);
    expect(page.body).toContain('1 von 10 Postfächern belegt');
    expect(page.body).toContain('src="/assets/mail-password.js"');

    const anonymous = new Client(t.app);
    const redirect = await anonymous.get(admin);
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/mail-admin?next=${encodeURIComponent(admin)}`);
  });

  it('logs the administrator in with .001 and its password, by account name or address', async () => {
    const { order, client, admin, domainId, contractId } = await customerWithOrder();
    await client.get(admin);
    const added = await client.post(`${admin}/accounts/${(await findAdminAccount(t.db, contractId))!.id}/addresses`, { localPart: 'chefin', domainId: String(domainId) });
    expect(added.statusCode).toBe(303);

    const c = new Client(t.app);
    await c.get('/mail-admin');
    const wrong = await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: 'falsch' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Anmeldung fehlgeschlagen');
    expect(wrong.body).toContain(`value="${order.mailAccount!.name}"`);
    const ok = await c.post('/mail-admin/login', { login: `Chefin@${order.domains[0]}`, password: order.mailAccount!.password, next: admin });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(admin);
    const page = await c.get(admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Angemeldet als ${order.mailAccount!.name}`);
    expect((await c.get(`/contracts/${order.contractNumber}/zugangsdaten`)).body).toContain(`<code>chefin@${order.domains[0]}</code>`);
    // Another contract, guessed by number: the same 404 as a missing one.
    const other = await orderFor(t);
    expect((await c.get(`/mail-admin/${other.contractNumber}`)).statusCode).toBe(404);
    await c.post('/mail-admin/logout', {});
    expect((await c.get(admin)).statusCode).toBe(303);
  });

  it('ends an idle mail login on its own, while the customer-area login in the same browser stays', async () => {
    const { order, client, admin } = await customerWithOrder();
    await client.get('/mail-admin');
    const login = await client.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password });
    expect(login.headers.location).toBe(admin);
    expect((await client.get('/mail-admin')).headers.location).toBe(admin);
    // Forty minutes in the customer area and none on a mail page: past the mail login's idle limit only.
    for (let i = 0; i < 2; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 20 * 60_000);
      expect((await client.get('/domains')).statusCode).toBe(200);
    }
    const loginPage = await client.get('/mail-admin');
    expect(loginPage.statusCode).toBe(200);
    expect(loginPage.body).toContain('name="password"');
    const page = await client.get(admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`Angemeldet als ${order.mailAccount!.name}`);
    expect(page.body).toContain(`Sie verwalten Vertrag ${order.contractNumber}`);
  });

  it('locks the guessing address out of a login name after five failed attempts, even for the right password, but not the name itself', async () => {
    const order = await orderFor(t);
    const c = new Client(t.app, '10.44.0.1');
    await c.get('/mail-admin');
    for (let i = 0; i < 5; i++) expect((await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: `falsch-${i}` })).statusCode).toBe(401);
    const locked = await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    // The administrator elsewhere is not locked out.
    const owner = new Client(t.app, '10.44.0.2');
    await owner.get('/mail-admin');
    expect((await owner.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password })).statusCode).toBe(303);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password })).statusCode).toBe(303);
    const events = await t.db.selectFrom('auditEvents').select('details').where('event', '=', 'mail.login_failed').execute();
    expect(JSON.stringify(events)).not.toContain('falsch-');
  });

  it('creates accounts <contract>.NNN with a generated password shown once, within the tariff limit', async () => {
    const { order, client, admin, contractId, domainId } = await customerWithOrder('mail-xs');
    await client.get(admin);
    const created = await client.post(`${admin}/accounts`, { quotaMb: '300', localPart: 'Anna.Berg', domainId: String(domainId), mode: 'generate', password: '', passwordRepeat: '' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const shown = /class="secret-value">([^<]+)</.exec(created.body)![1]!;
    const accounts = await accountsOf(contractId);
    expect(accounts.map((a) => a.name)).toEqual([`${order.contractNumber}.001`, `${order.contractNumber}.002`]);
    const account = accounts[1]!;
    expect(account).toMatchObject({ quotaMb: 300, active: 1, imap: 1, pop3: 1, smtp: 1 });
    expect(account.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$/);
    expect(await verifyPassword(account.passwordHash, shown.replace(/&amp;/g, '&'))).toBe(true);
    expect((await addressesOf(contractId)).map((a) => a.address)).toEqual([`anna.berg@${order.domains[0]}`]);
    // Shown once: the account page never shows it again.
    expect((await client.get(`${admin}/accounts/${account.id}`)).body).not.toContain(shown);

    // The limit (2) is reached: a clear message, nothing written.
    await client.get(admin);
    const over = await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: 'drei', domainId: String(domainId), mode: 'generate' });
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('höchstens 2 Postfächer');
    expect(await accountsOf(contractId)).toHaveLength(2);
    expect(await addressesOf(contractId)).toHaveLength(1);
  });

  it('refuses bad input with a message on the same form and writes nothing', async () => {
    const { order, client, admin, contractId, domainId } = await customerWithOrder();
    const stranger = await customerWithOrder();
    // The same customer's other contract: its domain is not this contract's either.
    const sibling = await orderFor(t, { tariff: 'mail-s', customerNumber: order.customerNumber, email: `info@${order.domains[0]}` });
    const siblingDomain = await t.db.selectFrom('domains').innerJoin('contracts', 'contracts.id', 'domains.contractId').select('domains.id').where('contracts.contractNumber', '=', sibling.contractNumber).executeTakeFirstOrThrow();
    await client.get(admin);
    const cases: [Record<string, string>, number, string, string][] = [
      [{ quotaMb: '100', localPart: '-bad-', domainId: String(domainId), mode: 'generate' }, 422, 'Bitte nur Kleinbuchstaben', 'value="-bad-"'],
      [{ quotaMb: '100', localPart: 'a..b', domainId: String(domainId), mode: 'generate' }, 422, 'Bitte nur Kleinbuchstaben', 'value="a..b"'],
      [{ quotaMb: '100', localPart: 'fremd', domainId: String(stranger.domainId), mode: 'generate' }, 422, 'Diese Domain gehört nicht zu diesem Vertrag.', 'value="fremd"'],
      [{ quotaMb: '100', localPart: 'nachbar', domainId: String(siblingDomain.id), mode: 'generate' }, 422, 'Diese Domain gehört nicht zu diesem Vertrag.', 'value="nachbar"'],
      [{ quotaMb: '999999', localPart: 'gross', domainId: String(domainId), mode: 'generate' }, 422, 'zwischen 1 und 2048 MB', 'value="999999"'],
      [{ quotaMb: 'viel', localPart: 'gross', domainId: String(domainId), mode: 'generate' }, 422, 'zwischen 1 und 2048 MB', 'value="viel"'],
      [{ quotaMb: '100', localPart: 'schwach', domainId: String(domainId), mode: 'set', password: 'passwort123', passwordRepeat: 'passwort123' }, 422, 'zu leicht zu erraten', 'value="schwach"'],
      [{ quotaMb: '100', localPart: 'anders', domainId: String(domainId), mode: 'set', password: STRONG, passwordRepeat: `${STRONG}x` }, 422, 'stimmen nicht überein', 'value="anders"'],
    ];
    for (const [form, status, message, kept] of cases) {
      const res = await client.post(`${admin}/accounts`, form);
      expect(res.statusCode, JSON.stringify(form)).toBe(status);
      expect(res.body).toContain(message);
      expect(res.body).toContain(kept);
      expect(res.body).not.toContain(STRONG);
    }
    // A duplicate address: taken by the first account already.
    const adminAccount = (await findAdminAccount(t.db, contractId))!;
    expect((await client.post(`${admin}/accounts/${adminAccount.id}/addresses`, { localPart: 'info', domainId: String(domainId) })).statusCode).toBe(303);
    const dup = await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: 'INFO', domainId: String(domainId), mode: 'generate' });
    expect(dup.statusCode).toBe(422);
    // An alias without its part before the @ says so (not "only lower-case letters").
    const empty = await client.post(`${admin}/accounts/${adminAccount.id}/addresses`, { localPart: '  ', domainId: String(domainId) });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte den Teil der Adresse vor dem @ angeben.');
    expect(empty.body).not.toContain('Bitte nur Kleinbuchstaben');
    expect(dup.body).toContain(`Die Adresse info@${order.domains[0]} ist bereits vergeben.`);
    const dupForward = await client.post(`${admin}/forwarders`, { localPart: 'info', domainId: String(domainId), targets: 'x@example.org' });
    expect(dupForward.statusCode).toBe(422);
    const badTarget = await client.post(`${admin}/forwarders`, { localPart: 'team', domainId: String(domainId), targets: 'gut@example.org, kein-at-zeichen' });
    expect(badTarget.statusCode).toBe(422);
    expect(badTarget.body).toContain('„kein-at-zeichen“ ist keine gültige E-Mail-Adresse.');
    expect(badTarget.body).toContain('gut@example.org, kein-at-zeichen');

    expect(await accountsOf(contractId)).toHaveLength(1);
    expect((await addressesOf(contractId)).map((a) => a.address)).toEqual([`info@${order.domains[0]}`]);
    expect(await t.db.selectFrom('mailForwardTargets').selectAll().execute()).not.toContainEqual(expect.objectContaining({ target: 'gut@example.org' }));
  });

  it("never lets one customer see or change another's accounts, addresses or credentials (ID guessing)", async () => {
    const a = await customerWithOrder();
    const b = await customerWithOrder();
    await a.client.get(a.admin);
    const forwarder = await a.client.post(`${a.admin}/forwarders`, { localPart: 'team', domainId: String(a.domainId), targets: 'x@example.org' });
    expect(forwarder.statusCode).toBe(303);
    const aAccount = (await findAdminAccount(t.db, a.contractId))!;
    const aAddress = (await addressesOf(a.contractId))[0]!;
    await b.client.get(b.admin);
    const attempts: [string, string, Record<string, string>?][] = [
      ['GET', a.admin],
      ['GET', `/contracts/${a.order.contractNumber}/zugangsdaten`],
      ['GET', `/contracts/${a.order.contractNumber}/zugangsdaten/${aAccount.id}/apple.mobileconfig`],
      ['GET', `${b.admin}/accounts/${aAccount.id}`],
      ['POST', `${b.admin}/accounts/${aAccount.id}/password`, { mode: 'generate' }],
      ['POST', `${b.admin}/accounts/${aAccount.id}/settings`, { quotaMb: '1', active: '1' }],
      ['POST', `${b.admin}/accounts/${aAccount.id}/addresses`, { localPart: 'x', domainId: String(b.domainId) }],
      ['POST', `${b.admin}/accounts/${aAccount.id}/delete`, {}],
      ['POST', `${b.admin}/addresses/${aAddress.id}/delete`, {}],
      ['POST', `${b.admin}/addresses/${aAddress.id}/primary`, {}],
      ['POST', `${a.admin}/accounts/${aAccount.id}/password`, { mode: 'generate' }],
      ['POST', `${a.admin}/forwarders`, { localPart: 'y', domainId: String(a.domainId), targets: 'x@example.org' }],
    ];
    for (const [method, url, form] of attempts) {
      const res = method === 'GET' ? await b.client.get(url) : await b.client.post(url, form ?? {});
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await findAdminAccount(t.db, a.contractId))!.passwordChangedAt).toBe(aAccount.passwordChangedAt);
    expect(await addressesOf(a.contractId)).toHaveLength(1);
  });

  it("refuses a mailbox quota above the tariff's limit, zero, negative, huge or not a number on the settings form; a valid one is audited and reaches Dovecot's queue", async () => {
    const { client, admin, contractId } = await customerWithOrder('mail-xs');
    const first = (await findAdminAccount(t.db, contractId))!;
    const page = `${admin}/accounts/${first.id}`;
    await client.get(page);
    for (const quotaMb of ['501', '0', '-5', '99999999999', '1e3', '2.5', '', 'viel']) {
      const res = await client.post(`${page}/settings`, { quotaMb, active: '1', imap: '1', pop3: '1', smtp: '1' });
      expect(res.statusCode, quotaMb).toBe(422);
      expect(res.body, quotaMb).toContain('Bitte eine ganze Zahl zwischen 1 und 500 MB angeben.');
      if (quotaMb) expect(res.body, quotaMb).toContain(`value="${quotaMb}"`);
    }
    expect((await findAdminAccount(t.db, contractId))!.quotaMb).toBe(500);

    expect((await client.post(`${page}/settings`, { quotaMb: '250', active: '1', imap: '1', pop3: '1', smtp: '1' })).statusCode).toBe(303);
    expect((await findAdminAccount(t.db, contractId))!.quotaMb).toBe(250);
    const audit = await t.db.selectFrom('auditEvents').select(['event', 'details']).where('subject', '=', `mail-account:${first.name}`).where('event', '=', 'mail.account_changed').execute();
    expect(audit.map((row) => JSON.parse(row.details).quotaMb)).toEqual([250]);
    // That it reaches Dovecot at once (auth cache flushed) is test/mail-quota.test.ts's, against a real Dovecot.
  });

  it('shows the usage Dovecot reported as text and bar on the mailbox pages, with the sum for the contract and for staff', async () => {
    const { order, client, admin, contractId } = await customerWithOrder();
    const first = (await findAdminAccount(t.db, contractId))!;
    // What Dovecot's quota_clone writes: bytes and messages under the account name.
    await t.db.insertInto('mailQuotaUsage').values({ accountName: first.name, bytes: Math.round(1.2 * 1024 * 1024), messages: 7 }).execute();
    const account = await client.get(`${admin}/accounts/${first.id}`);
    expect(account.body).toContain('1,2 MB von 2.048 MB belegt');
    expect(account.body).toMatch(/<meter[^>]*value="0"/);
    expect((await client.get(admin)).body).toContain('Alle Postfächer zusammen: 1,2 MB belegt, 2.048 MB zugeteilt.');
    await t.db.updateTable('mailQuotaUsage').set({ bytes: 1900 * 1024 * 1024 }).where('accountName', '=', first.name).execute();
    const warned = (await client.get(`${admin}/accounts/${first.id}`)).body;
    expect(warned).toContain('1.900,0 MB von 2.048 MB belegt');
    expect(warned).toMatch(/<meter[^>]*value="92"/);
    expect(warned).toContain('zu mehr als 80 % belegt');
    // Staff see it on the customer at a glance.
    const staff = await staffUser(t, 'agent');
    const agent = new Client(t.app);
    await agent.loginStaff(staff.login, staff.password);
    expect((await agent.get(`/staff/customers/${order.customerNumber}`)).body).toContain('1.900,0 von 2.048 MB');
  });

  it('mails each usage warning once: 80 %, then 95 %; none for a mailbox without an address; again after usage fell below 80 %', async () => {
    const { client, admin, contractId, domainId } = await customerWithOrder();
    await client.get(admin);
    const created = await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: 'warnung', domainId: String(domainId), mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(created.statusCode).toBe(303);
    const accounts = await accountsOf(contractId);
    const [bare, warned] = [accounts[0]!, accounts[1]!];
    const address = (await addressesOf(contractId)).find((a) => a.accountId === warned.id)!.address;
    const setUsage = (name: string, mb: number) =>
      t.db.insertInto('mailQuotaUsage').values({ accountName: name, bytes: mb * 1024 * 1024, messages: 1 }).onConflict((oc) => oc.column('accountName').doUpdateSet({ bytes: mb * 1024 * 1024 })).execute();
    const mailsTo = () => t.mailer.sent.filter((mail) => mail.to === address);
    const round = () => t.app.quotaWarnings.checkNow();
    await round(); // what other tests of this suite left due

    await setUsage(warned.name, 79);
    await setUsage(bare.name, 2047); // .001 has no address: its page warns, nobody is mailed
    expect(await round()).toEqual({ warned: 1, cleared: 0 });
    expect(mailsTo()).toEqual([]);
    await setUsage(warned.name, 81);
    expect(await round()).toEqual({ warned: 1, cleared: 0 });
    expect(await round()).toEqual({ warned: 0, cleared: 0 });
    await setUsage(warned.name, 96);
    expect(await round()).toEqual({ warned: 1, cleared: 0 });
    expect(mailsTo().map((mail) => mail.subject)).toEqual([
      `Ihr Postfach ${warned.name} ist zu 80 % belegt / Your mailbox ${warned.name} is 80 % full`,
      `Ihr Postfach ${warned.name} ist zu 95 % belegt / Your mailbox ${warned.name} is 95 % full`,
    ]);
    expect(mailsTo()[1]!.text).toContain('96,0 MB von 100 MB');
    // Room made: the state clears, and the next crossing warns again.
    await setUsage(warned.name, 50);
    expect(await round()).toEqual({ warned: 0, cleared: 1 });
    await setUsage(warned.name, 85);
    expect(await round()).toEqual({ warned: 1, cleared: 0 });
    expect(mailsTo()).toHaveLength(3);
    expect((await client.get(`${admin}/accounts/${warned.id}`)).body).toContain('Eine Warnung ging am');
  });

  it('asks the same policy in the services, so a caller that skips the routes cannot skip the rule', async () => {
    const a = await customerWithOrder();
    const b = await customerWithOrder();
    const stranger = { actor: { kind: 'customer' as const, customerId: (await t.db.selectFrom('customers').select('id').where('customerNumber', '=', b.order.customerNumber).executeTakeFirstOrThrow()).id }, ip: null };
    const agent = { actor: { kind: 'staff' as const, staffId: 1, role: 'admin' as const }, ip: null };
    const input = { quotaMb: 100, localPart: '', domainId: null, password: { mode: 'generate' as const, password: '', passwordRepeat: '' } };
    for (const by of [stranger, agent]) {
      await expect(createMailAccount(t.db, a.contractId, input, by, t.clock.now)).rejects.toMatchObject({ code: 'not_found' });
      await expect(addForwarder(t.db, a.contractId, { localPart: 'x', domainId: a.domainId, targets: 'x@example.org' }, by, t.clock.now)).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(await accountsOf(a.contractId)).toHaveLength(1);
    expect(await addressesOf(a.contractId)).toHaveLength(0);
  });

  it("changes .001's password, says it is the administration password, and the login follows", async () => {
    const { order, client, admin, contractId } = await customerWithOrder();
    const account = (await findAdminAccount(t.db, contractId))!;
    const page = await client.get(`${admin}/accounts/${account.id}`);
    expect(page.body).toContain('zugleich das Passwort der E-Mail-Administration');
    expect(page.body).toContain('data-strength');
    const res = await client.post(`${admin}/accounts/${account.id}/password`, { mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('auch Ihr neues Passwort für die E-Mail-Administration');
    const c = new Client(t.app);
    await c.get('/mail-admin');
    expect((await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: order.mailAccount!.password })).statusCode).toBe(401);
    expect((await c.post('/mail-admin/login', { login: order.mailAccount!.name, password: STRONG })).statusCode).toBe(303);
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('subject', '=', `mail-account:${order.mailAccount!.name}`).execute();
    expect(audit.map((e) => e.event)).toContain('mail.password_changed');
    expect(JSON.stringify(audit)).not.toContain(STRONG);
  });

  it('lets a mailbox user change only their own password', async () => {
    const { order, client, admin, contractId, domainId } = await customerWithOrder();
    await client.get(admin);
    await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: 'bea', domainId: String(domainId), mode: 'set', password: STRONG, passwordRepeat: STRONG });
    const user = new Client(t.app);
    await user.get('/mail-admin');
    const login = await user.post('/mail-admin/login', { login: `bea@${order.domains[0]}`, password: STRONG });
    expect(login.headers.location).toBe('/mail-admin/postfach');
    const self = await user.get('/mail-admin/postfach');
    expect(self.body).toContain(`${order.contractNumber}.002`);
    expect(self.body).toContain('imap.hostdesk.test');
    expect((await user.get(admin)).statusCode).toBe(404);
    expect((await user.get(`/contracts/${order.contractNumber}/zugangsdaten`)).statusCode).toBe(404);
    const wrong = await user.post('/mail-admin/postfach/password', { currentPassword: 'nope', password: STRONG_2, passwordRepeat: STRONG_2 });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das bisherige Passwort stimmt nicht.');
    const weak = await user.post('/mail-admin/postfach/password', { currentPassword: STRONG, password: 'bea12345678', passwordRepeat: 'bea12345678' });
    expect(weak.statusCode).toBe(422);
    const ok = await user.post('/mail-admin/postfach/password', { currentPassword: STRONG, password: STRONG_2, passwordRepeat: STRONG_2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('gilt ab sofort für IMAP, POP3 und SMTP');
    const accounts = await accountsOf(contractId);
    expect(await verifyPassword(accounts[1]!.passwordHash, STRONG_2)).toBe(true);
    expect(await verifyPassword(accounts[0]!.passwordHash, order.mailAccount!.password)).toBe(true);
  });

  it('keeps .001 active and undeletable, confirms before deleting, and never reuses a number', async () => {
    const { order, client, admin, contractId } = await customerWithOrder();
    const first = (await findAdminAccount(t.db, contractId))!;
    await client.get(admin);
    const off = await client.post(`${admin}/accounts/${first.id}/settings`, { quotaMb: '100', imap: '1' });
    expect(off.statusCode).toBe(422);
    expect(off.body).toContain('kann nicht deaktiviert werden');
    expect((await client.post(`${admin}/accounts/${first.id}/delete`, {})).statusCode).toBe(409);
    await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: '', domainId: '', mode: 'generate' });
    const second = (await accountsOf(contractId))[1]!;
    const confirm = await client.get(`${admin}/accounts/${second.id}/delete`);
    expect(confirm.body).toContain(`Postfach ${second.name} löschen?`);
    expect(await accountsOf(contractId)).toHaveLength(2);
    expect((await client.post(`${admin}/accounts/${second.id}/delete`, {})).statusCode).toBe(303);
    await client.get(admin);
    await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: '', domainId: '', mode: 'generate' });
    expect((await accountsOf(contractId)).map((a) => a.name)).toEqual([`${order.contractNumber}.001`, `${order.contractNumber}.003`]);
  });

  it('shows the Zugangsdaten of every mailbox in one screen, without any password', async () => {
    const { order, client, admin, contractId, domainId } = await customerWithOrder();
    await client.get(admin);
    const account = (await findAdminAccount(t.db, contractId))!;
    await client.post(`${admin}/accounts/${account.id}/addresses`, { localPart: 'kontakt', domainId: String(domainId) });
    const page = await client.get(`/contracts/${order.contractNumber}/zugangsdaten`);
    expect(page.statusCode).toBe(200);
    for (const text of [`<code>${order.mailAccount!.name}</code>`, `<code>kontakt@${order.domains[0]}</code>`, 'imap.hostdesk.test', '>993<', 'pop.hostdesk.test', '>995<', 'smtp.hostdesk.test', '>587<', 'SSL/TLS', 'STARTTLS', 'SupportCenter', `_imaps._tcp.${order.domains[0]}.`, `autoconfig.${order.domains[0]}.`]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).not.toContain(order.mailAccount!.password);

    const plain = await client.get(`/contracts/${order.contractNumber}/zugangsdaten/${account.id}/apple.mobileconfig`);
    expect(plain.headers['content-type']).toContain('application/x-apple-aspen-config');
    const profile = parseXml(plain.body);
    expect(plain.body).toContain('<string>imap.hostdesk.test</string>');
    expect(plain.body).toContain(`<string>${order.mailAccount!.name}</string>`);
    expect(plain.body).not.toContain('<key>IncomingPassword</key>');
    expect(profile.plist).toBeTruthy();
    const wrong = await client.post(`/contracts/${order.contractNumber}/zugangsdaten/${account.id}/apple.mobileconfig`, { password: 'falsch' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das Passwort stimmt nicht');
    const withPassword = await client.post(`/contracts/${order.contractNumber}/zugangsdaten/${account.id}/apple.mobileconfig`, { password: order.mailAccount!.password });
    expect(withPassword.body).toContain('<key>IncomingPassword</key>');
    parseXml(withPassword.body);
  });

  it('answers autoconfig and autodiscover with the configured servers, the same for unknown addresses', async () => {
    const { order, client, admin, contractId, domainId } = await customerWithOrder();
    await client.get(admin);
    await client.post(`${admin}/accounts/${(await findAdminAccount(t.db, contractId))!.id}/addresses`, { localPart: 'da', domainId: String(domainId) });
    const anon = new Client(t.app);
    const known = await anon.get(`/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(`da@${order.domains[0]}`)}`);
    const unknown = await anon.get(`/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(`gibtsnicht@${order.domains[0]}`)}`);
    expect(known.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    const cfg = parseXml(known.body).clientConfig.emailProvider;
    expect(cfg.incomingServer.map((s: any) => [s['@_type'], s.hostname, s.port, s.socketType, s.username])).toEqual([
      ['imap', 'imap.hostdesk.test', 993, 'SSL', '%EMAILADDRESS%'],
      ['pop3', 'pop.hostdesk.test', 995, 'SSL', '%EMAILADDRESS%'],
    ]);
    expect([cfg.outgoingServer.hostname, cfg.outgoingServer.port, cfg.outgoingServer.socketType]).toEqual(['smtp.hostdesk.test', 587, 'STARTTLS']);
    expect((await anon.get('/mail/config-v1.1.xml')).statusCode).toBe(200);
    parseXml((await anon.get('/mail/config-v1.1.xml?emailaddress=%3Cscript%3E')).body);

    const request = `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>da@${order.domains[0]}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
    const ad = await t.app.inject({ method: 'POST', url: '/autodiscover/autodiscover.xml', headers: { 'content-type': 'text/xml' }, payload: request });
    expect(ad.statusCode).toBe(200);
    const protocols = parseXml(ad.body).Autodiscover.Response.Account.Protocol;
    expect(protocols.map((p: any) => [p.Type, p.Server, p.Port, p.Encryption, p.LoginName])).toEqual([
      ['IMAP', 'imap.hostdesk.test', 993, 'SSL', `da@${order.domains[0]}`],
      ['POP3', 'pop.hostdesk.test', 995, 'SSL', `da@${order.domains[0]}`],
      ['SMTP', 'smtp.hostdesk.test', 587, 'TLS', `da@${order.domains[0]}`],
    ]);
    const upper = await t.app.inject({ method: 'POST', url: '/Autodiscover/Autodiscover.xml', headers: { 'content-type': 'application/xml' }, payload: request.replace(`da@`, 'unbekannt@') });
    expect(upper.body.replaceAll('unbekannt@', 'da@')).toBe(ad.body);
    const json = await t.app.inject({ method: 'GET', url: `/autodiscover/autodiscover.json?Email=da@${order.domains[0]}&Protocol=AutodiscoverV1` });
    expect(json.json()).toEqual({ Protocol: 'AutodiscoverV1', Url: 'http://hostdesk.test/autodiscover/autodiscover.xml' });
  });

  it('serves the strength meter script and zxcvbn bundles from its own origin', async () => {
    const anon = new Client(t.app);
    const js = await anon.get('/assets/mail-password.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('/mail-admin/assets/zxcvbn/');
    for (const name of ['core.js', 'language-common.js', 'language-de.js']) {
      const res = await anon.get(`/mail-admin/assets/zxcvbn/${name}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('javascript');
    }
    expect((await anon.get('/mail-admin/assets/zxcvbn/..%2F..%2Fpackage.json')).statusCode).toBe(404);
  });

  it('offers the SupportCenter findAdminAccount and setMailAccountPassword in one transaction', async () => {
    const order = await orderFor(t);
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const account = (await findAdminAccount(t.db, contract.id))!;
    expect(account.name).toBe(order.mailAccount!.name);
    const hash = await hashMailPassword(STRONG);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await setMailAccountPassword(trx, account.id, hash, { actor: 'staff:1' }, null, t.clock.now);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const unchanged = await t.db.selectFrom('mailAccounts').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(unchanged.passwordHash, order.mailAccount!.password)).toBe(true);
    await t.db.transaction().execute((trx) => setMailAccountPassword(trx, account.id, hash, { actor: 'staff:1' }, null, t.clock.now));
    const changed = await t.db.selectFrom('mailAccounts').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(changed.passwordHash, STRONG)).toBe(true);
    await expect(setMailAccountPassword(t.db, account.id, STRONG, { actor: 'staff:1' }, null, t.clock.now)).rejects.toThrow();
  });
});
