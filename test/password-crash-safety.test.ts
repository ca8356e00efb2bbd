import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { buildMailServerTestApp, mailServersUnavailable, imapOk, type MailServers } from './support/mailservers.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { createPasswordReset } from '../src/features/accounts/customer.service.ts';
import { verifyPassword } from '../src/platform/crypto.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const PER_ROUND = 5;

// Dovecot checks the passwords: outside CI a missing package or a missing root skips this suite, in CI it fails.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`password crash-safety tests skipped: ${skipReason}`);

/** A browser for a real `hostdesk serve` process: cookies, CSRF tokens from pages, no redirects followed. */
class HttpClient {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}
  private async send(path: string, init: RequestInit) {
    const res = await fetch(`${this.base}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1]!;
    return { status: res.status, body, location: res.headers.get('location') };
  }
  get(path: string) {
    return this.send(path, { method: 'GET' });
  }
  post(path: string, form: Record<string, string>) {
    return this.send(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: this.csrf, ...form }).toString() });
  }
}

interface Change {
  kind: 'mail' | 'reset';
  /** mail-account name or customer number */
  who: string;
  subject: string;
  oldPassword: string;
  newPassword: string;
  /** The change was confirmed (200 with the account, or 303 to the login). */
  answered: boolean;
  /** waiting (not yet sent), sent, settled (any answer), cut (connection died), refused (server already gone). */
  state: 'waiting' | 'sent' | 'settled' | 'cut' | 'refused';
  /** The state when the kill was sent. */
  atKill?: Change['state'];
  /** What the database holds after the restart: the new password (true) or the old one. */
  complete?: boolean;
}

const newPassword = (tag: string) => `Neu-${tag}-Kranich-Walnuss-${Math.random().toString(36).slice(2, 8)}`;

/**
 * kill -9 in the middle of password changes, again and again: mail-account passwords set in the
 * E-Mail Administration and customer passwords set through a reset link. After each crash every
 * change is complete (new hash, audit entry, reset link spent) or absent (old hash, no entry),
 * every change that was answered is complete, and Dovecot takes exactly the password the
 * database says.
 */
describe.skipIf(skipReason !== null).each(DIALECTS)('password changes: crash safety and concurrency (%s)', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await t?.close();
  });

  const env = () => ({ DATABASE_URL: t.database.url, DEMO_DATA: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000', SECRET_KEY: t.config.secretKey ?? 'x'.repeat(40) });
  const imap = (user: string, password: string) => imapOk(servers.ports.imap, user, password);
  const auditCount = (event: string, subject: string) =>
    t.db.selectFrom('auditEvents').select('id').where('event', '=', event).where('subject', '=', subject).execute().then((rows) => rows.length);

  it('leaves every password change complete or absent after SIGKILL, and Dovecot agrees', async () => {
    const changes: Change[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh accounts for every round: one mail administrator and one customer reset per order.
      const orders = [];
      for (let i = 0; i < PER_ROUND; i++) orders.push(await orderFor(t, { tariff: 'mail-s' }));
      server = await startServer(env());
      const jobs: { change: Change; run: () => Promise<void> }[] = [];
      for (const order of orders) {
        const name = order.mailAccount!.name;
        const admin = new HttpClient(server.url);
        await admin.get('/mail-admin');
        const login = await admin.post('/mail-admin/login', { login: name, password: order.mailAccount!.password });
        expect(login.status, login.body.slice(0, 300)).toBe(303);
        const account = await t.db.selectFrom('mailAccounts').select('id').where('name', '=', name).executeTakeFirstOrThrow();
        await admin.get(`/mail-admin/${order.contractNumber}/accounts/${account.id}`);
        const mailChange: Change = { kind: 'mail', who: name, subject: `mail-account:${name}`, oldPassword: order.mailAccount!.password, newPassword: newPassword('m'), answered: false, state: 'waiting' };
        changes.push(mailChange);
        jobs.push({
          change: mailChange,
          run: async () => {
            const res = await admin.post(`/mail-admin/${order.contractNumber}/accounts/${account.id}/password`, { mode: 'set', password: mailChange.newPassword, passwordRepeat: mailChange.newPassword });
            mailChange.answered = res.status === 200 && res.body.includes(name);
          },
        });

        const reset = (await createPasswordReset(t.db, order.customerNumber, '127.0.0.1', new Date()))!;
        const customer = await t.db.selectFrom('customers').select('id').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
        const browser = new HttpClient(server.url);
        expect((await browser.get(`/passwort-neu?token=${encodeURIComponent(reset.token)}`)).status).toBe(200);
        const resetChange: Change = { kind: 'reset', who: order.customerNumber, subject: `customer:${customer.id}`, oldPassword: order.customerPassword!, newPassword: newPassword('k'), answered: false, state: 'waiting' };
        changes.push(resetChange);
        jobs.push({
          change: resetChange,
          run: async () => {
            const res = await browser.post('/passwort-neu', { token: reset.token, password: resetChange.newPassword, passwordRepeat: resetChange.newPassword });
            resetChange.answered = res.status === 303 && res.location === '/login';
          },
        });
      }
      let firstAnswer: () => void = () => undefined;
      const answered = new Promise<void>((r) => (firstAnswer = r));
      const inFlight = jobs.map(async ({ change, run }, i) => {
        await new Promise((r) => setTimeout(r, i * 8));
        change.state = 'sent';
        try {
          await run();
          change.state = 'settled';
          firstAnswer();
        } catch (error) {
          // The server died under this request (its fate is what the checks below find out), or
          // was already dead when it connected (then the request never reached it).
          change.state = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? 'refused' : 'cut';
        }
      });
      await Promise.race([answered, new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => setTimeout(r, 20 + round * 60));
      for (const { change } of jobs) change.atKill = change.state;
      process.kill(server.pid, 'SIGKILL');
      await Promise.all(inFlight);
      server = undefined;
    }

    // Restarted: the server comes up on the same database and serves the outcome.
    server = await startServer(env());
    let complete = 0;
    let absent = 0;
    for (const change of changes) {
      const hash =
        change.kind === 'mail'
          ? (await t.db.selectFrom('mailAccounts').select('passwordHash').where('name', '=', change.who).executeTakeFirstOrThrow()).passwordHash
          : (await t.db.selectFrom('customers').select('passwordHash').where('customerNumber', '=', change.who).executeTakeFirstOrThrow()).passwordHash;
      const isNew = await verifyPassword(hash, change.newPassword);
      const isOld = await verifyPassword(hash, change.oldPassword);
      expect(isNew !== isOld, `${change.who}: exactly one of old and new password`).toBe(true);
      const event = change.kind === 'mail' ? 'mail.password_changed' : 'customer.password_reset';
      expect(await auditCount(event, change.subject), `${change.who}: audit entries`).toBe(isNew ? 1 : 0);
      if (change.answered) expect(isNew, `${change.who} was answered but the change is missing`).toBe(true);
      else if (change.state === 'settled') expect(isNew, `${change.who} was refused but changed`).toBe(false);
      // Sent only after the kill (or refused): the dead server cannot have begun it.
      if (change.state === 'refused' || change.atKill === 'waiting') expect(isNew, `${change.who} never reached the server but changed`).toBe(false);
      if (change.kind === 'reset') {
        const open = await t.db.selectFrom('passwordResetTokens').innerJoin('customers', 'customers.id', 'passwordResetTokens.customerId').select('usedAt').where('customers.customerNumber', '=', change.who).executeTakeFirstOrThrow();
        expect(open.usedAt !== null, `${change.who}: reset link spent exactly when the password changed`).toBe(isNew);
        const browser = new HttpClient(server.url);
        await browser.get('/login');
        const login = await browser.post('/login', { identifier: change.who, password: isNew ? change.newPassword : change.oldPassword });
        expect(login.status, `${change.who}: login after restart`).toBe(303);
      } else {
        // Dovecot reads the same row: the password the database holds works, the other does not.
        expect(await imap(change.who, isNew ? change.newPassword : change.oldPassword), `${change.who}: IMAP with the current password\n${servers.logs()}`).toBe(true);
        expect(await imap(change.who, isNew ? change.oldPassword : change.newPassword), `${change.who}: IMAP with the other password`).toBe(false);
      }
      change.complete = isNew;
      if (isNew) complete++;
      else absent++;
    }
    // The kills landed in the middle of work: some changes were confirmed before a kill, and some
    // were sent and still unanswered when the kill went out, and never got an answer.
    const cut = changes.filter((c) => c.atKill === 'sent' && c.state === 'cut');
    expect(changes.filter((c) => c.answered).length, 'changes confirmed before a kill').toBeGreaterThan(0);
    expect(cut.length, 'requests the kills cut off').toBeGreaterThan(0);
    console.log(
      `password crash safety (${dialect}): ${changes.length} changes; ${changes.filter((c) => c.answered).length} confirmed, ${cut.length} cut off by a kill (${cut.filter((c) => c.complete).length} of them committed); ${complete} complete, ${absent} absent`,
    );
    await server.stop();
    server = undefined;
  }, 600_000);

  it('ends many concurrent password changes on one mailbox with the last committed change’s hash and one audit entry per success', async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const name = order.mailAccount!.name;
    const subject = `mail-account:${name}`;
    const account = await t.db.selectFrom('mailAccounts').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    const admin = new Client(t.app, '10.88.0.1');
    await admin.get('/mail-admin');
    expect((await admin.post('/mail-admin/login', { login: name, password: order.mailAccount!.password })).statusCode).toBe(303);
    const page = `/mail-admin/${order.contractNumber}/accounts/${account.id}`;
    await admin.get(page);
    const lastIdBefore = (await t.db.selectFrom('auditEvents').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
    // Each change comes from its own address, so its audit entry (written in the change's own
    // transaction, after the row update that serializes them) says which change committed when.
    const changes = Array.from({ length: 12 }, (_, i) => ({ password: newPassword(`c${i}`), ip: `10.88.1.${i + 1}` }));
    const answers = await Promise.all(changes.map((c) => admin.post(`${page}/password`, { mode: 'set', password: c.password, passwordRepeat: c.password }, { ip: c.ip })));
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode >= 400)).toBe(true);
    const succeeded = changes.filter((_, i) => answers[i]!.statusCode === 200);
    expect(succeeded.length, 'several changes succeeded, so "last" means something').toBeGreaterThan(1);

    const entries = await t.db
      .selectFrom('auditEvents')
      .select(['id', 'ip'])
      .where('event', '=', 'mail.password_changed')
      .where('subject', '=', subject)
      .where('id', '>', Number(lastIdBefore))
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.ip).sort(), 'one audit entry per success').toEqual(succeeded.map((c) => c.ip).sort());
    const last = changes.find((c) => c.ip === entries.at(-1)!.ip)!;
    const hash = (await t.db.selectFrom('mailAccounts').select('passwordHash').where('id', '=', account.id).executeTakeFirstOrThrow()).passwordHash;
    expect(await verifyPassword(hash, last.password), 'the stored hash is the last committed change’s').toBe(true);
    expect(await imap(name, last.password)).toBe(true);
    expect(await imap(name, order.mailAccount!.password)).toBe(false);
    expect(await imap(name, changes.find((c) => c !== last)!.password)).toBe(false);
  }, 120_000);

  it('lets only one of many concurrent resets with one link win, with one audit entry', async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const customer = await t.db.selectFrom('customers').select('id').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    const reset = (await createPasswordReset(t.db, order.customerNumber, '127.0.0.1', t.clock.now))!;
    const browsers = Array.from({ length: 8 }, () => new Client(t.app, '10.88.0.2'));
    for (const b of browsers) await b.get(`/passwort-neu?token=${encodeURIComponent(reset.token)}`);
    const passwords = browsers.map((_, i) => newPassword(`r${i}`));
    const answers = await Promise.all(browsers.map((b, i) => b.post('/passwort-neu', { token: reset.token, password: passwords[i]!, passwordRepeat: passwords[i]! })));
    const winners = passwords.filter((_, i) => answers[i]!.statusCode === 303);
    expect(winners.length).toBe(1);
    expect(answers.every((a) => a.statusCode === 303 || a.statusCode === 410 || a.statusCode === 422)).toBe(true);
    const hash = (await t.db.selectFrom('customers').select('passwordHash').where('id', '=', customer.id).executeTakeFirstOrThrow()).passwordHash;
    expect(await verifyPassword(hash, winners[0]!)).toBe(true);
    expect(await auditCount('customer.password_reset', `customer:${customer.id}`)).toBe(1);
  }, 120_000);
});
