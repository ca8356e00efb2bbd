import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { AUTH_POLICY_PATH } from './auth-policy.config.ts';
import { APP_PASSWORD_GROUPS, appPasswordGroup } from './app-password-format.ts';

/**
 * The Dovecot and Postfix configuration that makes both servers read Hostdesk's own tables.
 * There is no sync step: a password hash written by Hostdesk is what Dovecot verifies on the
 * next login, and an address added in Hostdesk is what Postfix routes on the next message.
 * The SQL below is plain enough for SQLite and PostgreSQL alike. On PostgreSQL the passdb runs
 * that SQL from a Lua script in Dovecot's auth workers (dovecotPassdbLua).
 */

export interface DovecotOptions {
  /** Where the Maildirs live; each account gets `<mailRoot>/<account name>`. */
  mailRoot: string;
  mailUser: string;
  mailGroup: string;
  /** Lowest uid Dovecot accepts for `mailUser` (its `first_valid_uid`). */
  firstValidUid: number;
  /** Where `dovecot-sql.conf.ext` will live on the mail server (absolute). */
  sqlConfigPath: string;
  /** CPU cores of the mail server: sizes the auth workers (and the process pools below). */
  cores: number;
  /**
   * Dovecot's high-performance login mode plus reused imap/pop3 processes: about a third less
   * CPU per login, less isolation between connections. Off unless the host chooses it.
   */
  highPerformance: boolean;
  /**
   * The doveadm HTTP API Hostdesk flushes the auth cache and ends sessions through, with
   * DOVEADM_API_KEY; it makes the auth cache safe to turn on. Null: no API, no cache.
   */
  doveadm: { address: string; port: number; apiKey: string } | null;
  /** Hostdesk as Dovecot's auth policy server (--app-url), with MAIL_POLICY_SECRET. */
  policy?: { appUrl: string; secret: string };
  /**
   * How the mailbox password's passdb reads the account: `sql` (Dovecot's SQL driver) or `lua` (a
   * Lua script over lua-sql-postgres in auth workers; PostgreSQL only). Default: lua for
   * PostgreSQL, sql for SQLite. App passwords always have a Lua passdb of their own, before it.
   */
  passdb?: PassdbKind;
  /**
   * Where Dovecot hands out-of-office replies and redirects (Sieve) to Postfix: `host:port` for
   * `submission_host`, or null for Dovecot's default `sendmail_path` (/usr/sbin/sendmail).
   */
  submissionHost?: string | null;
  /** Mailbox quota: where Dovecot's quota-status service listens for Postfix, and what a full mailbox answers (see dovecotQuotaConfig). */
  quota?: QuotaOptions;
}

export type PassdbKind = 'sql' | 'lua';

export interface QuotaOptions {
  /** Where Dovecot's quota-status policy service listens (Postfix's check_policy_service). */
  statusListen: { address: string; port: number };
  /**
   * What a full mailbox answers: `reject` (552 5.2.2, the sender's server bounces at once) or
   * `defer` (452 4.2.2, the sender's server retries for days; room made meanwhile lets it in).
   */
  full: 'reject' | 'defer';
}

export const DEFAULT_QUOTA: QuotaOptions = { statusListen: { address: '127.0.0.1', port: 12340 }, full: 'reject' };

export interface PostfixOptions {
  /** Where the map files will live on the mail server (absolute). */
  mapDir: string;
  /** Postfix's `virtual_transport`: Dovecot's LMTP socket. */
  lmtp: string;
  /** Postfix's `smtpd_sasl_path`: Dovecot's auth socket for Postfix. */
  saslPath: string;
  /** Dovecot's quota-status service, as Postfix's check_policy_service names it (`inet:127.0.0.1:12340`). */
  quotaStatus: string;
}

export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; host: string; port: number; dbname: string; user: string; password: string };

/** DATABASE_URL as the mail servers need it: an absolute SQLite path, or PostgreSQL's parts. */
export function databaseTarget(databaseUrl: string, cwd = process.cwd()): DatabaseTarget {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length);
    if (path === ':memory:' || path === '') throw new Error('An in-memory SQLite database cannot be shared with Dovecot and Postfix; use file:<path>');
    return { kind: 'sqlite', path: resolve(cwd, path) };
  }
  const url = new URL(databaseUrl);
  return {
    kind: 'postgres',
    host: decodeURIComponent(url.hostname) || 'localhost',
    port: Number(url.port || 5432),
    dbname: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

// An account is found by its name (`500001.001`) or by any of its mailbox addresses. Written as
// one id list of two unique-index lookups: PostgreSQL cannot use an index for `name = … OR id IN
// (subquery)` and reads every account instead (a full scan per login; see docs/performance.md).
const ACCOUNT_BY_LOGIN = (user: string) =>
  `m.id IN (SELECT n.id FROM mail_accounts n WHERE n.name = '${user}' ` +
  `UNION ALL SELECT a.account_id FROM mail_addresses a WHERE a.address = '${user}' AND a.kind = 'mailbox')`;

/** True when the account (or app password) `alias` may use the service: imap, pop3, or smtp (Postfix's SASL). */
const serviceAllowed = (alias: string) => `(CASE '%Ls' WHEN 'imap' THEN ${alias}.imap WHEN 'pop3' THEN ${alias}.pop3 WHEN 'smtp' THEN ${alias}.smtp ELSE 0 END) = 1`;

/**
 * The mailbox password's passdb query (SQL passdb, or the Lua one on PostgreSQL): the account a
 * login names, if it is active, may use the service, and does not take app passwords only.
 */
export const DOVECOT_PASSWORD_QUERY =
  `SELECT m.name AS user, m.password_hash AS password FROM mail_accounts m ` +
  `WHERE ${ACCOUNT_BY_LOGIN('%Lu')} AND m.active = 1 AND m.app_passwords_only = 0 AND ${serviceAllowed('m')}`;

/**
 * The app passwords' passdb query: the one app password of that account its first group names
 * (`%{public}`), if account and app password may both use the service.
 */
export const DOVECOT_APP_PASSWORD_QUERY =
  `SELECT p.id AS id, p.password_hash AS password, p.expires_at AS expires_at, m.name AS user ` +
  `FROM mail_app_passwords p JOIN mail_accounts m ON m.id = p.account_id ` +
  `WHERE ${ACCOUNT_BY_LOGIN('%Lu')} AND m.active = 1 AND ${serviceAllowed('m')} AND p.public_id = '%{public}' AND ${serviceAllowed('p')}`;

const dovecotUserQuery = (mailRoot: string) =>
  `SELECT m.name AS user, '${mailRoot.replace(/\/$/, '')}/' || m.name AS home, '*:storage=' || m.quota_mb || 'M' AS quota_rule ` +
  `FROM mail_accounts m WHERE ${ACCOUNT_BY_LOGIN('%Lu')} AND m.active = 1`;

const quoteLibpq = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function dovecotSqlConfig(db: DatabaseTarget, o: Pick<DovecotOptions, 'mailRoot'>): string {
  const connect = db.kind === 'sqlite' ? db.path : libpqConnect(db);
  return `# Written by \`hostdesk mail-config dovecot\`. Dovecot reads Hostdesk's tables directly.
# Keep this file readable by root only: it may hold the database password.
driver = ${db.kind === 'sqlite' ? 'sqlite' : 'pgsql'}
connect = "${connect.replace(/"/g, '\\"')}"

# Hashes are {ARGON2ID} PHC strings; the scheme prefix is part of every stored hash.
default_pass_scheme = ARGON2ID

# Login by account name or by any address of the account. Refused: deactivated accounts and
# protocols switched off for the account (%Ls is the service: imap, pop3, smtp for Postfix SASL).
# The account name is returned as the user, so every login ends up in the same mailbox.
password_query = ${DOVECOT_PASSWORD_QUERY}

user_query = ${dovecotUserQuery(o.mailRoot)}

iterate_query = SELECT name AS user FROM mail_accounts WHERE active = 1
`;
}

/** libpq's connection string for the database (the form dovecot-sql.conf.ext's `connect` has). */
function libpqConnect(db: Extract<DatabaseTarget, { kind: 'postgres' }>): string {
  return [
    `host=${quoteLibpq(db.host)}`,
    `port=${db.port}`,
    `dbname=${quoteLibpq(db.dbname)}`,
    db.user ? `user=${quoteLibpq(db.user)}` : '',
    db.password ? `password=${quoteLibpq(db.password)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A Lua string literal (the query and connection string are plain text; JSON's escapes for them are Lua's). */
const luaString = (text: string) => {
  if (/[\u0000-\u001f\u007f-\uffff]/.test(text.replace(/\n/g, ''))) throw new Error('Lua string literals here are printable ASCII only');
  return JSON.stringify(text);
};

/**
 * A query above as a Lua expression: the same text, with its variables replaced by Lua variables
 * of the script (escaped there): %Lu → login, %Ls → service, %{public} → public_id.
 */
function luaQuery(query: string): string {
  const names: Record<string, string> = { '%Lu': 'login', '%Ls': 'service', '%{public}': 'public_id' };
  return query
    .split(/(%L[us]|%\{public\})/)
    .filter((part) => part !== '')
    .map((part) => names[part] ?? luaString(part))
    .join(' .. ');
}

/** The Lua pattern of an app password (app-password-format.ts), capturing its first group. */
const luaAppPasswordPattern = () => `^(${appPasswordGroup})${`%-${appPasswordGroup}`.repeat(APP_PASSWORD_GROUPS - 1)}$`;

/**
 * What both Lua passdbs share: one database connection per auth worker, opened on first use and
 * reopened after a failure, and `first_row(req, build)`, the first row of the query that
 * `build(connection)` writes (values escaped by the driver: PQescapeStringConn on PostgreSQL,
 * sqlite3_mprintf's %q on SQLite, through lua-sql's `escape`).
 */
function luaDatabasePrelude(db: DatabaseTarget, purpose: string): string {
  const driver = db.kind === 'postgres' ? 'postgres' : 'sqlite3';
  return `-- Written by \`hostdesk mail-config dovecot\`: ${purpose}
-- Keep this file readable by root and dovecot only: it may hold the database password.
-- Needs the Debian packages dovecot-auth-lua and lua-sql-${driver === 'postgres' ? 'postgres' : 'sqlite3'} (docs/mail-setup.md).
local luasql = require("luasql.${driver}")

local CONNECT = ${luaString(db.kind === 'postgres' ? libpqConnect(db) : db.path)}

local env = nil
local con = nil

local function connection()
  if con == nil then
    env = env or luasql.${driver}()
    -- SQLite: wait up to 5 s for Hostdesk's writer rather than fail the login.
    local c, err = env:connect(CONNECT${db.kind === 'postgres' ? '' : ', 5000'})
    if c == nil then return nil, err end
    con = c
  end
  return con
end

-- Driver messages span lines; the log gets one.
local function oneLine(err)
  return (string.gsub(tostring(err), "%s+", " "))
end

local function forget()
  if con ~= nil then pcall(function() con:close() end) end
  con = nil
end

-- The first row of the query build(connection) writes, or nil; ok is false when the database
-- cannot answer. A failed statement reconnects and tries once more.
local function first_row(req, build)
  for attempt = 1, 2 do
    local c, err = connection()
    if c == nil then
      req:log_error("passdb lua: cannot open the database: " .. oneLine(err))
      return nil, false
    end
    local cur, qerr = c:execute(build(c))
    if cur ~= nil then
      local row = cur:fetch({}, "a")
      cur:close()
      return row, true
    end
    req:log_warning("passdb lua: query failed (" .. oneLine(qerr) .. "), reconnecting")
    forget()
  end
  return nil, false
end
`;
}

/**
 * The mailbox password's passdb on PostgreSQL as a Lua script (passdb lua, blocking = yes).
 * Dovecot 2.3's pgsql driver is asynchronous, so its sql passdb looks up and verifies every
 * argon2id hash in the one auth process; a blocking Lua passdb runs in the auth workers
 * (auth_worker_max_count = cores). The query is DOVECOT_PASSWORD_QUERY itself; Dovecot verifies
 * the returned hash (and caches it).
 */
export function dovecotPassdbLua(db: Extract<DatabaseTarget, { kind: 'postgres' }>): string {
  return `${luaDatabasePrelude(db, "Dovecot's passdb of Hostdesk's mailbox passwords on PostgreSQL.")}
function auth_passdb_lookup(req)
  local row, ok = first_row(req, function(c)
    local login = c:escape(req:var_expand("%Lu"))
    local service = c:escape(req:var_expand("%Ls"))
    return ${luaQuery(DOVECOT_PASSWORD_QUERY)}
  end)
  if not ok then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "database unavailable"
  end
  if row == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.PASSDB_RESULT_OK, { user = row.user, password = row.password }
end
`;
}

/**
 * The app passwords' passdb (passdb lua, blocking = yes, before the mailbox password's), on
 * SQLite and PostgreSQL. A typed password that is not shaped like an app password goes on to the
 * next passdb at once (no query, no hash, nothing cached). One that is finds the one app password
 * its first group names, for this service (DOVECOT_APP_PASSWORD_QUERY), refuses it once expired,
 * and has Dovecot check its argon2id hash (`req:password_verify`); `hostdesk_app_password` names
 * it for the auth policy report (its last use).
 */
export function dovecotAppPasswordLua(db: DatabaseTarget): string {
  return `${luaDatabasePrelude(db, "Dovecot's passdb of Hostdesk's app passwords.")}
local APP_PASSWORD = ${luaString(luaAppPasswordPattern())}

function auth_password_verify(req, password)
  local typed = string.lower(password)
  local public_id = string.match(typed, APP_PASSWORD)
  if public_id == nil then
    return dovecot.auth.PASSDB_RESULT_NEXT, ""
  end
  local row, ok = first_row(req, function(c)
    local login = c:escape(req:var_expand("%Lu"))
    local service = c:escape(req:var_expand("%Ls"))
    public_id = c:escape(public_id)
    return ${luaQuery(DOVECOT_APP_PASSWORD_QUERY)}
  end)
  if not ok then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "database unavailable"
  end
  if row == nil then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "no such app password for this service"
  end
  -- ISO times in UTC compare as text.
  if row.expires_at ~= nil and row.expires_at ~= "" and row.expires_at <= os.date("!%Y-%m-%dT%H:%M:%S") then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "app password expired"
  end
  if req:password_verify(row.password, typed) ~= 1 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "app password mismatch"
  end
  return dovecot.auth.PASSDB_RESULT_OK, { user = row.user, hostdesk_app_password = tostring(row.id) }
end

-- Lookups without a typed password (doveadm auth lookup; Hostdesk enables no other mechanisms):
-- app passwords have nothing to say, the mailbox password's passdb answers.
function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_NEXT, ""
end
`;
}

// A login costs Dovecot one argon2id verification (15–20 ms of CPU) and, in its default process
// model, two process starts (about 13 ms more). With SQLite the lookup and the verification run
// in auth-worker processes (its driver blocks); Dovecot starts up to 30 of them, each holding
// argon2id's 19 MB, and more verifications at once than cores only thrash: on 2 cores with 8
// logins at a time, 2 workers instead of 8 gave a median of 66 against 48 logins/s and 16 against
// 18 ms of auth CPU per login (6 interleaved pairs, a shared machine). Further logins wait for a
// worker. PostgreSQL's driver is asynchronous, so Dovecot 2.3's sql passdb would look up and
// verify in its one auth process (one core at most); the Lua passdb (blocking) uses these workers.
const authWorkerConfig = (cores: number) => `# Password verification is CPU-bound: no more auth workers than cores (Dovecot's default is 30).
auth_worker_max_count = ${cores}`;

// Dovecot's default ("high-security") starts a new imap-login/pop3-login process, chrooted as
// dovenull, for every connection, and a new imap/pop3 process for every session; a hole in the
// pre-login or TLS code reaches only that one connection. That costs about 13 ms of CPU per login
// (fork, exec, dynamic linking, settings) on top of the hash's 15–20 ms: 28–31 ms a login against
// 15–17 ms with the processes kept (bench/mail-auth.ts).
// Giving the isolation up is the host's decision, so it is an option (--high-performance), not
// the default. Reusing imap/pop3 processes gives away less than it seems here: every mailbox
// belongs to one system user (mail_uid), so a compromised mail process can read every mailbox
// either way; what remains is one session's leftovers in memory seen by the next. At most 100
// sessions per process, so that leaks and fragmentation stay bounded.
const HIGH_SECURITY_NOTE = `# Login and mail processes: Dovecot's default high-security mode (one new process per connection).
# \`hostdesk mail-config dovecot --high-performance\` trades that isolation for less CPU per login.`;

const highPerformanceConfig = (cores: number) => `# Chosen with --high-performance: long-lived login processes, each serving many connections
# (Dovecot's high-performance login mode), and imap/pop3 processes reused for up to 100 sessions.
service imap-login {
  service_count = 0
  process_min_avail = ${cores}
  vsz_limit = 1G
}
service pop3-login {
  service_count = 0
  process_min_avail = ${cores}
  vsz_limit = 1G
}
service imap {
  service_count = 100
  process_min_avail = ${cores}
}
service pop3 {
  service_count = 100
}`;

/**
 * What Dovecot sends Hostdesk about each login (auth-policy.routes.ts parses it): the typed name,
 * the client's address, the service, what names the client connection (so the report finds the
 * question it answers), %{secured}, and on a report the app password the login used (the Lua
 * passdb's extra field, empty for the mailbox password); Dovecot adds `tls` itself, and `success` and
 * `policy_reject` to reports. No password hash (`pwhash`) is sent.
 */
export const AUTH_POLICY_ATTRIBUTES =
  'login=%{orig_user} remote=%{rip} protocol=%s session=%{session} pid=%{pid} rport=%{rport} secured=%{secured} app_password=%{passdb:hostdesk_app_password}';

/**
 * The auth policy settings, in a file of their own (mode 0640: it holds the shared secret).
 * Asked before each password check and told every result; when Hostdesk cannot be reached or
 * answers garbage, Dovecot goes on as if it had said "continue" (`auth_policy_reject_on_fail = no`).
 */
export function dovecotPolicyConfig(policy: { appUrl: string; secret: string }): string {
  const url = `${new URL(policy.appUrl).toString().replace(/\/$/, '')}${AUTH_POLICY_PATH}`;
  // Dovecot requires a nonce for the password hash it computes (and that Hostdesk does not ask for).
  const nonce = createHash('sha256').update(`hostdesk-auth-policy-nonce\0${policy.secret}`).digest('hex').slice(0, 32);
  return `# Written by \`hostdesk mail-config dovecot --app-url\`. Keep readable by root only: it holds
# MAIL_POLICY_SECRET. Hostdesk is Dovecot's auth policy server (docs/mail-setup.md).
auth_policy_server_url = ${url}
auth_policy_server_api_header = Authorization: Bearer ${policy.secret}
# A question that takes longer lets the login go on without an answer.
auth_policy_server_timeout_msecs = 1000
auth_policy_hash_nonce = ${nonce}
auth_policy_request_attributes = ${AUTH_POLICY_ATTRIBUTES}
# Fail open: Hostdesk down, slow or answering garbage never stops a login (passwords are still checked).
auth_policy_reject_on_fail = no
# Asked before the password check: the login throttle shared with Hostdesk's web logins.
auth_policy_check_before_auth = yes
auth_policy_check_after_auth = no
# Every result is reported: the login activity on the mailbox pages.
auth_policy_report_after_auth = yes
`;
}

// With doveadm's HTTP API, every credential change in Hostdesk flushes the account's cache entries
// and ends its sessions on every Dovecot (dovecot-sync.service.ts), so the cache can be on: a
// repeated login costs a lookup instead of a full argon2id check. Negative answers are not
// cached, so a new mailbox or address logs in at once without a flush.
const authCacheOn = (includePath: string) => `# Auth cache on: Hostdesk flushes an account's entries (doveadm HTTP API, doveadm.conf.ext) with
# every change of its password, app passwords or state, so old passwords fail at once.
auth_cache_size = 10M
auth_cache_ttl = 1 hour
auth_cache_negative_ttl = 0
# The cache holds the hash, not the answer: a hit still costs an argon2id check. Dovecot 2.3 runs
# that check in its one auth process unless told otherwise; in the auth workers it uses every core.
auth_cache_verify_password_with_worker = yes
!include ${includePath}`;

const AUTH_CACHE_OFF = `# No auth cache (--no-auth-cache): without doveadm's HTTP API Hostdesk cannot flush it, and a
# changed password must work (and the old one fail) at once.
auth_cache_size = 0`;

/** The doveadm HTTP API for Hostdesk (mode 0640: it holds DOVEADM_API_KEY, which can do anything doveadm can). */
export function dovecotDoveadmConfig(doveadm: { address: string; port: number; apiKey: string }): string {
  return `# Written by \`hostdesk mail-config dovecot\`. Keep readable by root only: it holds DOVEADM_API_KEY.
# Hostdesk calls this API (DOVEADM_URLS) to flush the auth cache and end the sessions of an account
# whose credentials changed. Listen on an internal address only.
doveadm_api_key = ${doveadm.apiKey}
service doveadm {
  inet_listener http {
    address = ${doveadm.address}
    port = ${doveadm.port}
  }
}
`;
}

/**
 * Dovecot's auth process runs as `default_internal_user` (dovecot) and loads the Lua passdb after
 * dropping root, unlike dovecot-sql.conf.ext, which it reads as root: the script is root:dovecot 0640.
 */
const DOVECOT_INTERNAL_GROUP = 'dovecot';

/** Where the Lua passdb lives on the mail server: beside dovecot-sql.conf.ext. */
export const passdbLuaPath = (sqlConfigPath: string) => join(dirname(sqlConfigPath), 'dovecot-passdb.lua');
/** Where the app passwords' Lua passdb lives: there too. */
export const appPasswordsLuaPath = (sqlConfigPath: string) => join(dirname(sqlConfigPath), 'app-passwords.lua');

// The auth cache keys a Lua passdb's entries by `cache_key` (default %u). The login name first, so
// that `doveadm auth cache flush <login>` finds them (it matches the key's first field), and the
// service, because the answer depends on it (the per-protocol switches), as with the SQL passdb,
// whose key Dovecot builds from the query's %Lu and %Ls.
// The app passwords' cache entries are keyed by login, service and a SHA-256 of the typed
// password, so that several app passwords of one mailbox (phone and laptop, both IMAP) each have
// their own: with auth_cache_verify_password_with_worker, a cached hash that does not match is
// final, so one entry per login and service would refuse every app password but the last one.
// Only successful app passwords get an entry (everything else goes on unanswered, and negative
// answers are not cached), and for a generated 80-bit secret a fast hash is as safe as argon2id:
// Dovecot then keeps its own SHA1 of it as the entry's password, and a hit costs no argon2id.
// (Dovecot 2.3.19 crashes on an empty cache_key, its documented way to switch the cache off.)
const APP_PASSWORD_CACHE_KEY = '%u%s%{sha256:password}';

const passdbBlock = (o: DovecotOptions) => `# App passwords first (app-passwords.lua, dovecot-auth-lua and lua-sql-*, in the auth workers):
# a password shaped like one is checked against that one app password; any other goes on to the
# mailbox password, and so does a failed app password (result_failure = continue).
passdb {
  driver = lua
  args = file=${appPasswordsLuaPath(o.sqlConfigPath)} blocking=yes cache_key=${APP_PASSWORD_CACHE_KEY}
  result_failure = continue
}
${
  o.passdb === 'lua'
    ? `# The mailbox password on PostgreSQL: a Lua script (lua-sql-postgres) run in the auth workers
# (blocking = yes), so argon2id checks use every core. Dovecot's pgsql driver would check every
# hash in the one auth process.
passdb {
  driver = lua
  args = file=${passdbLuaPath(o.sqlConfigPath)} blocking=yes cache_key=%u%s
}`
    : `# The mailbox password, through Dovecot's SQL driver.
passdb {
  driver = sql
  args = ${o.sqlConfigPath}
}`
}`;

// ---- LMTP delivery and Sieve: out-of-office reply and forwarding (delivery-rules.service.ts) ----

/** Where the dict map for the Hostdesk Sieve scripts lives on the mail server: beside dovecot-sql.conf.ext. */
export const sieveDictConfigPath = (sqlConfigPath: string) => join(dirname(sqlConfigPath), 'dovecot-dict-sieve.conf.ext');

/** The dict name Pigeonhole reads Hostdesk's scripts through, and the script's name in it. */
export const SIEVE_DICT = 'hostdesk_sieve';
export const SIEVE_SCRIPT_NAME = 'hostdesk';

/**
 * Dovecot's dict-sql map over mail_sieve_scripts (migration 015), mode 0640 root:dovecot (the dict
 * process reads it as Dovecot's internal user; it may hold the database password). Pigeonhole asks
 * `priv/sieve/name/hostdesk` for the script's id, then `priv/sieve/data/<id>` for its text, both
 * for the delivering user (the account name); an account without a row has no Hostdesk script.
 */
export function dovecotSieveDictConfig(db: DatabaseTarget): string {
  const connect = db.kind === 'sqlite' ? db.path : libpqConnect(db);
  return `# Written by \`hostdesk mail-config dovecot\`: Pigeonhole reads the Sieve scripts Hostdesk
# compiles (out-of-office reply, forwarding) from Hostdesk's table, read-only, through this dict.
# Keep this file readable by root and dovecot only: it may hold the database password.
connect = "${connect.replace(/"/g, '\\"')}"

map {
  pattern = priv/sieve/name/${SIEVE_SCRIPT_NAME}
  table = mail_sieve_scripts
  username_field = account_name
  value_field = script_id
}

map {
  pattern = priv/sieve/data/$script_id
  table = mail_sieve_scripts
  username_field = account_name
  value_field = script
  fields {
    script_id = $script_id
  }
}
`;
}

/**
 * The LMTP and Sieve piece of hostdesk.conf. Postfix delivers through LMTP; Pigeonhole runs
 * Hostdesk's script for the mailbox first (sieve_before, from the dict), then the user's own
 * scripts (sieve, ~/sieve), which Hostdesk never writes or removes. Replies and redirects leave
 * through submission_host (Postfix) or sendmail.
 */
export function lmtpAndSieveConfig(db: DatabaseTarget, o: DovecotOptions): string {
  const driver = db.kind === 'sqlite' ? 'sqlite' : 'pgsql';
  return `# ---- LMTP delivery and Sieve (out-of-office reply, forwarding) ----
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}

# Hostdesk's scripts, read from its database (dovecot-dict-sieve.conf.ext) by the dict process;
# the delivering LMTP process asks it over the dict socket, which only the mail user may open.
dict {
  ${SIEVE_DICT} = ${driver}:${sieveDictConfigPath(o.sqlConfigPath)}
}
service dict {
  unix_listener dict {
    mode = 0660
    user = ${o.mailUser}
    group = ${o.mailGroup}
  }
}

${
  o.submissionHost
    ? `# Out-of-office replies and redirects go to Postfix over SMTP (it must accept them from here: mynetworks).
submission_host = ${o.submissionHost}`
    : `# Out-of-office replies and redirects go to Postfix through sendmail_path (Dovecot's default,
# /usr/sbin/sendmail); \`--submission-host HOST:PORT\` sends them over SMTP instead.`
}

plugin {
  # The user's own filters (e.g. from a ManageSieve client); Hostdesk's script runs before them
  # and only adds actions, so a user's script still files, flags or discards as it did.
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_before = dict:proxy::${SIEVE_DICT};name=${SIEVE_SCRIPT_NAME};bindir=~/.sieve-hostdesk
  # The vacation extension (RFC 5230, RFC 3834): never to lists, bulk or auto-submitted mail, a
  # null sender or the user's own addresses; one reply per sender within :days (1 to 90).
  sieve_vacation_min_period = 1d
  sieve_vacation_max_period = 90d
  sieve_vacation_default_period = 7d
  # Redirects (forwarding) carry the mailbox's address as envelope sender, so bounces and SPF
  # checks concern this server, not the original sender's.
  sieve_redirect_envelope_from = orig_recipient
}`;
}

export function dovecotHostdeskConfig(o: DovecotOptions, db: DatabaseTarget): string {
  return `# Written by \`hostdesk mail-config dovecot\`: authentication and mail storage for Hostdesk's
# mail accounts. Include it from a dovecot.conf that defines protocols and listeners:
#   !include ${o.sqlConfigPath.replace(/dovecot-sql\.conf\.ext$/, 'hostdesk.conf')}

# Every Maildir belongs to one system user; the account name picks the directory.
mail_uid = ${o.mailUser}
mail_gid = ${o.mailGroup}
first_valid_uid = ${o.firstValidUid}
mail_location = maildir:~/Maildir
mail_plugins = $mail_plugins quota

auth_mechanisms = plain login
${o.doveadm ? authCacheOn(join(dirname(o.sqlConfigPath), 'doveadm.conf.ext')) : AUTH_CACHE_OFF}

${authWorkerConfig(o.cores)}

${o.highPerformance ? highPerformanceConfig(o.cores) : HIGH_SECURITY_NOTE}

${
  o.policy
    ? `# Hostdesk as auth policy server: one login throttle with the web logins, and login activity.
!include ${join(dirname(o.sqlConfigPath), 'auth-policy.conf.ext')}`
    : `# No auth policy server: \`hostdesk mail-config dovecot --app-url URL\` adds Hostdesk as one.`
}

${passdbBlock(o)}
userdb {
  driver = sql
  args = ${o.sqlConfigPath}
}

${dovecotQuotaConfig(o, db.kind)}

${lmtpAndSieveConfig(db, o)}
`;
}

// ---- Mailbox quota (issue #16 part 2) --------------------------------------------------------
// Dovecot enforces the quota and counts the usage; Hostdesk shows it. The limit is the userdb's
// quota_rule (Hostdesk's per-mailbox quota, dovecotUserQuery). The `count` backend keeps usage in
// Dovecot's own indexes (Dovecot 2.3's recommended backend: nothing to drift), and the quota_clone
// plugin copies each mailbox's usage, whenever it changes, into Hostdesk's table mail_quota_usage:
// through the dict proxy (the dict process holds the one database connection; mail processes
// only reach its socket) and dict-sql, whose upsert (INSERT … ON CONFLICT) works on SQLite and
// PostgreSQL alike. Hostdesk reads that table for the pages and sends the 80 %/95 % warnings
// itself (quota-warnings.service.ts). A full mailbox is refused at RCPT by the quota-status
// service Postfix asks, and by LMTP for anything that got past it.

/** Where the dict-sql map lives on the mail server: beside dovecot-sql.conf.ext. */
export const quotaDictPath = (sqlConfigPath: string) => join(dirname(sqlConfigPath), 'dovecot-dict-sql.conf.ext');

/** The dict-sql map (root:dovecot 0640: the dict process reads it as dovecot, and it may hold the database password). */
export function dovecotQuotaDictConfig(db: DatabaseTarget): string {
  const connect = db.kind === 'sqlite' ? db.path : libpqConnect(db);
  return `# Written by \`hostdesk mail-config dovecot\`: where quota_clone writes each mailbox's usage.
# Keep this file readable by root and dovecot only: it may hold the database password. The database
# user needs INSERT and UPDATE on mail_quota_usage alone; on SQLite the dovecot user must be able to
# write the database file and its folder (docs/mail-setup.md, "Quota").
connect = "${connect.replace(/"/g, '\\"')}"

map {
  pattern = priv/quota/storage
  table = mail_quota_usage
  username_field = account_name
  value_field = bytes
  value_type = uint
}

map {
  pattern = priv/quota/messages
  table = mail_quota_usage
  username_field = account_name
  value_field = messages
  value_type = uint
}
`;
}

const QUOTA_REPLY = { reject: '552 5.2.2 Mailbox is full', defer: '452 4.2.2 Mailbox is full' } as const;

export function dovecotQuotaConfig(o: DovecotOptions, db: DatabaseTarget['kind']): string {
  const q = o.quota ?? DEFAULT_QUOTA;
  return `# Mailbox quota: the limit is the userdb's quota_rule (Hostdesk's quota of the mailbox); usage is
# counted by Dovecot (count backend) and copied into Hostdesk's table mail_quota_usage (quota_clone).
mail_plugins = $mail_plugins quota_clone
# A full mailbox: ${q.full === 'reject' ? 'refused for good (5.2.2; --quota-full defer answers 4.2.2 and the sender retries)' : 'deferred (4.2.2): the sender retries (--quota-full reject answers 5.2.2)'}.
quota_full_tempfail = ${q.full === 'defer' ? 'yes' : 'no'}
plugin {
  quota = count:User quota
  quota_vsizes = yes
  # The message that crosses the limit still fits if the mailbox was below it and ends up within 10 %.
  quota_grace = 10%%
  quota_clone_dict = proxy::hostdesk_quota
  # Dovecot's quota-status service, Postfix's policy server: full mailboxes are refused at RCPT.
  quota_status_success = DUNNO
  quota_status_nouser = DUNNO
  quota_status_overquota = "${QUOTA_REPLY[q.full]}"
}
dict {
  hostdesk_quota = ${db === 'sqlite' ? 'sqlite' : 'pgsql'}:${quotaDictPath(o.sqlConfigPath)}
}
# Mail processes run as ${o.mailUser} and write usage through the dict proxy's socket.
service dict {
  unix_listener dict {
    mode = 0660
    user = ${o.mailUser}
    group = ${o.mailGroup}
  }
}
service quota-status {
  executable = quota-status -p postfix
  inet_listener {
    address = ${q.statusListen.address}
    port = ${q.statusListen.port}
  }
  client_limit = 1
}`;
}
// ---- end of mailbox quota ----------------------------------------------------------------------

function postfixMap(db: DatabaseTarget, query: string): string {
  const head =
    db.kind === 'sqlite'
      ? `dbpath = ${db.path}\n`
      : `hosts = inet:${db.host}:${db.port}\ndbname = ${db.dbname}\n${db.user ? `user = ${db.user}\n` : ''}${db.password ? `password = ${db.password}\n` : ''}`;
  return `# Written by \`hostdesk mail-config postfix\`. Keep readable by root and postfix only.\n${head}query = ${query}\n`;
}

export const POSTFIX_QUERIES = {
  /** Domains whose mail Postfix accepts: every domain of a contract with the E-Mail Administration. */
  'virtual-mailbox-domains.cf':
    "SELECT d.name_ascii FROM domains d JOIN contracts c ON c.id = d.contract_id JOIN tariffs t ON t.id = c.tariff_id WHERE d.name_ascii = '%s' AND t.panel = 'mailadmin'",
  /** Addresses that deliver into an active mailbox (the value names the account). */
  'virtual-mailbox-maps.cf':
    "SELECT m.name FROM mail_addresses a JOIN mail_accounts m ON m.id = a.account_id WHERE a.address = '%s' AND a.kind = 'mailbox' AND m.active = 1",
  /**
   * Mailbox addresses map to themselves (so a catch-all never swallows them), forwarders and the
   * catch-all `@domain` to their targets; several rows become one comma-separated answer.
   */
  'virtual-alias-maps.cf':
    "SELECT a.address FROM mail_addresses a WHERE a.address = '%s' AND a.kind = 'mailbox' " +
    "UNION ALL SELECT t.target FROM mail_forward_targets t JOIN mail_addresses a ON a.id = t.address_id WHERE a.address = '%s' AND a.kind IN ('forward', 'catchall')",
  /** Who may send as an address: the account it delivers into (the SASL login name). */
  'sender-login-maps.cf':
    "SELECT m.name FROM mail_addresses a JOIN mail_accounts m ON m.id = a.account_id WHERE a.address = '%s' AND a.kind = 'mailbox'",
} as const;

export function postfixMainCf(db: DatabaseTarget, o: PostfixOptions): string {
  const type = db.kind === 'sqlite' ? 'sqlite' : 'pgsql';
  const map = (file: keyof typeof POSTFIX_QUERIES) => `proxy:${type}:${join(o.mapDir, file)}`;
  return `# Written by \`hostdesk mail-config postfix\`: append to /etc/postfix/main.cf (later lines win).
# Mail for Hostdesk's domains is routed by Hostdesk's tables and delivered by Dovecot's LMTP.
virtual_mailbox_domains = ${map('virtual-mailbox-domains.cf')}
virtual_mailbox_maps = ${map('virtual-mailbox-maps.cf')}
virtual_alias_maps = ${map('virtual-alias-maps.cf')}
# Hostdesk's domains are mailbox domains; without this Postfix would also query the alias map by domain.
virtual_alias_domains =
virtual_transport = ${o.lmtp}

# SMTP AUTH is checked by Dovecot against the same accounts (service "smtp").
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${o.saslPath}
smtpd_sasl_auth_enable = yes
smtpd_sender_login_maps = ${map('sender-login-maps.cf')}
${POSTFIX_SIEVE_NOTE}
${postfixQuotaConfig(o)}
`;
}

// ---- LMTP and Sieve, Postfix side (out-of-office reply, forwarding; docs/mail-setup.md section 8) ----
const POSTFIX_SIEVE_NOTE = `
# Out-of-office replies and forwarded mail (Sieve, run by Dovecot on LMTP delivery) come back in
# through Dovecot's submission_host or sendmail: for outside recipients the Dovecot host must be
# in mynetworks, with permit_mynetworks in smtpd_relay_restrictions (Postfix's default).
`;

/**
 * Mailbox quota: Postfix asks Dovecot's quota-status service at RCPT, so mail for a full mailbox
 * is refused while the sender is still connected (not accepted and bounced later). When the
 * service cannot be reached, Postfix goes on (DUNNO) and Dovecot's LMTP still refuses the message.
 */
export const postfixQuotaConfig = (o: PostfixOptions) => `# Full mailboxes are refused at RCPT by Dovecot's quota-status service. If your main.cf has its own
# smtpd_recipient_restrictions, add the check_policy_service entry there instead.
smtpd_recipient_restrictions = reject_unauth_destination, check_policy_service ${o.quotaStatus}
smtpd_policy_service_default_action = DUNNO`;

export interface WrittenFile {
  path: string;
  secret: boolean;
}

/** The gid of a system group, if it exists (for `root:<group>` on files with database access). */
function groupId(name: string): number | undefined {
  try {
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

/** A file to write: secret ones get mode 0640, owned by root and `group` (when run as root). */
interface FileToWrite {
  text: string;
  secret: boolean;
  group?: string;
}

function writeAll(outDir: string, files: Record<string, FileToWrite>, secretGroup?: string): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  const root = process.getuid?.() === 0;
  return Object.entries(files).map(([name, f]) => {
    const path = join(outDir, name);
    writeFileSync(path, f.text, { mode: f.secret ? 0o640 : 0o644 });
    chmodSync(path, f.secret ? 0o640 : 0o644);
    // Postfix reads its maps as the unprivileged `postfix` user; Dovecot's auth process loads the
    // Lua passdb as its `dovecot` user.
    const group = f.group ?? secretGroup;
    const gid = f.secret && root && group ? groupId(group) : undefined;
    if (gid !== undefined) chownSync(path, 0, gid);
    return { path, secret: f.secret };
  });
}

export function writeDovecotConfig(databaseUrl: string, outDir: string, o: Partial<DovecotOptions> = {}): WrittenFile[] {
  const out = resolve(outDir);
  const options: DovecotOptions = {
    mailRoot: o.mailRoot ?? '/var/vmail',
    mailUser: o.mailUser ?? 'vmail',
    mailGroup: o.mailGroup ?? o.mailUser ?? 'vmail',
    firstValidUid: o.firstValidUid ?? 100,
    sqlConfigPath: o.sqlConfigPath ?? join(out, 'dovecot-sql.conf.ext'),
    cores: o.cores ?? availableParallelism(),
    highPerformance: o.highPerformance ?? false,
    policy: o.policy,
    doveadm: o.doveadm ?? null,
    submissionHost: o.submissionHost ?? null,
    quota: o.quota ?? DEFAULT_QUOTA,
  };
  const db = databaseTarget(databaseUrl);
  options.passdb = o.passdb ?? (db.kind === 'postgres' ? 'lua' : 'sql');
  if (options.passdb === 'lua' && db.kind !== 'postgres') throw new Error('The Lua passdb of mailbox passwords is for PostgreSQL; SQLite uses the SQL passdb (it already runs in auth workers)');
  return writeAll(out, {
    'dovecot-sql.conf.ext': { text: dovecotSqlConfig(db, options), secret: true },
    'app-passwords.lua': { text: dovecotAppPasswordLua(db), secret: true, group: DOVECOT_INTERNAL_GROUP },
    ...(options.passdb === 'lua' && db.kind === 'postgres' ? { 'dovecot-passdb.lua': { text: dovecotPassdbLua(db), secret: true, group: DOVECOT_INTERNAL_GROUP } } : {}),
    ...(options.policy ? { 'auth-policy.conf.ext': { text: dovecotPolicyConfig(options.policy), secret: true } } : {}),
    ...(options.doveadm ? { 'doveadm.conf.ext': { text: dovecotDoveadmConfig(options.doveadm), secret: true } } : {}),
    'dovecot-dict-sieve.conf.ext': { text: dovecotSieveDictConfig(db), secret: true, group: DOVECOT_INTERNAL_GROUP },
    'dovecot-dict-sql.conf.ext': { text: dovecotQuotaDictConfig(db), secret: true, group: DOVECOT_INTERNAL_GROUP },
    'hostdesk.conf': { text: dovecotHostdeskConfig(options, db), secret: false },
  });
}

export function writePostfixConfig(databaseUrl: string, outDir: string, o: Partial<PostfixOptions> = {}): WrittenFile[] {
  const out = resolve(outDir);
  const options: PostfixOptions = {
    mapDir: o.mapDir ?? out,
    lmtp: o.lmtp ?? 'lmtp:unix:private/dovecot-lmtp',
    saslPath: o.saslPath ?? 'private/auth',
    quotaStatus: o.quotaStatus ?? `inet:${DEFAULT_QUOTA.statusListen.address}:${DEFAULT_QUOTA.statusListen.port}`,
  };
  const db = databaseTarget(databaseUrl);
  const maps = Object.fromEntries(
    Object.entries(POSTFIX_QUERIES).map(([file, query]) => [file, { text: postfixMap(db, query), secret: true }]),
  );
  return writeAll(out, { 'main.cf': { text: postfixMainCf(db, options), secret: false }, ...maps }, 'postfix');
}
