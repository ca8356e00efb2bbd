import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';
import { buildMailServerTestApp, imapOk, mailServersUnavailable, pop3Login, smtpSubmit, type MailServers } from './support/mailservers.ts';
import { freePort, startServer, type RunningServer } from './support/server.ts';
import { mailLoginActivity, unknownNameFailures, type MailLoginActivity } from '../src/features/mail/index.ts';
import { createMailAccount, updateMailAccountSettings } from '../src/features/mail/mail-admin.service.ts';
import { createAppPassword } from '../src/features/mail/app-passwords.service.ts';

// The real Dovecot (and Postfix for SMTP AUTH) asks two real `hostdesk serve` processes, found
// under one host name that resolves to 127.0.0.1 and 127.0.0.2 (two lines in /etc/hosts, removed
// afterwards). The harness switches Dovecot's auth penalty off (anvil-auth-penalty mode 0), so the
// throttle seen here is Hostdesk's alone; client addresses are 127.0.0.x source addresses.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`auth policy tests against Dovecot skipped: ${skipReason}`);

const SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'Kaffeetasse-Wolkenkratzer-93';

const HOSTS = '/etc/hosts';
function addHostName(name: string): () => void {
  writeFileSync(HOSTS, `${readFileSync(HOSTS, 'utf8').replace(/\n?$/, '\n')}127.0.0.1 ${name}\n127.0.0.2 ${name}\n`);
  return () =>
    writeFileSync(
      HOSTS,
      readFileSync(HOSTS, 'utf8')
        .split('\n')
        .filter((line) => !line.endsWith(` ${name}`))
        .join('\n'),
    );
}

/** A self-signed certificate for Dovecot's STARTTLS, in a temp folder. */
function selfSignedCertificate(): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync('/tmp/hd-tls-');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=mail.hostdesk.test'], { stdio: 'ignore' });
  return { dir, cert, key };
}

/** IMAP with STARTTLS from a given loopback address; true when LOGIN succeeds. */
async function imapStartTlsLogin(port: number, user: string, password: string, from: string): Promise<boolean> {
  const plain = net.connect({ port, host: '127.0.0.1', localAddress: from });
  let socket: net.Socket = plain;
  let buffer = '';
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = re.exec(buffer);
        if (!m) return false;
        buffer = buffer.slice(m.index + m[0].length);
        socket.off('data', onData);
        resolve(m[0]);
        return true;
      };
      const onData = (d: Buffer) => {
        buffer += d.toString();
        check();
      };
      if (!check()) socket.on('data', onData);
      setTimeout(() => reject(new Error(`no ${re} in ${buffer}`)), 10_000).unref();
    });
  try {
    await line(/^\* OK.*\r\n/m);
    plain.write('a0 STARTTLS\r\n');
    await line(/^a0 OK.*\r\n/m);
    socket = tls.connect({ socket: plain, rejectUnauthorized: false });
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    socket.write(`a1 LOGIN "${user}" "${password}"\r\n`);
    return /^a1 OK/.test(await line(/^a1 .*\r\n/m));
  } finally {
    socket.destroy();
  }
}

/** Reports arrive after Dovecot has answered the client: wait until the stored activity says so. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, explain: () => string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skipReason !== null).each(DIALECTS)('Dovecot asks Hostdesk (auth policy) on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  const apps: RunningServer[] = [];
  let removeHostName = () => {};
  const certificate = selfSignedCertificate();
  const host = `hostdesk-policy-${randomBytes(4).toString('hex')}.test`;

  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect, {
      appEnv: { MAIL_POLICY_SECRET: SECRET },
      beforeMailServers: async (databaseUrl) => {
        const port = await freePort();
        const env = { DATABASE_URL: databaseUrl, MAIL_POLICY_SECRET: SECRET, DEMO_DATA: 'false', PORT: String(port), SECRET_KEY: 'test-secret-key-test-secret-key-0123456789' };
        // One after the other: the first one migrates.
        apps.push(await startServer({ ...env, HOST: '127.0.0.1' }));
        apps.push(await startServer({ ...env, HOST: '127.0.0.2' }));
        removeHostName = addHostName(host);
        return {
          dovecotArgs: ['--app-url', `http://${host}:${port}`],
          env: { MAIL_POLICY_SECRET: SECRET },
          // STARTTLS on the IMAP port (plaintext logins stay allowed, as the harness has them).
          editDovecotConfig: (dir) => appendFileSync(join(dir, 'dovecot.conf'), `ssl = yes\nssl_cert = <${certificate.cert}\nssl_key = <${certificate.key}\n`),
        };
      },
    }));
  }, 180_000);
  afterAll(async () => {
    removeHostName();
    rmSync(certificate.dir, { recursive: true, force: true });
    await Promise.all(apps.map((a) => a.stop()));
    await t?.close();
  });

  const explain = () => `${servers.logs()}\n--- app 1\n${apps[0]?.output().slice(-3000)}\n--- app 2\n${apps[1]?.output().slice(-3000)}`;
  const imap = (user: string, password: string, from = '127.0.0.1') => imapOk(servers.ports.imap, user, password, from);
  const pop3 = async (user: string, password: string, from = '127.0.0.1') => (await pop3Login(servers.ports.pop3, user, password, from)).ok;
  const smtp = async (user: string, password: string, from = '127.0.0.1') => (await smtpSubmit(servers.ports.smtp, user, password, undefined, from)).authOk;

  async function mailbox(localPart: string) {
    const order = await orderFor(t, { tariff: 'mail-s', domains: [uniqueDomain('dovecot')] });
    const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const created = await createMailAccount(t.db, contract.id, { quotaMb: 100, localPart, domainId: domain.id, password: { mode: 'set', password: PASSWORD, passwordRepeat: PASSWORD } }, { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null }, new Date());
    const account = await t.db.selectFrom('mailAccounts').select(['id', 'name']).where('id', '=', created.account.id).executeTakeFirstOrThrow();
    const owner = { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null };
    /** Switches as the E-Mail-Administration sets them: the change reaches Dovecot's auth cache too. */
    const settings = async (switches: { active: boolean; pop3: boolean }) => {
      await updateMailAccountSettings(t.db, contract.id, account.id, { quotaMb: 100, imap: true, smtp: true, ...switches }, owner, t.clock.now);
      await t.app.dovecotSync.deliverDue();
    };
    return { order, contractId: contract.id, domain: domain.nameAscii, account, address: `${localPart}@${domain.nameAscii}`, settings, owner };
  }

  const activity = (accountId: number) => mailLoginActivity(t.db, accountId);
  const reasonCount = (a: MailLoginActivity, protocol: string, reason: string) => a.failures.filter((f) => f.protocol === protocol && f.reason === reason).reduce((n, f) => n + f.failures, 0);

  it('stores successful and failed logins over IMAP, POP3 and SMTP AUTH with their reasons, and shows them on the mailbox page', async () => {
    const m = await mailbox('anna');
    expect([await imap(m.address, PASSWORD, '127.0.0.11'), await pop3(m.account.name, PASSWORD, '127.0.0.12'), await smtp(m.address, PASSWORD, '127.0.0.13')], explain()).toEqual([true, true, true]);
    const ok = await until(() => activity(m.account.id), (a) => a.protocols.every((p) => p.lastSuccess), 'three successes', explain);
    expect(ok.protocols.map((p) => [p.protocol, p.lastSuccess!.clientAddress, p.lastSuccess!.tls])).toEqual([
      ['imap', '127.0.0.11', false],
      ['pop3', '127.0.0.12', false],
      ['smtp', '127.0.0.13', false],
    ]);

    expect([await imap(m.address, 'falsch', '127.0.0.14'), await imap(m.address, 'falsch', '127.0.0.14'), await pop3(m.address, 'falsch', '127.0.0.14'), await smtp(m.address, 'falsch', '127.0.0.14')]).toEqual([false, false, false, false]);
    await until(() => activity(m.account.id), (a) => reasonCount(a, 'imap', 'password') === 2 && reasonCount(a, 'pop3', 'password') === 1 && reasonCount(a, 'smtp', 'password') === 1, 'wrong passwords', explain);

    // POP3 switched off, then the whole account: Dovecot refuses without looking at the password.
    await m.settings({ active: true, pop3: false });
    expect(await pop3(m.address, PASSWORD, '127.0.0.15')).toBe(false);
    await until(() => activity(m.account.id), (a) => reasonCount(a, 'pop3', 'protocol') === 1, 'protocol switched off', explain);
    await m.settings({ active: false, pop3: false });
    expect([await imap(m.address, PASSWORD, '127.0.0.15'), await smtp(m.account.name, PASSWORD, '127.0.0.15')]).toEqual([false, false]);
    await until(() => activity(m.account.id), (a) => reasonCount(a, 'imap', 'inactive') === 1 && reasonCount(a, 'smtp', 'inactive') === 1, 'deactivated', explain);
    await m.settings({ active: true, pop3: true });

    // A name nobody has under the customer's domain is kept under the contract; a foreign one is not.
    expect(await imap(`anja@${m.domain}`, PASSWORD, '127.0.0.16')).toBe(false);
    await until(() => unknownNameFailures(t.db, [m.contractId]), (u) => u.some((f) => f.login === `anja@${m.domain}` && f.reason === 'unknown' && f.clientAddress === '127.0.0.16'), 'unknown name', explain);

    // Every report found the question it answers (IMAP, POP3 and Postfix's SMTP AUTH alike): no ticket is left over.
    await until(() => t.db.selectFrom('mailPolicyPending').select('attemptKey').execute(), (rows) => rows.length === 0, 'every pending ticket settled', explain);

    // The mailbox page of the E-Mail-Administration says it in words.
    const owner = new Client(t.app, '10.99.0.1');
    await owner.loginCustomer(m.order.customerNumber, m.order.customerPassword!, { confirm: true });
    await owner.get(`/mail-admin/${m.order.contractNumber}`);
    const page = (await owner.get(`/mail-admin/${m.order.contractNumber}/accounts/${m.account.id}`)).body.replace(/<[^>]+>/g, '');
    expect(page).toMatch(/IMAP: zuletzt erfolgreich am .+ von 127\.0\.0\.11 \(unverschlüsselt\)/);
    expect(page).toMatch(/SMTP: zuletzt erfolgreich am .+ von 127\.0\.0\.13/);
    expect(page).toMatch(/2 fehlgeschlagene Anmeldungen \(falsches Passwort\) über IMAP von 127\.0\.0\.14, zuletzt am/);
    expect(page).toMatch(/1 fehlgeschlagene Anmeldung \(Protokoll ausgeschaltet\) über POP3 von 127\.0\.0\.15/);
    expect(page).toMatch(/1 fehlgeschlagene Anmeldung \(Postfach deaktiviert\) über SMTP von 127\.0\.0\.15/);
  });

  it("records an app password's last use: time, address and protocol", async () => {
    const m = await mailbox('geraet');
    const { secret, appPassword } = await createAppPassword(t.db, m.contractId, m.account.id, { name: 'Laptop', imap: true, pop3: false, smtp: true, validUntil: '' }, m.owner, t.clock.now);
    expect(await imap(m.address, PASSWORD, '127.0.0.51'), explain()).toBe(true);
    expect(await smtp(m.address, secret, '127.0.0.52'), explain()).toBe(true);
    const used = await until(
      () => t.db.selectFrom('mailAppPasswords').select(['lastUsedAt', 'lastUsedAddress', 'lastUsedProtocol']).where('id', '=', appPassword.id).executeTakeFirstOrThrow(),
      (row) => row.lastUsedAt !== null,
      'the app password used',
      explain,
    );
    expect(used).toMatchObject({ lastUsedAddress: '127.0.0.52', lastUsedProtocol: 'smtp' });
    // A later use moves it.
    expect(await imap(m.address, secret, '127.0.0.53')).toBe(true);
    await until(
      () => t.db.selectFrom('mailAppPasswords').select(['lastUsedAddress', 'lastUsedProtocol']).where('id', '=', appPassword.id).executeTakeFirstOrThrow(),
      (row) => row.lastUsedAddress === '127.0.0.53',
      'the second use',
      explain,
    );
  });

  it('stores whether the login was encrypted (STARTTLS)', async () => {
    const m = await mailbox('tls');
    expect(await imapStartTlsLogin(servers.ports.imap, m.address, PASSWORD, '127.0.0.41'), explain()).toBe(true);
    const a = await until(() => activity(m.account.id), (x) => x.protocols[0]!.lastSuccess !== null, 'the TLS login', explain);
    expect(a.protocols[0]!.lastSuccess).toMatchObject({ clientAddress: '127.0.0.41', tls: true });
    expect(await imap(m.address, PASSWORD, '127.0.0.42')).toBe(true);
    await until(() => activity(m.account.id), (x) => x.protocols[0]!.lastSuccess?.clientAddress === '127.0.0.42', 'the plain login', explain);
    expect((await activity(m.account.id)).protocols[0]!.lastSuccess!.tls).toBe(false);
  });

  it("throttles a guessing burst over IMAP, shared with the web door, while the owner's known client still logs in", async () => {
    const m = await mailbox('bert');
    const owner = '127.0.0.21';
    const guesser = '127.0.0.22';
    expect(await imap(m.address, PASSWORD, owner), explain()).toBe(true);
    await until(() => activity(m.account.id), (a) => a.protocols[0]!.lastSuccess !== null, 'the owner login', explain);
    const answers: boolean[] = [];
    for (let i = 0; i < 5; i++) answers.push(await imap(m.address, `rate-${i}`, guesser));
    expect(answers).toEqual([false, false, false, false, false]);
    await until(() => activity(m.account.id), (a) => reasonCount(a, 'imap', 'password') === 5, 'five guesses', explain);
    // The sixth try from the guesser's address is refused by the policy, even with the right password.
    expect(await imap(m.address, PASSWORD, guesser)).toBe(false);
    await until(() => activity(m.account.id), (a) => reasonCount(a, 'imap', 'throttled') === 1, 'the refusal', explain);
    // The same lockout holds at Hostdesk's web door for that address (one throttle for all doors).
    const web = new Client(t.app, guesser);
    await web.get('/mail-admin');
    expect((await web.post('/mail-admin/login', { login: m.address, password: PASSWORD })).statusCode).toBe(429);
    // The owner's client, from the address it logged in from before, goes on working.
    expect(await imap(m.address, PASSWORD, owner), explain()).toBe(true);
  });

  it('keeps reporting when one app process of two dies, and logins go on when both are gone', async () => {
    const m = await mailbox('carla');
    expect(await imap(m.address, PASSWORD, '127.0.0.31')).toBe(true);
    await until(() => activity(m.account.id), (a) => a.protocols[0]!.lastSuccess?.clientAddress === '127.0.0.31', 'a report before', explain);
    expect(apps[0]!.output()).toContain('/api/mail/dovecot-policy');

    process.kill(apps[0]!.pid, 'SIGKILL');
    await apps[0]!.stop();
    const secondBefore = apps[1]!.output().split('/api/mail/dovecot-policy').length;
    expect(await imap(m.address, 'falsch', '127.0.0.32')).toBe(false);
    expect(await imap(m.address, PASSWORD, '127.0.0.33'), explain()).toBe(true);
    await until(() => activity(m.account.id), (a) => a.protocols[0]!.lastSuccess?.clientAddress === '127.0.0.33' && reasonCount(a, 'imap', 'password') === 1, 'reports through the second process', explain);
    expect(apps[1]!.output().split('/api/mail/dovecot-policy').length).toBeGreaterThan(secondBefore);

    // Both gone: Dovecot fails open, the password check still decides.
    await apps[1]!.stop();
    expect(await imap(m.address, PASSWORD, '127.0.0.34'), explain()).toBe(true);
    expect(await imap(m.address, 'falsch', '127.0.0.34')).toBe(false);
    expect((await activity(m.account.id)).protocols[0]!.lastSuccess?.clientAddress).toBe('127.0.0.33');
  });

  it("writes the app's secret and the two-address host name into Dovecot's policy settings", () => {
    // The refusals (wrong secret, wrong source, malformed bodies, floods) are tested request by
    // request in test/mail-auth-policy.test.ts.
    const file = readFileSync(`${servers.dir}/dovecot/auth-policy.conf.ext`, 'utf8');
    expect(file).toContain(`auth_policy_server_api_header = Authorization: Bearer ${SECRET}`);
    expect(file).toMatch(new RegExp(`auth_policy_server_url = http://${host.replace(/\./g, '\\.')}:\\d+/api/mail/dovecot-policy`));
  });
});

describe.skipIf(skipReason !== null).each(DIALECTS)('Dovecot with the wrong policy secret on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  let app: RunningServer | undefined;

  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect, {
      appEnv: { MAIL_POLICY_SECRET: SECRET },
      beforeMailServers: async (databaseUrl) => {
        app = await startServer({ DATABASE_URL: databaseUrl, MAIL_POLICY_SECRET: SECRET, DEMO_DATA: 'false', SECRET_KEY: 'test-secret-key-test-secret-key-0123456789' });
        // A forged or stale configuration: Dovecot sends another secret.
        return { dovecotArgs: ['--app-url', app.url], env: { MAIL_POLICY_SECRET: randomBytes(32).toString('hex') } };
      },
    }));
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await t?.close();
  });

  it('is refused and stores nothing, while Dovecot goes on checking passwords (fail open)', async () => {
    const order = await orderFor(t, { tariff: 'mail-s', domains: [uniqueDomain('forged')] });
    const count = async (table: 'mailLoginFailures' | 'mailLoginSuccesses' | 'mailPolicyPending' | 'throttleAttempts' | 'knownLoginSources') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await Promise.all([count('mailLoginFailures'), count('mailLoginSuccesses'), count('mailPolicyPending'), count('throttleAttempts'), count('knownLoginSources')]);
    const login = (password: string) => imapOk(servers.ports.imap, order.mailAccount!.name, password, '127.0.0.51');
    expect(await login(order.mailAccount!.password), servers.logs()).toBe(true);
    expect(await login('falsch')).toBe(false);
    // Dovecot has asked and reported, and was refused each time.
    await until(async () => readFileSync(`${servers.dir}/dovecot.log`, 'utf8').match(/Policy server HTTP error: 401/g)?.length ?? 0, (n) => n >= 4, 'four refused policy requests', () => servers.logs());
    expect(await Promise.all([count('mailLoginFailures'), count('mailLoginSuccesses'), count('mailPolicyPending'), count('throttleAttempts'), count('knownLoginSources')])).toEqual(before);
  });
});
