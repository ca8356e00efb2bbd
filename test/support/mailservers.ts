import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedCatalog } from '../../src/demo.ts';
import type { Dialect } from '../../src/platform/db/index.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { createTestDatabase } from './databases.ts';
import { freePort } from './server.ts';

const run = promisify(execFile);

/** Starts a daemon that forks into the background: its output must not hold our pipes open. */
function startDaemon(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/**
 * A real Dovecot and Postfix for tests: Debian's packages, started on free loopback ports with
 * configuration generated into a temp folder by `hostdesk mail-config` (never /etc), reading the
 * test's database, and stopped afterwards.
 */
export const MAIL_PACKAGES = ['dovecot-imapd', 'dovecot-pop3d', 'dovecot-lmtpd', 'dovecot-sieve', 'dovecot-sqlite', 'dovecot-pgsql', 'dovecot-auth-lua', 'lua-sql-sqlite3', 'lua-sql-postgres', 'postfix', 'postfix-sqlite', 'postfix-pgsql'];

function missingPackages(): string[] {
  return MAIL_PACKAGES.filter((p) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', p], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().includes('install ok installed');
    } catch {
      return true;
    }
  });
}

/**
 * Why Dovecot and Postfix cannot run here, or null when they can. Installs nothing: installing is
 * `.ci/run`'s job. Outside CI a suite skips with this reason; with CI=true a reason is an error,
 * so the mail-server tests never silently vanish.
 */
export function mailServersUnavailable(options: { needsRoot?: boolean } = {}): string | null {
  const missing = missingPackages();
  const reason =
    missing.length > 0
      ? `missing Debian packages: ${missing.join(' ')} (bash .ci/run installs them)`
      : options.needsRoot !== false && process.getuid?.() !== 0
        ? 'the mail servers need root to start'
        : null;
  if (reason && process.env.CI) throw new Error(`Mail-server tests must run in CI, but ${reason}`);
  return reason;
}

async function waitForPort(port: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function postfixUid(): number {
  return Number(execFileSync('id', ['-u', 'postfix']).toString().trim());
}

export interface MailServers {
  dir: string;
  ports: { imap: number; pop3: number; lmtp: number; smtp: number; auth: number; doveadm: number; quotaStatus: number };
  /** The doveadm HTTP API Hostdesk flushes and kicks through (DOVEADM_URLS, key DOVEADM_TEST_KEY). */
  doveadmUrl: string;
  /** The last lines of both servers' logs, for failure messages. */
  logs(): string;
  /** Stops Dovecot alone (Postfix keeps running), e.g. to change a password while it is down. */
  stopDovecot(): Promise<void>;
  startDovecot(): Promise<void>;
  stop(): Promise<void>;
}

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'hostdesk.js');

/** Runs the real `hostdesk mail-config` command, as an administrator would. */
async function mailConfig(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  await run(process.execPath, [CLI, 'mail-config', ...args], { env: { ...process.env, DOVEADM_API_KEY: DOVEADM_TEST_KEY, ...env, DATABASE_URL: databaseUrl } });
}

/** The doveadm API key of the test Dovecots; the test apps run with it too. */
export const DOVEADM_TEST_KEY = 'hostdesk-test-doveadm-key-0123456789abcdef';

/** The SQLite file (and its WAL) must be readable and writable by Postfix's `postfix` user too. */
export function shareSqliteFile(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o666);
}

export interface MailServerOptions {
  /** More `hostdesk mail-config dovecot` arguments, e.g. `--high-performance`. */
  dovecotArgs?: string[];
  /** Changes the generated Dovecot files (in this folder) before Dovecot starts; for benchmarks. */
  editDovecotConfig?: (configDir: string) => void;
  /** More environment for `hostdesk mail-config`, e.g. MAIL_POLICY_SECRET with `--app-url`. */
  env?: Record<string, string>;
}

export async function startMailServers(databaseUrl: string, options: MailServerOptions = {}): Promise<MailServers> {
  const dir = mkdtempSync('/tmp/hd-mail-');
  chmodSync(dir, 0o755);
  const ports = { imap: await freePort(), pop3: await freePort(), lmtp: await freePort(), smtp: await freePort(), auth: await freePort(), doveadm: await freePort(), quotaStatus: await freePort() };
  const mailRoot = join(dir, 'vmail');
  mkdirSync(mailRoot);
  chownSync(mailRoot, 65534, 65534);

  // Dovecot: Hostdesk's generated files, included from a dovecot.conf that only sets listeners.
  const pf = join(dir, 'postfix');
  // Sieve (out-of-office replies, forwarding): Dovecot hands what it sends to this Postfix over SMTP.
  const sieveArgs = ['--submission-host', `127.0.0.1:${ports.smtp}`];
  // Mailbox quota: Dovecot's quota-status service on a free port, and Postfix asking it.
  const quotaArgs = {
    dovecot: ['--quota-status-listen', `127.0.0.1:${ports.quotaStatus}`],
    postfix: ['--quota-status', `inet:127.0.0.1:${ports.quotaStatus}`],
  };
  await Promise.all([
    mailConfig(
      databaseUrl,
      ['dovecot', '--out', join(dir, 'dovecot'), '--mail-root', mailRoot, '--mail-user', 'nobody', '--mail-group', 'nogroup', ...(options.dovecotArgs?.includes('--no-auth-cache') ? [] : ['--doveadm-listen', `127.0.0.1:${ports.doveadm}`]), ...sieveArgs, ...quotaArgs.dovecot, ...(options.dovecotArgs ?? [])],
      options.env,
    ),
    mailConfig(databaseUrl, ['postfix', '--out', pf, '--lmtp', `lmtp:inet:127.0.0.1:${ports.lmtp}`, '--sasl-path', `inet:127.0.0.1:${ports.auth}`, ...quotaArgs.postfix]),
  ]);
  writeFileSync(
    join(dir, 'dovecot', 'dovecot.conf'),
    `protocols = imap pop3 lmtp
listen = 127.0.0.1
base_dir = ${dir}/dovecot-run
state_dir = ${dir}/dovecot-state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
service imap-login {
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${ports.pop3}
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${ports.lmtp}
  }
}
# Many refused logins from 127.0.0.1 are the point of these tests: no growing penalty delay.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  inet_listener {
    address = 127.0.0.1
    port = ${ports.auth}
  }
}
!include ${dir}/dovecot/hostdesk.conf
`,
  );
  mkdirSync(join(dir, 'dovecot-state'));
  options.editDovecotConfig?.(join(dir, 'dovecot'));
  await startDaemon('dovecot', ['-c', join(dir, 'dovecot', 'dovecot.conf')]);

  // Postfix: a private instance (own config, queue and data directories) with Hostdesk's maps.
  const fragment = readFileSync(join(pf, 'main.cf'), 'utf8');
  writeFileSync(
    join(pf, 'main.cf'),
    `compatibility_level = 3.6
queue_directory = ${dir}/postfix-queue
data_directory = ${dir}/postfix-data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.hostdesk.test
mydomain = hostdesk.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file_prefixes = /tmp
maillog_file = ${dir}/postfix.log
alias_maps =
alias_database =
local_transport = error:no local delivery in tests
relay_transport = error:no relaying in tests
default_transport = error:no outbound mail in tests
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = reject_unauth_destination
smtpd_sender_restrictions = reject_authenticated_sender_login_mismatch
smtpd_peername_lookup = no
biff = no
${fragment}`,
  );
  writeFileSync(
    join(pf, 'master.cf'),
    [
      `127.0.0.1:${ports.smtp} inet n - n - - smtpd`,
      'pickup unix n - n 60 1 pickup',
      'cleanup unix n - n - 0 cleanup',
      'qmgr unix n - n 300 1 qmgr',
      'rewrite unix - - n - - trivial-rewrite',
      'bounce unix - - n - 0 bounce',
      'defer unix - - n - 0 bounce',
      'trace unix - - n - 0 bounce',
      'verify unix - - n - 1 verify',
      'flush unix n - n 1000? 0 flush',
      'proxymap unix - - n - - proxymap',
      'proxywrite unix - - n - 1 proxymap',
      'smtp unix - - n - - smtp',
      'relay unix - - n - - smtp',
      'showq unix n - n - - showq',
      'error unix - - n - - error',
      'retry unix - - n - - error',
      'discard unix - - n - - discard',
      'lmtp unix - - n - - lmtp',
      'anvil unix - - n - 1 anvil',
      'scache unix - - n - 1 scache',
      'postlog unix-dgram n - n - 1 postlogd',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'postfix-queue'));
  mkdirSync(join(dir, 'postfix-data'));
  chownSync(join(dir, 'postfix-data'), postfixUid(), 0);
  await startDaemon('postfix', ['-c', pf, 'start']).catch((error: Error) => {
    throw new Error(`${error.message}\n${existsSync(join(dir, 'postfix.log')) ? readFileSync(join(dir, 'postfix.log'), 'utf8') : ''}`);
  });

  const servers: MailServers = {
    dir,
    ports,
    doveadmUrl: `http://127.0.0.1:${ports.doveadm}`,
    logs() {
      const tail = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(-40).join('\n') : '');
      return `--- dovecot.log\n${tail(join(dir, 'dovecot.log'))}\n--- postfix.log\n${tail(join(dir, 'postfix.log'))}`;
    },
    async stopDovecot() {
      await run('doveadm', ['-c', join(dir, 'dovecot', 'dovecot.conf'), 'stop']);
      // The master exits a moment later; until then a new one would refuse to start.
      for (let i = 0; i < 100 && existsSync(join(dir, 'dovecot-run', 'master.pid')); i++) await new Promise((r) => setTimeout(r, 100));
    },
    async startDovecot() {
      await startDaemon('dovecot', ['-c', join(dir, 'dovecot', 'dovecot.conf')]);
      await Promise.all([waitForPort(ports.imap), waitForPort(ports.doveadm)]);
    },
    async stop() {
      await Promise.all([
        run('postfix', ['-c', pf, 'stop']).catch(() => undefined),
        run('doveadm', ['-c', join(dir, 'dovecot', 'dovecot.conf'), 'stop']).catch(() => undefined),
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all([waitForPort(ports.imap), waitForPort(ports.pop3), waitForPort(ports.lmtp), waitForPort(ports.smtp), waitForPort(ports.auth), waitForPort(ports.quotaStatus), ...(options.dovecotArgs?.includes('--no-auth-cache') ? [] : [waitForPort(ports.doveadm)])]);
  } catch (error) {
    const logs = servers.logs();
    await servers.stop();
    throw new Error(`${(error as Error).message}\n${logs}`);
  }
  return servers;
}

/** A line-oriented conversation with a text protocol server (IMAP, POP3, SMTP). */
export class LineClient {
  private buffer = '';
  private waiters: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  /** `from`: the client's own loopback address (127.0.0.x), so that tests can be several clients. */
  static async connect(port: number, from?: string): Promise<LineClient> {
    const socket = net.connect({ port, host: '127.0.0.1', ...(from ? { localAddress: from } : {}) });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new LineClient(socket);
  }

  /** Reads until `done(text so far)` holds; returns that text and keeps the rest. */
  async readUntil(done: (text: string) => number, ms = 10_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const end = done(this.buffer);
      if (end >= 0) {
        const text = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return text;
      }
      if (this.closed) throw new Error(`connection closed; got: ${this.buffer}`);
      const left = until - Date.now();
      if (left <= 0) throw new Error(`timed out; got: ${this.buffer}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  close(): void {
    this.socket.destroy();
  }
}

const endAfterLine = (re: RegExp) => (text: string) => {
  const m = re.exec(text);
  return m ? m.index + m[0].length : -1;
};

/** IMAP: logs in; returns the tagged answer line ("a1 OK …" or "a1 NO …") and the client. */
export async function imapLogin(port: number, user: string, password: string, from?: string) {
  const c = await LineClient.connect(port, from);
  await c.readUntil(endAfterLine(/^\* OK.*\r\n/m));
  const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  c.send(`a1 LOGIN ${quote(user)} ${quote(password)}`);
  const answer = await c.readUntil(endAfterLine(/^a1 .*\r\n/m));
  return { ok: /^a1 OK/m.test(answer), answer, client: c };
}

/** IMAP: whether the login succeeds (the connection closed again). */
export async function imapOk(port: number, user: string, password: string, from?: string): Promise<boolean> {
  const { ok, client } = await imapLogin(port, user, password, from);
  client.close();
  return ok;
}

/** IMAP: logs in, waits until INBOX holds a message containing `marker`, returns that message. */
export async function imapFindMessage(port: number, user: string, password: string, marker: string, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const { ok, answer, client } = await imapLogin(port, user, password);
    if (!ok) throw new Error(`IMAP login failed: ${answer}`);
    client.send('a2 SELECT INBOX');
    await client.readUntil(endAfterLine(/^a2 .*\r\n/m));
    client.send('a3 FETCH 1:* (BODY.PEEK[])');
    const fetched = await client.readUntil(endAfterLine(/^a3 .*\r\n/m));
    client.send('a4 LOGOUT');
    client.close();
    if (fetched.includes(marker)) return fetched;
    if (Date.now() > until) throw new Error(`no message with ${marker} in the INBOX of ${user}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function pop3Login(port: number, user: string, password: string, from?: string): Promise<{ ok: boolean; answer: string }> {
  const c = await LineClient.connect(port, from);
  try {
    await c.readUntil(endAfterLine(/^\+OK.*\r\n/m));
    c.send(`USER ${user}`);
    await c.readUntil(endAfterLine(/^[+-].*\r\n/m));
    c.send(`PASS ${password}`);
    const answer = await c.readUntil(endAfterLine(/^[+-].*\r\n/m));
    c.send('QUIT');
    return { ok: answer.startsWith('+OK'), answer };
  } finally {
    c.close();
  }
}

const smtpReply = (text: string) => {
  const m = /^\d{3} .*\r\n/m.exec(text);
  return m ? m.index + m[0].length : -1;
};

/** SMTP AUTH PLAIN; with a message, also MAIL/RCPT/DATA. Returns the AUTH answer and, if sent, the final one. */
export async function smtpSubmit(
  port: number,
  user: string,
  password: string,
  message?: { from: string; to: string; body: string },
  clientAddress?: string,
): Promise<{ authOk: boolean; auth: string; sent?: string }> {
  const c = await LineClient.connect(port, clientAddress);
  try {
    await c.readUntil(smtpReply);
    c.send('EHLO client.hostdesk.test');
    await c.readUntil(smtpReply);
    c.send(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`);
    const auth = await c.readUntil(smtpReply);
    if (!auth.startsWith('235') || !message) {
      c.send('QUIT');
      return { authOk: auth.startsWith('235'), auth };
    }
    const steps = [`MAIL FROM:<${message.from}>`, `RCPT TO:<${message.to}>`, 'DATA'];
    for (const step of steps) {
      c.send(step);
      const reply = await c.readUntil(smtpReply);
      if (!/^[23]/.test(reply)) return { authOk: true, auth, sent: reply };
    }
    c.send(`From: <${message.from}>\r\nTo: <${message.to}>\r\nSubject: Hostdesk test\r\n\r\n${message.body}\r\n.`);
    const sent = await c.readUntil(smtpReply);
    c.send('QUIT');
    return { authOk: true, auth, sent };
  } finally {
    c.close();
  }
}

/**
 * The app on a database Dovecot and Postfix can open too: a SQLite file (shared with Postfix's
 * `postfix` user; SQLite gives its -wal and -shm files the database file's mode) or a fresh
 * PostgreSQL database. The mail servers' endpoints become the app's configured mail servers.
 */
export async function buildMailServerTestApp(
  dialect: Dialect,
  options: { appEnv?: Record<string, string>; beforeMailServers?: (databaseUrl: string) => Promise<MailServerOptions> } = {},
): Promise<{ t: TestApp; servers: MailServers }> {
  let sqliteFile: string | undefined;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync('/tmp/hd-db-');
    chmodSync(dir, 0o777);
    sqliteFile = join(dir, 'hostdesk.db');
    writeFileSync(sqliteFile, '', { mode: 0o666 });
    chmodSync(sqliteFile, 0o666);
  }
  const database = await createTestDatabase(dialect, { sqliteFile });
  if (sqliteFile) shareSqliteFile(sqliteFile);
  await seedCatalog(database.handle);
  let servers: MailServers;
  try {
    servers = await startMailServers(database.url, (await options.beforeMailServers?.(database.url)) ?? {});
  } catch (error) {
    await database.drop();
    throw error;
  }
  const t = await buildTestApp(
    dialect,
    {
      MAIL_IMAP_HOST: '127.0.0.1',
      MAIL_IMAP_PORT: String(servers.ports.imap),
      MAIL_POP3_HOST: '127.0.0.1',
      MAIL_POP3_PORT: String(servers.ports.pop3),
      MAIL_SMTP_HOST: '127.0.0.1',
      MAIL_SMTP_PORT: String(servers.ports.smtp),
      DOVEADM_URLS: servers.doveadmUrl,
      DOVEADM_API_KEY: DOVEADM_TEST_KEY,
      ...options.appEnv,
    },
    { database },
  );
  const closeApp = t.close;
  t.close = async () => {
    await servers.stop();
    await closeApp();
    if (sqliteFile) rmSync(join(sqliteFile, '..'), { recursive: true, force: true });
  };
  return { t, servers };
}

// ---- Sieve (out-of-office replies, forwarding): messages with own headers, whole mailboxes, the log ----

/** SMTP AUTH, then one message whose header lines the test writes itself (e.g. List-Id); returns the final answer. */
export async function smtpSendMessage(port: number, user: string, password: string, message: { from: string; to: string; headers: string[]; body: string }): Promise<string> {
  const c = await LineClient.connect(port);
  try {
    await c.readUntil(smtpReply);
    c.send('EHLO client.hostdesk.test');
    await c.readUntil(smtpReply);
    c.send(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`);
    const auth = await c.readUntil(smtpReply);
    if (!auth.startsWith('235')) return auth;
    for (const step of [`MAIL FROM:<${message.from}>`, `RCPT TO:<${message.to}>`, 'DATA']) {
      c.send(step);
      const reply = await c.readUntil(smtpReply);
      if (!/^[23]/.test(reply)) return reply;
    }
    const lines = [`From: <${message.from}>`, `To: <${message.to}>`, `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@client.hostdesk.test>`, ...message.headers, '', message.body];
    c.send(`${lines.join('\r\n')}\r\n.`);
    const sent = await c.readUntil(smtpReply);
    c.send('QUIT');
    return sent;
  } finally {
    c.close();
  }
}

/** IMAP: every message of the INBOX, raw, one string each. */
export async function imapInbox(port: number, user: string, password: string): Promise<string[]> {
  const { ok, answer, client } = await imapLogin(port, user, password);
  if (!ok) throw new Error(`IMAP login failed: ${answer}`);
  try {
    client.send('a2 SELECT INBOX');
    await client.readUntil(endAfterLine(/^a2 .*\r\n/m));
    client.send('a3 FETCH 1:* (BODY.PEEK[])');
    const fetched = await client.readUntil(endAfterLine(/^a3 .*\r\n/m));
    client.send('a4 LOGOUT');
    return fetched.split(/^\* \d+ FETCH /m).slice(1);
  } finally {
    client.close();
  }
}

/** Waits until the Dovecot log has a line matching `pattern`; returns it. */
export async function waitForDovecotLog(servers: MailServers, pattern: RegExp, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const file = join(servers.dir, 'dovecot.log');
    const line = existsSync(file) ? readFileSync(file, 'utf8').split('\n').find((l) => pattern.test(l)) : undefined;
    if (line) return line;
    if (Date.now() > until) throw new Error(`no Dovecot log line matches ${pattern}\n${servers.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
