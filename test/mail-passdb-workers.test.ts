import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { buildMailServerTestApp, imapLogin, imapOk, mailServersUnavailable, pop3Login, type MailServers } from './support/mailservers.ts';

// Where Dovecot checks the hashes: with SQLite the sql passdb, with PostgreSQL the generated Lua
// passdb, both in auth-worker processes. auth_debug makes Dovecot log which process handled each
// password check ("auth-worker(PID): … Handling PASSV request"); auth_username_chars is emptied so
// that names with quotes and backslashes reach the passdb instead of being refused before it.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`passdb worker tests skipped: ${skipReason}`);

const debugAndAnyName = { editDovecotConfig: (dir: string) => appendFileSync(join(dir, 'dovecot.conf'), 'auth_debug = yes\nauth_username_chars =\n') };

/** Dovecot's own processes (children of this instance's master), as `ps` names them (an auth worker: `dovecot/auth -w`). */
function dovecotChildren(servers: MailServers): string[] {
  const master = readFileSync(join(servers.dir, 'dovecot-run', 'master.pid'), 'utf8').trim();
  return execFileSync('ps', ['-o', 'args=', '--ppid', master]).toString().split('\n').filter(Boolean);
}

/**
 * The log lines of password checks and which process ran them: PASSV (look up and verify) and,
 * for a login answered from the auth cache, PASSW (verify against the cached hash).
 */
const passwordChecks = (servers: MailServers) =>
  readFileSync(join(servers.dir, 'dovecot.log'), 'utf8')
    .split('\n')
    .filter((l) => /Handling PASS[VW] request/.test(l));

describe.skipIf(skipReason !== null).each(DIALECTS)('passdb in auth workers on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect, { beforeMailServers: async () => debugAndAnyName }));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it(`writes the ${dialect === 'postgres' ? 'Lua passdb with blocking=yes (root:dovecot 0640)' : 'SQL passdb'} and checks every hash in an auth-worker process`, async () => {
    const conf = execFileSync('doveconf', ['-n', '-c', join(servers.dir, 'dovecot', 'dovecot.conf')]).toString();
    // The app passwords' passdb first, then the mailbox password's, the one this test is about.
    const passdbs = [...conf.matchAll(/^passdb \{\n([^}]*)\}/gm)].map((m) => m[1]!);
    expect(passdbs[0]).toMatch(/app-passwords\.lua/);
    const passdb = passdbs[1] ?? '';
    if (dialect === 'postgres') {
      expect(passdb).toMatch(/driver = lua/);
      // doveconf hides the cache_key value (it looks like a secret to it): the generated file says it.
      expect(passdb).toMatch(/args = file=\S+\/dovecot-passdb\.lua blocking=yes cache_key=/);
      expect(readFileSync(join(servers.dir, 'dovecot', 'hostdesk.conf'), 'utf8')).toMatch(/^  args = file=\S+ blocking=yes cache_key=%u%s$/m);
      const lua = statSync(join(servers.dir, 'dovecot', 'dovecot-passdb.lua'));
      expect(lua.mode & 0o777).toBe(0o640);
      expect(lua.uid).toBe(0);
    } else {
      expect(passdb).toMatch(/driver = sql/);
    }
    const order = await orderFor(t, { tariff: 'mail-s' });
    const account = order.mailAccount!;
    for (let i = 0; i < 3; i++) {
      expect(await imapOk(servers.ports.imap, account.name, account.password), servers.logs()).toBe(true);
    }
    expect((await pop3Login(servers.ports.pop3, account.name, `${account.password}x`)).ok).toBe(false);
    const checks = passwordChecks(servers);
    expect(checks.length, servers.logs()).toBeGreaterThanOrEqual(1);
    // The repeated logins were cache hits (the cache is on), checked in a worker too.
    expect(checks.some((l) => /PASSW/.test(l)), servers.logs()).toBe(true);
    // Every password check was handled by an auth worker, none by the auth process itself.
    expect(checks.filter((l) => !/auth-worker\(\d+\)/.test(l))).toEqual([]);
    expect(dovecotChildren(servers).some((p) => /^dovecot\/auth(-worker| -w)/.test(p)), dovecotChildren(servers).join('\n')).toBe(true);
  });

  it.runIf(dialect === 'postgres')("reconnects a worker whose database connection was cut, and the next login works", async () => {
    // Fresh accounts each time: a repeated login would be answered by the auth cache, not the passdb.
    const login = async () => {
      const { name, password } = (await orderFor(t, { tariff: 'mail-s' })).mailAccount!;
      return imapOk(servers.ports.imap, name, password);
    };
    expect(await login(), servers.logs()).toBe(true);
    // The Lua passdb's connections: the ones whose last statement was the password query.
    const cut = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query like ${'%WHEN \'imap\' THEN m.imap%'}`.execute(t.db);
    expect(cut.rows[0]!.n).toBeGreaterThanOrEqual(1);
    // Every worker whose connection was cut reconnects on its next lookup; none answers "wrong password".
    for (let i = 0; i < 3; i++) expect(await login(), servers.logs()).toBe(true);
    await expect.poll(() => readFileSync(join(servers.dir, 'dovecot.log'), 'utf8'), { timeout: 5000 }).toMatch(/passdb lua: query failed \(.*\), reconnecting/);
  });

  it('refuses login names with quotes and backslashes, and the next real login still works', async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const { name, password } = order.mailAccount!;
    const logFrom = readFileSync(join(servers.dir, 'dovecot.log'), 'utf8').length;
    for (const login of [`${name}' OR '1'='1`, `x' UNION SELECT '${name}', 'x' --`, `${name}\\`, `\\'${name}`, `${name}'`]) {
      const r = await imapLogin(servers.ports.imap, login, password);
      r.client.close();
      expect(r.ok, `${login}: ${r.answer}`).toBe(false);
      // Refused as a wrong login, not as a broken passdb ("temporary failure").
      expect(r.answer, servers.logs()).toMatch(/AUTHENTICATIONFAILED/);
    }
    const log = readFileSync(join(servers.dir, 'dovecot.log'), 'utf8').slice(logFrom);
    // An unescaped quote would be a syntax error in the password query (logged as "query failed (ERROR: …)").
    expect(log).not.toMatch(/syntax error|unterminated/i);
    expect(await imapOk(servers.ports.imap, name, password), servers.logs()).toBe(true);
  });
});

describe.skipIf(skipReason !== null || !DIALECTS.includes('postgres'))('the SQL passdb on PostgreSQL (--passdb sql)', () => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp('postgres', { beforeMailServers: async () => ({ ...debugAndAnyName, dovecotArgs: ['--passdb', 'sql'] }) }));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // The contrast that makes the Lua passdb the default: Dovecot's pgsql driver checks the hash in
  // the auth process, so no PASSV request ever reaches a worker.
  it('logs in, with the hash checked in the auth process itself', async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    expect(await imapOk(servers.ports.imap, order.mailAccount!.name, order.mailAccount!.password), servers.logs()).toBe(true);
    // (The app passwords' Lua passdb before it still runs in a worker; it passes the mailbox password on.)
    const log = readFileSync(join(servers.dir, 'dovecot.log'), 'utf8');
    expect(log).toMatch(/auth: Debug: sql\(/);
    expect(log.split('\n').filter((l) => /auth-worker\(\d+\).*sql\(/.test(l))).toEqual([]);
  });
});
