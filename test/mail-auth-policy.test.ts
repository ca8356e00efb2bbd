import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser, uniqueDomain } from './support/factories.ts';
import { dovecotReporter } from './support/dovecot-policy.ts';
import { createMailAccount } from '../src/features/mail/mail-admin.service.ts';
import { mailLoginActivity, pruneMailLoginActivity, unknownNameFailures } from '../src/features/mail/index.ts';

const SECRET = 'policy-secret-0123456789-abcdefghijklmnop';
const URL_ = '/api/mail/dovecot-policy';
const PASSWORD = 'Tannenbaum-Laterne-Regen-91';

describe.each(DIALECTS)('Dovecot auth policy endpoint (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // A web rate limit of 40 per minute and address: the endpoint, asked far more often from 127.0.0.1, must not be under it.
    t = await buildTestApp(dialect, { MAIL_POLICY_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '40' });
    login = dovecotReporter(t.app, SECRET);
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (command: string, body: unknown, options: { secret?: string; ip?: string; raw?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `${URL_}?command=${command}`,
      headers: { 'content-type': 'application/json', ...(options.secret === '' ? {} : { authorization: `Bearer ${options.secret ?? SECRET}` }) },
      payload: options.raw ?? JSON.stringify(body),
      remoteAddress: options.ip ?? '127.0.0.1',
    });

  /** One login as Dovecot tells it: the question before the password check, then the report. */
  let login: ReturnType<typeof dovecotReporter>;

  async function mailbox(localPart = 'kasse') {
    const order = await orderFor(t, { tariff: 'mail-s', domains: [uniqueDomain('policy')] });
    const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const account = await createMailAccount(t.db, contract.id, { quotaMb: 100, localPart, domainId: domain.id, password: { mode: 'set', password: PASSWORD, passwordRepeat: PASSWORD } }, { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null }, t.clock.now);
    const row = await t.db.selectFrom('mailAccounts').select(['id', 'name']).where('id', '=', account.account.id).executeTakeFirstOrThrow();
    return { order, contractId: contract.id, domain: domain.nameAscii, account: row, address: `${localPart}@${domain.nameAscii}` };
  }

  async function stored() {
    const count = async (table: 'mailLoginFailures' | 'mailLoginSuccesses' | 'mailPolicyPending' | 'throttleAttempts' | 'loginFailureBursts' | 'knownLoginSources') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      failures: await count('mailLoginFailures'),
      successes: await count('mailLoginSuccesses'),
      pending: await count('mailPolicyPending'),
      attempts: await count('throttleAttempts'),
      bursts: await count('loginFailureBursts'),
      sources: await count('knownLoginSources'),
    };
  }

  it('stores successes per protocol (with TLS) and failures with their reasons, one line per burst', async () => {
    const m = await mailbox();
    expect(await login({ login: m.account.name, remote: '203.0.113.7', success: true, tls: true })).toBe(0);
    expect(await login({ login: m.address, remote: '198.51.100.4', protocol: 'smtp', success: true })).toBe(0);
    for (let i = 0; i < 3; i++) expect(await login({ login: m.address, remote: '127.0.0.9', protocol: 'pop3', success: false })).toBe(0);

    const activity = await mailLoginActivity(t.db, m.account.id);
    expect(activity.protocols.map((p) => [p.protocol, p.lastSuccess?.clientAddress ?? null, p.lastSuccess?.tls ?? null])).toEqual([
      ['imap', '203.0.113.7', true],
      ['pop3', null, null],
      ['smtp', '198.51.100.4', false],
    ]);
    expect(activity.failures).toMatchObject([{ protocol: 'pop3', clientAddress: '127.0.0.9', reason: 'password', failures: 3, login: m.address }]);
    expect(await t.db.selectFrom('mailPolicyPending').selectAll().execute()).toEqual([]);
  });

  it('shows the activity on the mailbox page in plain words, German and English, and to staff', async () => {
    const m = await mailbox('anzeige');
    await login({ login: m.account.name, remote: '203.0.113.7', success: true, tls: true });
    for (let i = 0; i < 3; i++) await login({ login: m.address, remote: '127.0.0.1', success: false });
    await login({ login: `alt@${m.domain}`, remote: '192.0.2.77', protocol: 'smtp', success: false });
    const owner = new Client(t.app, '10.88.0.1');
    await owner.loginCustomer(m.order.customerNumber, m.order.customerPassword!, { confirm: true });
    await owner.get(`/mail-admin/${m.order.contractNumber}`);
    const page = await owner.get(`/mail-admin/${m.order.contractNumber}/accounts/${m.account.id}`);
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, '');
    expect(text).toMatch(/IMAP: zuletzt erfolgreich am \d\d\.\d\d\.\d{4}, \d\d:\d\d von 203\.0\.113\.7 \(verschlüsselt\)/);
    expect(text).toContain('POP3: keine erfolgreiche Anmeldung gemeldet');
    expect(text).toMatch(/3 fehlgeschlagene Anmeldungen \(falsches Passwort\) über IMAP von 127\.0\.0\.1, zuletzt am \d\d\.\d\d\.\d{4}/);
    await owner.post('/language', { lang: 'en', next: '/' });
    const english = (await owner.get(`/mail-admin/${m.order.contractNumber}/accounts/${m.account.id}`)).body.replace(/<[^>]+>/g, '');
    expect(english).toMatch(/IMAP: last successful login on .+ from 203\.0\.113\.7 \(encrypted\)/);
    expect(english).toMatch(/3 failed logins \(wrong password\) over IMAP from 127\.0\.0\.1, last on/);

    // The mailbox user's own page.
    const user = new Client(t.app, '10.88.0.3');
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login: m.address, password: PASSWORD })).statusCode).toBe(303);
    const own = (await user.get('/mail-admin/postfach')).body.replace(/<[^>]+>/g, '');
    expect(own).toMatch(/IMAP: zuletzt erfolgreich am .+ von 203\.0\.113\.7 \(verschlüsselt\)/);
    expect(own).toMatch(/3 fehlgeschlagene Anmeldungen \(falsches Passwort\) über IMAP von 127\.0\.0\.1/);

    const staff = new Client(t.app, '10.88.0.2');
    const admin = await staffUser(t, 'agent');
    await staff.loginStaff(admin.login, admin.password);
    const view = (await staff.get(`/staff/customers/${m.order.customerNumber}`)).body.replace(/<[^>]+>/g, '');
    expect(view).toMatch(/IMAP: zuletzt erfolgreich am .+ von 203\.0\.113\.7 \(verschlüsselt\)/);
    expect(view).toMatch(new RegExp(`„alt@${m.domain.replace(/\./g, '\\.')}“: 1 fehlgeschlagene Anmeldung über SMTP von 192\\.0\\.2\\.77`));
  });

  it('tells deactivated accounts, protocols switched off and unknown names apart; unknown names only under a customer domain', async () => {
    const m = await mailbox('paul');
    await t.db.updateTable('mailAccounts').set({ pop3: 0 }).where('id', '=', m.account.id).execute();
    await login({ login: m.account.name, remote: '192.0.2.10', protocol: 'pop3', success: false });
    await login({ login: m.account.name, remote: '192.0.2.10', protocol: 'imap', success: false });
    await t.db.updateTable('mailAccounts').set({ active: 0 }).where('id', '=', m.account.id).execute();
    await login({ login: m.account.name, remote: '192.0.2.10', protocol: 'smtp', success: false });
    expect((await mailLoginActivity(t.db, m.account.id)).failures.map((f) => [f.protocol, f.reason]).sort()).toEqual([
      ['imap', 'password'],
      ['pop3', 'protocol'],
      ['smtp', 'inactive'],
    ]);

    await login({ login: `Tippfehler@${m.domain}`, remote: '192.0.2.11', success: false });
    await login({ login: `${m.order.contractNumber}.099`, remote: '192.0.2.11', success: false });
    expect((await unknownNameFailures(t.db, [m.contractId])).map((f) => [f.login, f.reason, f.contractId]).sort()).toEqual([
      [`${m.order.contractNumber}.099`, 'unknown', m.contractId],
      [`tippfehler@${m.domain}`, 'unknown', m.contractId],
    ]);
    const before = await stored();
    await login({ login: 'admin@nobody-has-this.example', remote: '192.0.2.12', success: false });
    await login({ login: 'root', remote: '192.0.2.12', success: false });
    expect((await stored()).failures).toBe(before.failures);
  });

  it('slows a guesser and then refuses him (status -1) while the known client keeps working, counted with the web logins', async () => {
    const m = await mailbox('chef');
    expect(await login({ login: m.address, remote: '203.0.113.50', success: true })).toBe(0);
    // Three wrong passwords at the web door, two over IMAP, from one address: the pair's budget of five is spent.
    const web = new Client(t.app, '198.51.100.66');
    await web.get('/mail-admin');
    for (let i = 0; i < 3; i++) expect((await web.post('/mail-admin/login', { login: m.address, password: 'falsch' })).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect(await login({ login: m.address, remote: '198.51.100.66', success: false })).toBe(0);
    expect(await login({ login: m.address, remote: '198.51.100.66', success: true })).toBe(-1);
    // The fifth failure of the burst (over IMAP) told the customer, once, as the web door would have.
    const notice = await t.mailer.waitForMail((mail) => mail.text.includes('198.51.100.66') && mail.subject.includes(m.account.name));
    expect(notice.to).toBe(`info@${m.domain}`);
    // The web door sees the same lockout.
    expect((await web.post('/mail-admin/login', { login: m.address, password: PASSWORD })).statusCode).toBe(429);

    // Guessing from many addresses: after the account's free attempts each new address waits its turn.
    const answers: number[] = [];
    for (let i = 1; i <= 14; i++) answers.push(await login({ login: m.address, remote: `192.0.2.${100 + i}`, success: false }));
    expect(answers.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(answers.slice(-3)).toEqual([-1, -1, -1]);
    // The owner's phone, from the address it logged in from before, gets in.
    expect(await login({ login: m.address, remote: '203.0.113.50', success: true })).toBe(0);
    const reasons = (await mailLoginActivity(t.db, m.account.id)).failures.map((f) => f.reason);
    expect(reasons).toContain('throttled');
    expect(reasons).toContain('password');
  });

  it('keeps at most 50 failure lines per account', async () => {
    const m = await mailbox('viel');
    for (let i = 0; i < 55; i++) {
      await send('report', { login: m.account.name, remote: `10.1.${Math.floor(i / 200)}.${i % 200}`, protocol: 'imap', session: `cap${i}`, pid: '1', rport: '1', tls: false, success: false, policy_reject: false });
    }
    expect((await mailLoginActivity(t.db, m.account.id)).failures).toHaveLength(50);
  });

  it('forgets activity older than MAIL_LOGIN_ACTIVITY_DAYS', async () => {
    const m = await mailbox('alt');
    await login({ login: m.account.name, remote: '192.0.2.90', success: true });
    await login({ login: m.account.name, remote: '192.0.2.91', success: false });
    await pruneMailLoginActivity(t.db, new Date(t.clock.now.getTime() + 89 * 86_400_000), 90);
    expect((await mailLoginActivity(t.db, m.account.id)).failures).toHaveLength(1);
    await pruneMailLoginActivity(t.db, new Date(t.clock.now.getTime() + 91 * 86_400_000), 90);
    const gone = await mailLoginActivity(t.db, m.account.id);
    expect([gone.failures, gone.protocols.map((p) => p.lastSuccess)]).toEqual([[], [null, null, null]]);
  });

  it('refuses a wrong secret, a wrong source, malformed bodies and floods, and stores nothing for them', async () => {
    const m = await mailbox('ziel');
    const attrs = { login: m.account.name, remote: '192.0.2.200', protocol: 'imap', session: 'x', pid: '1', rport: '2', tls: false, success: false, policy_reject: false };
    const before = await stored();
    expect((await send('report', attrs, { secret: 'policy-secret-0123456789-abcdefghijklmnoX', ip: '10.66.0.1' })).statusCode).toBe(401);
    expect((await send('report', attrs, { secret: '', ip: '10.66.0.1' })).statusCode).toBe(401);
    expect((await send('report', attrs, { raw: '{"login": "x", ', ip: '10.66.0.2' })).statusCode).toBe(400);
    expect((await send('report', { ...attrs, success: 'yes' }, { ip: '10.66.0.2' })).statusCode).toBe(400);
    expect((await send('report', { login: m.account.name }, { ip: '10.66.0.2' })).statusCode).toBe(400);
    expect((await send('report', { ...attrs, success: undefined }, { ip: '10.66.0.2' })).statusCode).toBe(400);
    expect((await send('delete', attrs, { ip: '10.66.0.2' })).statusCode).toBe(400);
    expect((await send('report', { ...attrs, login: 'x'.repeat(5000) }, { ip: '10.66.0.2' })).statusCode).toBe(413);
    // A flood without the secret: after the budget only 429s.
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await send('allow', attrs, { secret: `wrong-${i}-0123456789-0123456789-0123`, ip: '10.66.0.3' })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    expect(await stored()).toEqual(before);
    // The mail server itself is not held back by either budget.
    expect((await send('allow', attrs)).statusCode).toBe(200);
  });

  it('is not under the web rate limit', async () => {
    const codes = new Set<number>();
    for (let i = 0; i < 45; i++) codes.add((await send('allow', { login: 'niemand', remote: '192.0.2.1', protocol: 'sieve' })).statusCode);
    expect([...codes]).toEqual([200]);
  });

  it('ignores services that are not mail logins', async () => {
    const before = await stored();
    const res = await send('allow', { login: 'someone', remote: '192.0.2.1', protocol: 'sieve' });
    expect(res.json()).toEqual({ status: 0 });
    await send('report', { login: 'someone', remote: '192.0.2.1', protocol: 'sieve', success: false });
    expect(await stored()).toEqual(before);
  });
});

describe.each(DIALECTS)('Dovecot auth policy endpoint with a source list (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { MAIL_POLICY_SECRET: SECRET, MAIL_POLICY_ALLOWED_ADDRESSES: '10.0.0.25, 127.0.0.2' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const allow = (ip: string) =>
    t.app.inject({ method: 'POST', url: `${URL_}?command=allow`, headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}`, 'x-forwarded-for': '10.0.0.25' }, payload: { login: 'a', remote: '192.0.2.1', protocol: 'imap' }, remoteAddress: ip });

  it('answers only the listed addresses, whatever a forwarded header says', async () => {
    expect((await allow('127.0.0.1')).statusCode).toBe(403);
    expect((await allow('10.0.0.25')).json()).toEqual({ status: 0 });
    expect((await allow('127.0.0.2')).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('Dovecot auth policy endpoint without a secret (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  it('does not exist', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${URL_}?command=allow`, headers: { 'content-type': 'application/json', authorization: 'Bearer ' }, payload: { login: 'a', remote: '1.2.3.4', protocol: 'imap' } });
    expect(res.statusCode).toBe(404);
  });
});
