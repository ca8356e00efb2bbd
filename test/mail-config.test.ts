import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOVECOT_APP_PASSWORD_QUERY, DOVECOT_PASSWORD_QUERY, writeDovecotConfig } from '../src/features/mail/server-config.ts';
import { runMailConfigCommand } from '../src/features/mail/index.ts';
import { mailServersUnavailable } from './support/mailservers.ts';

const skipReason = mailServersUnavailable({ needsRoot: false });
if (skipReason) console.warn(`mail-config tests skipped: ${skipReason}`);

/** What Dovecot itself makes of the generated files (`doveconf -n`), included as docs/mail-setup.md says. */
function doveconf(dir: string, args: Parameters<typeof writeDovecotConfig>[2], protocols = 'imap pop3'): string {
  writeDovecotConfig('file:/srv/hostdesk/data/hostdesk.db', dir, { mailUser: 'nobody', mailGroup: 'nogroup', ...args });
  writeFileSync(join(dir, 'dovecot.conf'), `protocols = ${protocols}\n!include ${join(dir, 'hostdesk.conf')}\n`);
  return execFileSync('doveconf', ['-n', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** A fresh directory for generated files, removed after the file's tests. */
const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync('/tmp/hd-mail-config-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(skipReason !== null)('hostdesk mail-config dovecot: process settings', () => {
  it("keeps Dovecot's high-security process model by default and sizes auth workers by cores", () => {
    const conf = doveconf(tmp(), { cores: 3 });
    expect(conf).toMatch(/^auth_worker_max_count = 3$/m);
    expect(conf).not.toMatch(/service_count/);
  });

  it('writes the high-performance login mode and reused mail processes only when asked', () => {
    const conf = doveconf(tmp(), { cores: 2, highPerformance: true });
    const service = (name: string) => new RegExp(`^service ${name} \\{\\n([^}]*)\\}`, 'm').exec(conf)?.[1] ?? '';
    expect(service('imap-login')).toMatch(/service_count = 0/);
    expect(service('imap-login')).toMatch(/process_min_avail = 2/);
    expect(service('pop3-login')).toMatch(/service_count = 0/);
    expect(service('imap')).toMatch(/service_count = 100/);
    expect(service('pop3')).toMatch(/service_count = 100/);
  });

  it('makes Hostdesk the auth policy server with --app-url: secret in a 0640 file, fail open, asked before and told after', async () => {
    const dir = tmp();
    const secret = 'a'.repeat(24) + '0123456789abcdef';
    const conf = doveconf(dir, { policy: { appUrl: 'http://10.0.0.5:3000/', secret } });
    expect(conf).toMatch(/^auth_policy_server_url = http:\/\/10\.0\.0\.5:3000\/api\/mail\/dovecot-policy$/m);
    // Dovecot's own reading of the settings (defaults included).
    const settings = execFileSync('doveconf', ['-c', join(dir, 'dovecot.conf'), 'auth_policy_reject_on_fail', 'auth_policy_check_before_auth', 'auth_policy_check_after_auth', 'auth_policy_report_after_auth'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    expect(settings.trim().split('\n')).toEqual(['auth_policy_reject_on_fail = no', 'auth_policy_check_before_auth = yes', 'auth_policy_check_after_auth = no', 'auth_policy_report_after_auth = yes']);
    expect(conf).toContain(`auth_policy_server_api_header = Authorization: Bearer ${secret}`);
    // (doveconf -n hides what starts like a password variable: %{passdb:…}.)
    expect(conf).toMatch(/^auth_policy_request_attributes = login=%\{orig_user\} remote=%\{rip\} protocol=%s .*secured=%\{secured\} app_password=\S*hostdesk_app_password\}$/m);
    expect(statSync(join(dir, 'auth-policy.conf.ext')).mode & 0o777).toBe(0o640);
    // --app-url needs the secret the app runs with, and a URL.
    const refused = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', refused, '--app-url', 'http://10.0.0.5:3000'], () => 'file:/srv/x.db', () => undefined)).toBe(2);
    expect(await runMailConfigCommand(['dovecot', '--out', refused, '--app-url', 'ftp://10.0.0.5'], () => 'file:/srv/x.db', () => secret)).toBe(2);
    expect(readdirSync(refused)).toEqual([]);
    // Without --app-url, no policy server.
    expect(doveconf(tmp(), {})).not.toMatch(/auth_policy_server_url/);
  });
  it('writes the Lua passdb of mailbox passwords for PostgreSQL by default (the SQL one with --passdb sql), never for SQLite', async () => {
    const pg = 'postgres://mailserver:geh%27eim@db.internal:5432/hostdesk';
    const lua = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', lua, '--no-auth-cache'], () => pg)).toBe(0);
    expect(readFileSync(join(lua, 'hostdesk.conf'), 'utf8')).toContain(`passdb {\n  driver = lua\n  args = file=${join(lua, 'dovecot-passdb.lua')} blocking=yes cache_key=%u%s\n}`);
    const script = readFileSync(join(lua, 'dovecot-passdb.lua'), 'utf8');
    expect(statSync(join(lua, 'dovecot-passdb.lua')).mode & 0o777).toBe(0o640);
    // The password query's text, with the login and service as escaped Lua variables.
    for (const part of DOVECOT_PASSWORD_QUERY.split(/%L[us]/)) expect(script).toContain(JSON.stringify(part));
    expect(script).toMatch(/local login = c:escape\(req:var_expand\("%Lu"\)\)/);
    // libpq's quoting of the password (a quote in it).
    expect(script).toContain(`password='geh\\\\'eim'`);
    const sql = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', sql, '--no-auth-cache', '--passdb', 'sql'], () => pg)).toBe(0);
    expect(readdirSync(sql).sort()).toEqual(['app-passwords.lua', 'dovecot-dict-sieve.conf.ext', 'dovecot-dict-sql.conf.ext', 'dovecot-sql.conf.ext', 'hostdesk.conf']);
    expect(readFileSync(join(sql, 'hostdesk.conf'), 'utf8')).toMatch(/passdb \{\n  driver = sql\n/);
    // SQLite: SQL passdb only; a wrong value is a usage error. Nothing written either time.
    expect(doveconf(tmp(), {})).toMatch(/passdb \{\n  args = \S+dovecot-sql\.conf\.ext\n  driver = sql\n/);
    const refused = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', refused, '--no-auth-cache', '--passdb', 'lua'], () => 'file:/srv/x.db')).toBe(2);
    expect(await runMailConfigCommand(['dovecot', '--out', refused, '--no-auth-cache', '--passdb', 'ldap'], () => pg)).toBe(2);
    expect(readdirSync(refused)).toEqual([]);
  });

  it('writes the app passwords passdb first on both databases: uncached, failures go on to the mailbox password', async () => {
    const dir = tmp();
    const conf = doveconf(dir, {});
    // Dovecot's own reading: the app passwords' passdb, then the mailbox password's.
    // (doveconf -n hides the cache key and leaves out result_failure = continue, Dovecot's default.)
    expect(conf).toMatch(/passdb \{\n  args = file=\S+app-passwords\.lua blocking=yes cache_key=\S*\n  driver = lua\n\}\npassdb \{\n  args = \S+dovecot-sql\.conf\.ext\n  driver = sql\n\}/);
    expect(readFileSync(join(dir, 'hostdesk.conf'), 'utf8')).toContain('blocking=yes cache_key=%u%s%{sha256:password}\n  result_failure = continue\n');
    const script = readFileSync(join(dir, 'app-passwords.lua'), 'utf8');
    expect(statSync(join(dir, 'app-passwords.lua')).mode & 0o777).toBe(0o640);
    expect(script).toContain('require("luasql.sqlite3")');
    expect(script).toContain('local CONNECT = "/srv/hostdesk/data/hostdesk.db"');
    for (const part of DOVECOT_APP_PASSWORD_QUERY.split(/%L[us]|%\{public\}/)) if (part) expect(script).toContain(JSON.stringify(part));
    expect(script).toContain('function auth_password_verify(req, password)');
    // The mailbox password of an app-passwords-only mailbox is not even looked up.
    expect(DOVECOT_PASSWORD_QUERY).toContain('m.app_passwords_only = 0');
    const pg = tmp();
    writeDovecotConfig('postgres://mail@db.internal/hostdesk', pg, { mailUser: 'nobody', mailGroup: 'nogroup' });
    expect(readFileSync(join(pg, 'app-passwords.lua'), 'utf8')).toContain('require("luasql.postgres")');
  });
});

// ---- LMTP and Sieve: out-of-office reply and forwarding (docs/mail-setup.md section 8) ----
describe.skipIf(skipReason !== null)('hostdesk mail-config dovecot: LMTP and Sieve', () => {
  it('runs Sieve on LMTP delivery with Hostdesk\'s script from the dict before the user\'s own, as Dovecot reads it', () => {
    const dir = tmp();
    const conf = doveconf(dir, { submissionHost: '127.0.0.1:25' }, 'imap pop3 lmtp');
    expect(conf).toMatch(/protocol lmtp \{\n  mail_plugins = " quota quota_clone sieve"\n\}/);
    expect(conf).toContain(`hostdesk_sieve = sqlite:${join(dir, 'dovecot-dict-sieve.conf.ext')}`);
    expect(conf).toContain('sieve_before = dict:proxy::hostdesk_sieve;name=hostdesk;bindir=~/.sieve-hostdesk');
    expect(conf).toContain('sieve = file:~/sieve;active=~/.dovecot.sieve');
    expect(conf).toMatch(/^submission_host = 127\.0\.0\.1:25$/m);
    const dict = readFileSync(join(dir, 'dovecot-dict-sieve.conf.ext'), 'utf8');
    expect(dict).toContain('connect = "/srv/hostdesk/data/hostdesk.db"');
    expect(dict).toMatch(/pattern = priv\/sieve\/name\/hostdesk\n  table = mail_sieve_scripts\n  username_field = account_name\n  value_field = script_id/);
    expect(statSync(join(dir, 'dovecot-dict-sieve.conf.ext')).mode & 0o777).toBe(0o640);
  });

  it('sends replies through sendmail without --submission-host, and refuses a malformed one', async () => {
    const dir = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', dir, '--no-auth-cache'], () => "postgres://mail:geh'eim@db.internal:5432/hostdesk")).toBe(0);
    const conf = readFileSync(join(dir, 'hostdesk.conf'), 'utf8');
    expect(conf).not.toMatch(/^submission_host/m);
    expect(conf).toContain(`hostdesk_sieve = pgsql:${join(dir, 'dovecot-dict-sieve.conf.ext')}`);
    expect(readFileSync(join(dir, 'dovecot-dict-sieve.conf.ext'), 'utf8')).toContain(`password='geh\\'eim'`);
    const refused = tmp();
    expect(await runMailConfigCommand(['dovecot', '--out', refused, '--no-auth-cache', '--submission-host', 'localhost 25'], () => 'file:/srv/x.db')).toBe(2);
    expect(readdirSync(refused)).toEqual([]);
  });
});

// Mailbox quota (issue #16 part 2): the pieces Dovecot and Postfix get, as Dovecot itself reads them.
describe.skipIf(skipReason !== null)('hostdesk mail-config: mailbox quota', () => {
  it('counts usage with the count backend, copies it into mail_quota_usage through the dict proxy, and serves quota-status for Postfix', async () => {
    const dir = tmp();
    const conf = doveconf(dir, {});
    expect(conf).toMatch(/^mail_plugins = "?(.* )?quota quota_clone"?$/m);
    expect(conf).toMatch(/^  quota = count:User quota$/m);
    expect(conf).toMatch(/^  quota_clone_dict = proxy::hostdesk_quota$/m);
    expect(conf).toMatch(/^  quota_status_overquota = "?552 5\.2\.2 Mailbox is full"?$/m);
    // Refused for good is Dovecot's default (doveconf -n lists only what differs from it).
    expect(conf).not.toMatch(/quota_full_tempfail = yes/);
    expect(conf).toContain(`hostdesk_quota = sqlite:${join(dir, 'dovecot-dict-sql.conf.ext')}`);
    expect(conf).toMatch(/service quota-status \{\n  client_limit = 1\n  executable = quota-status -p postfix\n  inet_listener \{\n    address = 127\.0\.0\.1\n    port = 12340\n/);
    const dict = readFileSync(join(dir, 'dovecot-dict-sql.conf.ext'), 'utf8');
    expect(dict).toContain('connect = "/srv/hostdesk/data/hostdesk.db"');
    expect(dict).toMatch(/pattern = priv\/quota\/storage\n  table = mail_quota_usage\n  username_field = account_name\n  value_field = bytes/);
    expect(statSync(join(dir, 'dovecot-dict-sql.conf.ext')).mode & 0o777).toBe(0o640);
    // The userdb hands Dovecot the limit (the quota Hostdesk stores, in MB).
    expect(readFileSync(join(dir, 'dovecot-sql.conf.ext'), 'utf8')).toContain("'*:storage=' || m.quota_mb || 'M' AS quota_rule");
  });

  it('defers instead of refusing with --quota-full defer, listens where told, and writes the PostgreSQL dict with libpq quoting', async () => {
    const dir = tmp();
    const pg = 'postgres://mailserver:geh%27eim@db.internal:5432/hostdesk';
    expect(await runMailConfigCommand(['dovecot', '--out', dir, '--no-auth-cache', '--quota-full', 'defer', '--quota-status-listen', '10.0.0.5:10993'], () => pg)).toBe(0);
    const conf = readFileSync(join(dir, 'hostdesk.conf'), 'utf8');
    expect(conf).toContain('quota_full_tempfail = yes');
    expect(conf).toContain('quota_status_overquota = "452 4.2.2 Mailbox is full"');
    expect(conf).toContain('    address = 10.0.0.5\n    port = 10993\n');
    expect(conf).toContain(`hostdesk_quota = pgsql:${join(dir, 'dovecot-dict-sql.conf.ext')}`);
    expect(readFileSync(join(dir, 'dovecot-dict-sql.conf.ext'), 'utf8')).toContain(`password='geh\\'eim'`);
  });

  it('has Postfix ask quota-status at RCPT, going on when it cannot be reached', async () => {
    const dir = tmp();
    expect(await runMailConfigCommand(['postfix', '--out', dir, '--quota-status', 'inet:10.0.0.5:10993'], () => 'file:/srv/x.db')).toBe(0);
    const main = readFileSync(join(dir, 'main.cf'), 'utf8');
    expect(main).toMatch(/^smtpd_recipient_restrictions = reject_unauth_destination, check_policy_service inet:10\.0\.0\.5:10993$/m);
    expect(main).toMatch(/^smtpd_policy_service_default_action = DUNNO$/m);
    expect(await runMailConfigCommand(['postfix', '--out', tmp(), '--quota-status', 'irgendwo'], () => 'file:/srv/x.db')).toBe(2);
  });

  it('refuses bad quota options and writes nothing', async () => {
    for (const args of [['--quota-full', 'bounce'], ['--quota-status-listen', '127.0.0.1'], ['--quota-status-listen', '127.0.0.1:99999'], ['--quota-status-listen', 'a b:1']]) {
      const dir = tmp();
      expect(await runMailConfigCommand(['dovecot', '--out', dir, '--no-auth-cache', ...args], () => 'file:/srv/x.db'), args.join(' ')).toBe(2);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});
