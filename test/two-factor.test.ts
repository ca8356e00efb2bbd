import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { totpCode } from '../src/features/accounts/totp.ts';
import { disableTwoFactor, isTwoFactorEnabled } from '../src/features/accounts/index.ts';

const secretOf = (html: string) => /data-secret="([A-Z2-7]+)"/.exec(html)![1]!;
const backupCodesOf = (html: string) => [...html.matchAll(/class="secret-value">([a-z0-9]{4}-[a-z0-9]{4})</g)].map((m) => m[1]!);

describe.each(DIALECTS)('two-factor login (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { STAFF_2FA_REQUIRED: 'true' });
  });
  afterAll(() => t.close());
  const step = () => {
    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    return t.clock.now;
  };

  async function customerWithTwoFactor() {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const page = await client.get('/sicherheit');
    expect(page.body).toContain('Wir empfehlen die Zwei-Faktor-Anmeldung');
    expect(page.body).toContain('nicht mit Ihrem Kundenpasswort'); // mail logins are no bypass, and the page says so
    const setup = await client.post('/sicherheit/2fa/start', {});
    expect(setup.body).toContain('src="data:image/png;base64,');
    const secret = secretOf(setup.body);
    const wrong = await client.post('/sicherheit/2fa/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(secretOf(wrong.body)).toBe(secret);
    const done = await client.post('/sicherheit/2fa/confirm', { code: totpCode(secret, t.clock.now) });
    expect(done.statusCode).toBe(200);
    const codes = backupCodesOf(done.body);
    expect(codes).toHaveLength(10);
    return { order, secret, codes, client };
  }

  async function passwordStep(order: { customerNumber: string; customerPassword: string | null }) {
    const client = new Client(t.app);
    await client.get('/login');
    const res = await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! });
    return { client, res };
  }

  it('asks an enrolled customer for a code after the password, on a new session id', async () => {
    const { order, secret } = await customerWithTwoFactor();
    const { client, res } = await passwordStep(order);
    expect(res.headers.location).toBe('/login/code');
    expect((await client.get('/domains')).statusCode).toBe(303); // not logged in yet
    await client.get('/login/code');
    const bad = await client.post('/login/code', { code: '123456' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('Dieser Code stimmt nicht');
    const ok = await client.post('/login/code', { code: totpCode(secret, step()) });
    expect(ok.statusCode).toBe(303);
    expect((await client.get('/domains')).statusCode).toBe(200);
  });

  it('never accepts the same code twice', async () => {
    const { order, secret } = await customerWithTwoFactor();
    const code = totpCode(secret, step());
    const first = await passwordStep(order);
    await first.client.get('/login/code');
    expect((await first.client.post('/login/code', { code })).statusCode).toBe(303);
    const second = await passwordStep(order);
    await second.client.get('/login/code');
    expect((await second.client.post('/login/code', { code })).statusCode).toBe(401);
  });

  it('accepts each backup code once', async () => {
    const { order, codes } = await customerWithTwoFactor();
    for (const expected of [303, 401]) {
      const { client } = await passwordStep(order);
      await client.get('/login/code');
      expect((await client.post('/login/code', { code: codes[0]!.toUpperCase() })).statusCode).toBe(expected);
    }
    const audit = await t.db.selectFrom('auditEvents').select('event').where('event', '=', 'two_factor.backup_code_used').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('locks the guessing address out of code entry, tells the owner that their password is known, and lets the owner in; the pending login expires', async () => {
    const { order, secret, client: owner } = await customerWithTwoFactor();
    const before = t.mailer.sent.length;
    // Someone who knows the password, from an address of their own.
    const client = new Client(t.app, '10.12.0.1');
    await client.get('/login');
    expect((await client.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).headers.location).toBe('/login/code');
    await client.get('/login/code');
    for (let i = 0; i < 5; i++) expect((await client.post('/login/code', { code: `00000${i}` })).statusCode).toBe(401);
    const locked = await client.post('/login/code', { code: totpCode(secret, step()) });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toMatch(/Zu viele falsche Codes. Bitte warten Sie 15 Minuten/);
    const notices = t.mailer.sent.slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(`info@${order.domains[0]}`);
    expect(notices[0]!.text).toContain('das richtige Passwort eingegeben, danach aber 5-mal ein falscher Code der Zwei-Faktor-Anmeldung');
    expect(notices[0]!.text).toContain('10.12.0.1');
    // The owner's own browser is not locked out: password and code, and in.
    await owner.post('/logout', {});
    await owner.get('/login');
    expect((await owner.post('/login', { identifier: order.customerNumber, password: order.customerPassword! })).headers.location).toBe('/login/code');
    await owner.get('/login/code');
    expect((await owner.post('/login/code', { code: totpCode(secret, step()) })).statusCode).toBe(303);
    expect((await owner.get('/sicherheit')).body).toContain('5 falsche Codes der Zwei-Faktor-Anmeldung von 10.12.0.1');
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    const expired = await client.post('/login/code', { code: totpCode(secret, t.clock.now) });
    expect(expired.headers.location).toBe('/login');
  });

  it('turns off only with password and a current code', async () => {
    const { client, secret, order } = await customerWithTwoFactor();
    await client.get('/sicherheit');
    const wrongPassword = await client.post('/sicherheit/2fa/disable', { password: 'wrong', code: totpCode(secret, step()) });
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.body).toContain('Das Passwort stimmt nicht.');
    const wrongCode = await client.post('/sicherheit/2fa/disable', { password: order.customerPassword!, code: '999999' });
    expect(wrongCode.statusCode).toBe(422);
    const ok = await client.post('/sicherheit/2fa/disable', { password: order.customerPassword!, code: totpCode(secret, step()) });
    expect(ok.statusCode).toBe(303);
    expect((await client.get('/sicherheit')).body).toContain('Die Zwei-Faktor-Anmeldung ist abgeschaltet.');
    const { res } = await passwordStep(order);
    expect(res.headers.location).toBe('/domains');
  });

  it('keeps TOTP seeds sealed and backup codes hashed', async () => {
    const { secret, codes } = await customerWithTwoFactor();
    const credentials = await t.db.selectFrom('twoFactorCredentials').select('secretSealed').execute();
    expect(credentials.every((c) => c.secretSealed.startsWith('v1.') && !c.secretSealed.includes(secret))).toBe(true);
    const backup = await t.db.selectFrom('twoFactorBackupCodes').select('codeHash').execute();
    expect(backup.some((b) => codes.some((c) => b.codeHash.includes(c) || b.codeHash.includes(c.replace('-', ''))))).toBe(false);
  });

  it('requires staff to set up TOTP before the first session, then asks for codes', async () => {
    const agent = await staffUser(t, 'agent');
    const client = new Client(t.app);
    await client.get('/staff/login');
    const login = await client.post('/staff/login', { login: agent.login, password: agent.password });
    expect(login.headers.location).toBe('/staff/2fa/setup');
    expect((await client.get('/staff')).statusCode).toBe(303);
    const setup = await client.get('/staff/2fa/setup');
    expect(setup.body).toContain('Für Mitarbeiter ist die Zwei-Faktor-Anmeldung vorgeschrieben');
    const secret = secretOf(setup.body);
    const done = await client.post('/staff/2fa/setup', { code: totpCode(secret, t.clock.now) });
    expect(backupCodesOf(done.body)).toHaveLength(10);
    expect((await client.get('/staff')).statusCode).toBe(200);

    const again = new Client(t.app);
    await again.get('/staff/login');
    expect((await again.post('/staff/login', { login: agent.login, password: agent.password })).headers.location).toBe('/staff/login/code');
    await again.get('/staff/login/code');
    expect((await again.post('/staff/login/code', { code: totpCode(secret, step()) })).headers.location).toBe('/staff');
  });

  it('lets an admin reset a customer’s second factor, audited and with a notice to the customer', async () => {
    const { order } = await customerWithTwoFactor();
    const admin = await staffUser(t, 'admin');
    const staff = new Client(t.app);
    await staff.get('/staff/login');
    await staff.post('/staff/login', { login: admin.login, password: admin.password });
    const setup = await staff.get('/staff/2fa/setup');
    await staff.post('/staff/2fa/setup', { code: totpCode(secretOf(setup.body), step()) });

    const agent = new Client(t.app);
    const agentUser = await staffUser(t, 'agent');
    await agent.get('/staff/login');
    await agent.post('/staff/login', { login: agentUser.login, password: agentUser.password });
    const agentSetup = await agent.get('/staff/2fa/setup');
    await agent.post('/staff/2fa/setup', { code: totpCode(secretOf(agentSetup.body), t.clock.now) });
    expect((await agent.get(`/staff/customers/${order.customerNumber}`)).body).not.toContain('reset-2fa');
    expect((await agent.post(`/staff/customers/${order.customerNumber}/reset-2fa`, { confirm: 'yes' })).statusCode).toBe(403);
    expect((await agent.get(`/staff/customers/${order.customerNumber}/reset-2fa`)).statusCode).toBe(403);

    const detail = await staff.get(`/staff/customers/${order.customerNumber}`);
    expect(detail.body).toContain('Zwei-Faktor-Anmeldung zurücksetzen');
    const sent = t.mailer.sent.length;
    // Asked first: the confirmation page, and a post without the confirmation resets nothing.
    expect((await staff.get(`/staff/customers/${order.customerNumber}/reset-2fa`)).body).toContain('name="confirm" value="yes"');
    expect((await staff.post(`/staff/customers/${order.customerNumber}/reset-2fa`, {})).statusCode).toBe(422);
    expect(t.mailer.sent.length).toBe(sent);
    const res = await staff.post(`/staff/customers/${order.customerNumber}/reset-2fa`, { confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(t.mailer.sent.length).toBe(sent + 1);
    expect(t.mailer.sent.at(-1)!.subject).toBe('Ihre Zwei-Faktor-Anmeldung wurde zurückgesetzt');
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'two_factor.reset_by_staff').execute();
    expect(audit.at(-1)!.actor).toMatch(/^staff:\d+$/);
    const { res: login } = await passwordStep(order);
    expect(login.headers.location).toBe('/domains');
  });
  it('keeps the reset an admin’s in the service itself: an agent or another customer calling it directly changes nothing', async () => {
    const { order } = await customerWithTwoFactor();
    const customer = await t.db.selectFrom('customers').select('id').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    const subject = `customer:${customer.id}`;
    const agent = await staffUser(t, 'agent');
    await expect(disableTwoFactor(t.db, { kind: 'staff', staffId: agent.id, role: 'agent' }, subject, null, null, t.clock.now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(disableTwoFactor(t.db, { kind: 'customer', customerId: customer.id + 1 }, subject, null, null, t.clock.now)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await isTwoFactorEnabled(t.db, subject)).toBe(true);
    expect(await t.db.selectFrom('auditEvents').select('id').where('subject', '=', subject).where('event', 'in', ['two_factor.disabled', 'two_factor.reset_by_staff']).execute()).toEqual([]);
  });
  it('answers a confirmation without a code by its message, and one after the setup by the security page', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const setup = await client.post('/sicherheit/2fa/start', {});
    const empty = await client.post('/sicherheit/2fa/confirm', { code: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte ausfüllen.');
    expect(secretOf(empty.body)).toBe(secretOf(setup.body));
    expect((await client.post('/sicherheit/2fa/confirm', { code: totpCode(secretOf(setup.body), step()) })).statusCode).toBe(200);
    const late = await client.post('/sicherheit/2fa/confirm', { code: '' });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/sicherheit');
  });
});
