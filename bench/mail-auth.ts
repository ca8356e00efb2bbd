import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedCatalog } from '../src/demo.ts';
import { placeFirstOrder } from '../src/features/orders/index.ts';
import { databaseTarget, dovecotSqlConfig } from '../src/features/mail/server-config.ts';
import { hashMailPassword } from '../src/platform/crypto.ts';
import { openDatabase, type DbHandle, type Dialect } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { mailServersUnavailable, LineClient, shareSqliteFile, startMailServers, type MailServers } from '../test/support/mailservers.ts';
import { DURATION, TICK_MS, argon2HashesPerSecond, benchDatabase, processStat, runningPids, type Row } from './support.ts';

/**
 * Mail auth at scale: 100,000 and then 1,000,000 mail accounts (plus one mailbox address each)
 * bulk-generated in SQL, all with one precomputed `{ARGON2ID}` hash of the real parameters;
 * the test Dovecot (`hostdesk mail-config` output with the auth cache off; on PostgreSQL its
 * default Lua passdb) reads them. At the first size also: the cache on, PostgreSQL's
 * `--passdb sql` beside the Lua one, and at the end PostgreSQL ÷ SQLite per size. Reported:
 * IMAP logins/s divided by argon2id hashes/s of the same run, the plans of the passdb/userdb
 * queries (index or scan) and the time of one lookup straight in the database.
 *
 * The database's share directly: the same Dovecot without the database (see `withoutDatabase`)
 * runs beside it, and the two take turns under the same load; both their logins/s and their CPU
 * per login (every Dovecot process, from /proc) are compared. Both run in Dovecot's
 * high-performance process mode (`mail-config --high-performance`): the bench is about the
 * lookup, and the default mode's two process starts per login would only add the same cost to
 * both sides. Dovecot's default mode is measured once per database, at the first size.
 */
// 1,000 first: the control, where no lookup can cost anything; then the sizes the issue asks for.
const SIZES = (process.env.BENCH_MAIL_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const PASSWORD = 'Bench-Postfach-2026!';
const DOMAIN = 'bench-postfach.de';
const WORKERS = Number(process.env.BENCH_IMAP_WORKERS ?? 8);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Account i's login name (`<contract-like number>.<NNN>`) and mailbox address. */
const nameOf = (i: number) => `${800_000 + Math.floor(i / 10)}.${String((i % 10) + 1).padStart(3, '0')}`;
const addressOf = (i: number) => `m${800_000 + Math.floor(i / 10)}-${String((i % 10) + 1).padStart(3, '0')}@${DOMAIN}`;

interface BenchDb {
  url: string;
  handle: DbHandle;
  drop(): Promise<void>;
}

/** A database Dovecot can read too: a world-readable SQLite file, or a fresh PostgreSQL database. */
async function mailBenchDatabase(dialect: Dialect): Promise<BenchDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync('/tmp/hd-bench-mail-');
    chmodSync(dir, 0o777);
    const file = join(dir, 'hostdesk.db');
    writeFileSync(file, '', { mode: 0o666 });
    chmodSync(file, 0o666);
    const handle = openDatabase(`file:${file}`);
    await migrateToLatest(handle);
    shareSqliteFile(file);
    return { url: `file:${file}`, handle, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return benchDatabase('postgres', 'mail');
}

/** One real contract with the E-Mail Administration; the generated accounts and addresses hang off it. */
async function prepareContract(handle: DbHandle) {
  await seedCatalog(handle);
  const { db, dialect } = handle;
  const order = await placeFirstOrder(db, dialect, { tariff: 'mail-l', domains: [DOMAIN], email: `kunde@${DOMAIN}` }, { channel: 'cli', actor: 'bench' }, new Date());
  const contract = await db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
  const domain = await db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
  return { contractId: contract.id, domainId: domain.id };
}

/** Accounts from+1 … to, one mailbox address each, in a handful of set-based statements. */
async function generateAccounts(handle: DbHandle, target: { contractId: number; domainId: number }, from: number, to: number, hash: string) {
  const { db, dialect } = handle;
  const now = new Date().toISOString();
  const before = await db.selectFrom('mailAccounts').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const lastId = Number(before.max ?? 0);
  if (dialect === 'postgres') {
    await sql`insert into mail_accounts (contract_id, name, password_hash, quota_mb, active, imap, pop3, smtp, created_at, password_changed_at)
      select ${target.contractId}, (800000 + i / 10)::text || '.' || lpad(((i % 10) + 1)::text, 3, '0'), ${hash}, 1024, 1, 1, 1, 1, ${now}, ${now}
      from generate_series(${from + 1}::int, ${to}::int) as i`.execute(db);
  } else {
    await sql`with recursive n(i) as (select ${from + 1} union all select i + 1 from n where i < ${to})
      insert into mail_accounts (contract_id, name, password_hash, quota_mb, active, imap, pop3, smtp, created_at, password_changed_at)
      select ${target.contractId}, printf('%d.%03d', 800000 + i / 10, (i % 10) + 1), ${hash}, 1024, 1, 1, 1, 1, ${now}, ${now} from n`.execute(db);
  }
  await sql`insert into mail_addresses (contract_id, domain_id, local_part, address, kind, account_id, is_primary, created_at)
    select ${target.contractId}, ${target.domainId}, 'm' || replace(name, '.', '-'), 'm' || replace(name, '.', '-') || ${`@${DOMAIN}`}, 'mailbox', id, 1, ${now}
    from mail_accounts where id > ${lastId} and contract_id = ${target.contractId} and name like '8%'`.execute(db);
  await sql`analyze`.execute(db);
}

/** Dovecot's passdb and userdb queries exactly as `hostdesk mail-config` writes them. */
function dovecotQueries(databaseUrl: string): { passdb: string; userdb: string } {
  const text = dovecotSqlConfig(databaseTarget(databaseUrl), { mailRoot: '/var/vmail' });
  const line = (key: string) => new RegExp(`^${key} = (.*)$`, 'm').exec(text)![1]!;
  return { passdb: line('password_query'), userdb: line('user_query') };
}

const fill = (query: string, user: string) => query.replaceAll('%Lu', user).replaceAll('%Ls', 'imap');

/** The plan of a query, and whether it reads any table whole. */
async function planOf(handle: DbHandle, query: string): Promise<{ scans: string[]; plan: string }> {
  if (handle.dialect === 'postgres') {
    const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(handle.db);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    return { scans: [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!), plan };
  }
  const { rows } = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(handle.db);
  const plan = rows.map((r) => r.detail).join('\n');
  // "SCAN m" reads a table whole; "SEARCH … USING … INDEX" / "USING INTEGER PRIMARY KEY" do not.
  return { scans: rows.map((r) => r.detail).filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d)), plan };
}

/** Mean time of one passdb plus one userdb lookup run straight against the database. */
async function lookupMs(handle: DbHandle, queries: { passdb: string; userdb: string }, accounts: number): Promise<number> {
  const n = 300;
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const i = 1 + Math.floor(Math.random() * accounts);
    const user = k % 2 ? nameOf(i) : addressOf(i);
    const found = await sql.raw(fill(queries.passdb, user)).execute(handle.db);
    if (found.rows.length !== 1) throw new Error(`passdb lookup of ${user} found ${found.rows.length} rows`);
    await sql.raw(fill(queries.userdb, user)).execute(handle.db);
  }
  return (performance.now() - t0) / n;
}

const run = promisify(execFile);

/** CPU seconds used by this process's finished children. */
const childrenCpuSeconds = () => (processStat('self').reapedTicks * TICK_MS) / 1000;

/**
 * Dovecot's own argon2id (libsodium, not the app's Rust implementation) as verifies per second
 * of all cores: the CPU time of `doveadm pw -t` with the hash, minus the same command with a
 * {PLAIN} hash, per verification. CPU time, not wall time, so other load on the machine does not
 * shrink it.
 */
async function dovecotVerifiesPerSecond(hash: string): Promise<{ perSecond: number; cpuMs: number }> {
  const n = 24;
  const cpu = async (h: string) => {
    const before = childrenCpuSeconds();
    for (let k = 0; k < n; k++) await run('doveadm', ['pw', '-t', h, '-p', PASSWORD]);
    return (childrenCpuSeconds() - before) / n;
  };
  const plain = await cpu(`{PLAIN}${PASSWORD}`);
  const argon = await cpu(hash);
  const cpuMs = Math.max(0.1, (argon - plain) * 1000);
  return { perSecond: (os.cpus().length * 1000) / cpuMs, cpuMs };
}

/**
 * The same Dovecot minus the database, hashing where the SQL-backed one hashes. Dovecot 2.3 runs
 * a SQLite passdb in auth-worker processes (its driver blocks; one per core) but verifies a
 * PostgreSQL, passwd-file or static passdb's password in its one auth process (one core). So:
 * - PostgreSQL: a passwd-file passdb with the same hash for accounts 1…REFERENCE_ACCOUNTS (by
 *   name, and by address with `user=` to the name) and a static userdb: no database at all.
 * - SQLite: a passwd-file passdb would verify on one core while SQLite's workers use two, and
 *   the comparison would show the process model rather than the database. Instead the same
 *   SQLite passdb/userdb with queries that read no table (constants): same driver, same
 *   workers, no lookup.
 */
const REFERENCE_ACCOUNTS = 1000;
/** With the auth cache on: logins of this many accounts, again and again (mail programs polling). */
const CACHED_ACCOUNTS = 50;
function withoutDatabase(dialect: Dialect, hash: string) {
  return (configDir: string) => {
    const mailRoot = join(configDir, '..', 'vmail');
    if (dialect === 'sqlite') {
      const file = join(configDir, 'dovecot-sql.conf.ext');
      const text = readFileSync(file, 'utf8')
        .replace(/^password_query = .*$/m, `password_query = SELECT '%Lu' AS user, '${hash}' AS password`)
        .replace(/^user_query = .*$/m, `user_query = SELECT '%Lu' AS user, '${mailRoot}/%Lu' AS home, '*:storage=1024M' AS quota_rule`);
      writeFileSync(file, text);
      return;
    }
    const users = join(configDir, 'users');
    const lines = Array.from({ length: REFERENCE_ACCOUNTS }, (_, k) => `${nameOf(k + 1)}:${hash}::::::\n${addressOf(k + 1)}:${hash}::::::user=${nameOf(k + 1)}\n`);
    writeFileSync(users, lines.join('')); // read by the auth process, which runs as dovecot
    const conf = join(configDir, 'hostdesk.conf');
    const text = readFileSync(conf, 'utf8')
      .replace(/passdb \{\n  driver = (sql|lua)\n  args = [^\n]+\n\}/, `passdb {\n  driver = passwd-file\n  args = ${users}\n}`)
      .replace(/userdb \{\n  driver = sql\n  args = [^\n]+\n\}/, `userdb {\n  driver = static\n  args = home=${mailRoot}/%Lu quota_rule=*:storage=1024M\n}`);
    if (!text.includes('driver = passwd-file') || !text.includes('driver = static')) throw new Error('mail-config output changed: cannot swap passdb/userdb');
    writeFileSync(conf, text);
  };
}

/** CPU clock ticks of one Dovecot: its master, the master's live children, and its reaped ones. */
function dovecotTicks(masterPid: number): { all: number; auth: number } {
  const master = processStat(masterPid);
  let all = master.ticks + master.reapedTicks;
  let auth = 0;
  for (const pid of runningPids()) {
    try {
      const p = processStat(pid);
      if (p.ppid !== masterPid) continue;
      all += p.ticks;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('dovecot/auth')) auth += p.ticks;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return { all, auth };
}

/** Dovecot writes its pid file a moment after it starts listening. */
async function masterPidOf(servers: MailServers): Promise<number> {
  const file = join(servers.dir, 'dovecot-run', 'master.pid');
  for (let k = 0; ; k++) {
    try {
      return Number(readFileSync(file, 'utf8'));
    } catch (error) {
      if (k >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A Dovecot under test and what it has done so far: logins, seconds, CPU ticks (all, auth). */
interface Tally {
  servers: MailServers;
  accounts: number;
  logins: number;
  seconds: number;
  ticks: number;
  authTicks: number;
  refused: number;
  firstRefusal: string;
}
const tally = (servers: MailServers, accounts: number): Tally => ({ servers, accounts, logins: 0, seconds: 0, ticks: 0, authTicks: 0, refused: 0, firstRefusal: '' });

/** Login load on each Dovecot in turn, `rounds` times, `seconds` each: shared-machine noise hits all alike. */
async function takeTurns(tallies: Tally[], rounds: number, seconds: number) {
  for (let r = 0; r < rounds; r++) {
    for (const t of tallies) {
      const pid = await masterPidOf(t.servers);
      const before = dovecotTicks(pid);
      const got = await imapLoginLoad(t.servers.ports.imap, t.accounts, seconds);
      const after = dovecotTicks(pid);
      t.logins += got.ok;
      t.seconds += got.seconds;
      t.ticks += after.all - before.all;
      t.authTicks += after.auth - before.auth;
      t.refused += got.refused;
      t.firstRefusal ||= got.firstRefusal;
    }
  }
}
const perSecond = (t: Tally) => t.logins / t.seconds;
const cpuMs = (t: Tally) => `${round((t.ticks * TICK_MS) / t.logins, 1)} (auth ${round((t.authTicks * TICK_MS) / t.logins, 1)})`;

const endAfterLine = (re: RegExp) => (text: string) => {
  const m = re.exec(text);
  return m ? m.index + m[0].length : -1;
};

/** IMAP logins (connect, LOGIN, LOGOUT) of random accounts, by name or address, `WORKERS` at a time. */
async function imapLoginLoad(port: number, accounts: number, seconds: number) {
  let ok = 0;
  let refused = 0;
  let firstRefusal = '';
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const i = 1 + Math.floor(Math.random() * accounts);
      const user = Math.random() < 0.5 ? nameOf(i) : addressOf(i);
      const c = await LineClient.connect(port);
      try {
        await c.readUntil(endAfterLine(/^\* OK.*\r\n/m));
        c.send(`a1 LOGIN "${user}" "${PASSWORD}"`);
        const answer = await c.readUntil(endAfterLine(/^a1 .*\r\n/m));
        if (/^a1 OK/m.test(answer)) ok++;
        else {
          refused++;
          firstRefusal ||= `${user}: ${answer.trim()}`;
        }
        c.send('a2 LOGOUT');
        await c.readUntil(endAfterLine(/^a2 .*\r\n/m)).catch(() => '');
      } finally {
        c.close();
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return { ok, seconds: elapsed, perSecond: ok / elapsed, refused, firstRefusal };
}

export async function runMailAuthBench(): Promise<Row[]> {
  const skip = mailServersUnavailable();
  if (skip) throw new Error(`mail auth benchmark needs Dovecot: ${skip}`);
  const hash = await hashMailPassword(PASSWORD);
  if (process.env.BENCH_VERBOSE) console.error(`mail hash: ${hash}`);
  const rows: Row[] = [];
  // IMAP logins/s of the generated config (cache off) per database and size, and per argon2id hash/s
  // of the same run (the machine is shared: the normalised ratio is the steadier one).
  const rates: Record<string, Partial<Record<Dialect, { perSecond: number; perHash: number }>>> = {};
  const dovecot = await dovecotVerifiesPerSecond(hash);
  rows.push({ bench: "Dovecot's argon2id: CPU ms per verify → verifies/s on all cores", dialect: '-', value: `${round(dovecot.cpuMs, 1)} → ${round(dovecot.perSecond, 1)}`, limit: '-', ratio: '-', target: '-' });
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const database = await mailBenchDatabase(dialect);
    let servers: MailServers | undefined;
    let reference: MailServers | undefined;
    try {
      const target = await prepareContract(database.handle);
      const queries = dovecotQueries(database.url);
      let generated = 0;
      for (const size of SIZES) {
        const t0 = performance.now();
        await generateAccounts(database.handle, target, generated, size, hash);
        if (database.url.startsWith('file:')) shareSqliteFile(database.url.slice('file:'.length));
        const genS = (performance.now() - t0) / 1000;
        generated = size;
        const label = size.toLocaleString('en');
        rows.push({ bench: `mail accounts generated (+ addresses) s`, dialect, value: `${label} in ${round(genS, 1)}`, limit: '-', ratio: '-', target: '-' });

        const sample = fill(queries.passdb, addressOf(size));
        const passPlan = await planOf(database.handle, sample);
        const userPlan = await planOf(database.handle, fill(queries.userdb, nameOf(size)));
        const scans = [...passPlan.scans, ...userPlan.scans];
        rows.push({ bench: `passdb/userdb plans at ${label}`, dialect, value: scans.length ? `table scan: ${scans.join(', ')}` : 'indexes only', limit: '-', ratio: '-', target: 'indexes only' });
        if (process.env.BENCH_VERBOSE) console.error(`${dialect} ${label} passdb plan:\n${passPlan.plan}\nuserdb plan:\n${userPlan.plan}`);
        rows.push({ bench: `passdb + userdb lookup ms at ${label}`, dialect, value: round(await lookupMs(database.handle, queries, size), 3), limit: '-', ratio: '-', target: '-' });

        // Dovecot reads the database through its own connections; start it once the rows are there.
        // The auth cache off: every login pays its lookup and argon2id check, which is what is measured.
        const fast = ['--high-performance', '--no-auth-cache'];
        servers ??= await startMailServers(database.url, { dovecotArgs: fast });
        reference ??= await startMailServers(database.url, { dovecotArgs: fast, editDovecotConfig: withoutDatabase(dialect, hash) });
        // Dovecot's default process mode, once: its cost per login does not depend on the size.
        const first = size === SIZES[0];
        const secure = first ? await startMailServers(database.url, { dovecotArgs: ['--no-auth-cache'] }) : undefined;
        // Once as well: the auth cache on (as generated by default), and on PostgreSQL the SQL
        // passdb (pgsql driver, hashes checked in the auth process) against the generated Lua one.
        const cached = first ? await startMailServers(database.url, { dovecotArgs: ['--high-performance'] }) : undefined;
        const sqlPassdb = first && dialect === 'postgres' ? await startMailServers(database.url, { dovecotArgs: [...fast, '--passdb', 'sql'] }) : undefined;
        const extra = [secure, cached, sqlPassdb].filter((x): x is MailServers => x !== undefined);
        // The cache pays off for accounts that log in again: the cached Dovecot gets a hot set.
        const turns = [tally(servers, size), tally(reference, REFERENCE_ACCOUNTS), ...extra.map((x) => tally(x, x === cached ? CACHED_ACCOUNTS : size))];
        const tallyOf = (x: MailServers | undefined) => turns.find((t) => t.servers === x);
        let before, after;
        try {
          await takeTurns(turns, 1, 0.5); // starts the auth workers and the first imap processes
          for (const t of turns) Object.assign(t, tally(t.servers, t.accounts));
          // The machine may be shared: the limits are measured right before and after the logins.
          before = await argon2HashesPerSecond(3);
          await takeTurns(turns, 4, DURATION / 4);
          after = await argon2HashesPerSecond(3);
        } finally {
          for (const x of extra) await x.stop();
        }
        const [sqlBacked, noDatabase] = turns as [Tally, Tally];
        const imap = { perSecond: perSecond(sqlBacked) };
        const hashing = { perSecond: (before.perSecond + after.perSecond) / 2 };
        for (const t of turns.filter((t) => t.refused > 0)) {
          rows.push({ bench: `IMAP logins refused at ${label}`, dialect, value: `${t.refused} (${t.firstRefusal})`, limit: '0', ratio: '-', target: '0' });
        }
        rows.push({
          bench: `IMAP logins/s at ${label} accounts / argon2id hashes/s`,
          dialect,
          value: round(imap.perSecond, 1),
          limit: round(hashing.perSecond, 1),
          ratio: round(imap.perSecond / hashing.perSecond),
          target: '≥ 0.9',
        });
        rows.push({
          bench: `IMAP logins/s at ${label} accounts / Dovecot's argon2id verifies/s (CPU time)`,
          dialect,
          value: round(imap.perSecond, 1),
          limit: round(dovecot.perSecond, 1),
          ratio: round(imap.perSecond / dovecot.perSecond),
          target: '-',
        });
        const reference_ = dialect === 'sqlite' ? 'SQLite queries reading no table' : 'passwd-file + static userdb';
        rows.push({
          bench: `IMAP logins/s at ${label} accounts / same Dovecot without database (${reference_}), taking turns`,
          dialect,
          value: round(imap.perSecond, 1),
          limit: round(perSecond(noDatabase), 1),
          ratio: round(imap.perSecond / perSecond(noDatabase)),
          target: '≥ 0.9',
        });
        rows.push({
          bench: `Dovecot CPU ms per login at ${label}: without database / with`,
          dialect,
          value: cpuMs(sqlBacked),
          limit: cpuMs(noDatabase),
          ratio: round(noDatabase.ticks / noDatabase.logins / (sqlBacked.ticks / sqlBacked.logins)),
          target: '≥ 0.9',
        });
        (rates[label] ??= {})[dialect] = { perSecond: imap.perSecond, perHash: imap.perSecond / hashing.perSecond };
        const withCache = tallyOf(cached);
        if (withCache) {
          rows.push({
            bench: `IMAP logins/s at ${label}: auth cache on (${CACHED_ACCOUNTS} accounts logging in again and again) / off (--high-performance)`,
            dialect,
            value: `${round(perSecond(withCache), 1)}, CPU ms ${cpuMs(withCache)}`,
            limit: `${round(imap.perSecond, 1)}, CPU ms ${cpuMs(sqlBacked)}`,
            ratio: round(perSecond(withCache) / imap.perSecond),
            target: '-',
          });
        }
        const sqlOnPostgres = tallyOf(sqlPassdb);
        if (sqlOnPostgres) {
          rows.push({
            bench: `IMAP logins/s at ${label}: Lua passdb (auth workers) / --passdb sql (auth process), taking turns`,
            dialect,
            value: `${round(imap.perSecond, 1)}, CPU ms ${cpuMs(sqlBacked)}`,
            limit: `${round(perSecond(sqlOnPostgres), 1)}, CPU ms ${cpuMs(sqlOnPostgres)}`,
            ratio: round(imap.perSecond / perSecond(sqlOnPostgres)),
            target: '-',
          });
        }
        const t = tallyOf(secure);
        if (t) {
          rows.push({
            bench: `IMAP logins/s at ${label}: Dovecot's default processes (high-security) / --high-performance`,
            dialect,
            value: `${round(perSecond(t), 1)}, CPU ms ${cpuMs(t)}`,
            limit: `${round(imap.perSecond, 1)}, CPU ms ${cpuMs(sqlBacked)}`,
            ratio: round(perSecond(t) / imap.perSecond),
            target: '-',
          });
        }
      }
    } finally {
      await servers?.stop();
      await reference?.stop();
      await database.handle.close();
      await database.drop();
    }
  }
  for (const [label, r] of Object.entries(rates)) {
    if (!r.sqlite || !r.postgres) continue;
    rows.push({
      bench: `IMAP logins/s at ${label}: PostgreSQL / SQLite, same generated config, cache off (raw; per argon2id hash/s of each run)`,
      dialect: '-',
      value: round(r.postgres.perSecond, 1),
      limit: round(r.sqlite.perSecond, 1),
      ratio: `${round(r.postgres.perSecond / r.sqlite.perSecond)}; ${round(r.postgres.perHash / r.sqlite.perHash)}`,
      target: '≥ 0.9',
    });
  }
  return rows;
}
