import { parseArgs } from 'node:util';
import { DEFAULT_QUOTA, writeDovecotConfig, writePostfixConfig, type QuotaOptions } from './server-config.ts';

const HELP = `Usage:
  hostdesk mail-config dovecot --out DIR [--mail-root /var/vmail] [--mail-user vmail]
                              [--mail-group vmail] [--first-valid-uid 100] [--install-dir DIR]
                              [--cores N] [--high-performance] [--app-url URL]
                              [--doveadm-listen ADDRESS:PORT | --no-auth-cache]
                              [--passdb lua|sql] [--submission-host HOST:PORT]
                              [--quota-status-listen ADDRESS:PORT] [--quota-full reject|defer]
  hostdesk mail-config postfix --out DIR [--lmtp lmtp:unix:private/dovecot-lmtp]
                              [--sasl-path private/auth] [--install-dir DIR]
                              [--quota-status inet:127.0.0.1:12340]

Reads DATABASE_URL (file:… or postgres://…) and writes:
  dovecot: DIR/dovecot-sql.conf.ext (passdb/userdb queries), DIR/hostdesk.conf (for !include),
           DIR/app-passwords.lua (the app passwords' passdb, run in auth workers),
           for PostgreSQL DIR/dovecot-passdb.lua (the mailbox passwords' passdb, in auth workers),
           DIR/dovecot-dict-sieve.conf.ext (Pigeonhole reads Hostdesk's Sieve scripts: out-of-office
           reply and forwarding), DIR/dovecot-dict-sql.conf.ext (where quota_clone writes each
           mailbox's usage), DIR/doveadm.conf.ext (reads DOVEADM_API_KEY), with --app-url also
           DIR/auth-policy.conf.ext (reads MAIL_POLICY_SECRET)
  postfix: DIR/main.cf (lines to append to main.cf) and one map file per lookup table
--install-dir is where the files will finally live, if not DIR (paths inside the files).
--cores: the mail server's CPU cores (default: this machine's), for auth workers and process pools.
--high-performance: Dovecot's high-performance login mode and reused imap/pop3 processes
  (less CPU per login, less isolation between connections; see docs/mail-setup.md).
--app-url: the base URL where the mail server reaches Hostdesk (an internal address; it may
  differ from PUBLIC_URL): Hostdesk becomes Dovecot's auth policy server (login throttle and
  login activity). Needs MAIL_POLICY_SECRET.
--doveadm-listen: where Dovecot's doveadm HTTP API listens for Hostdesk (default 127.0.0.1:8080;
  Hostdesk's DOVEADM_URLS points there). Every credential change flushes the account's auth
  cache entries and ends its IMAP/POP3 sessions through it, so the auth cache is on. Needs
  DOVEADM_API_KEY. --no-auth-cache: neither API nor cache.
--passdb: how mailbox passwords are looked up: lua (default for PostgreSQL: a Lua script in
  Dovecot's auth workers, so hash checks use every core) or sql (Dovecot's SQL driver; the default
  and only choice for SQLite, whose driver already uses workers). App passwords always have a Lua
  passdb of their own. Needs dovecot-auth-lua and lua-sql-sqlite3 or lua-sql-postgres.
--submission-host: where Dovecot sends out-of-office replies and forwarded mail (Postfix's SMTP
  port, e.g. 127.0.0.1:25); without it Dovecot uses sendmail (/usr/sbin/sendmail).
--quota-status-listen: where Dovecot's quota-status service listens for Postfix (default
  127.0.0.1:12340); postfix --quota-status names the same place (default inet:127.0.0.1:12340).
--quota-full: what a full mailbox answers: reject (default; 552 5.2.2, the sender gets a bounce)
  or defer (452 4.2.2; the sender's server retries).
See docs/mail-setup.md.`;

/**
 * `hostdesk mail-config …`: returns the exit code (2 for a usage error). The entry point passes
 * how to read DATABASE_URL, which happens only once the arguments are known to be right.
 */
export async function runMailConfigCommand(
  args: string[],
  databaseUrlOf: () => string,
  policySecretOf: () => string | undefined = () => undefined,
  doveadmKeyOf: () => string | undefined = () => undefined,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'install-dir': { type: 'string' },
        'mail-root': { type: 'string' },
        'mail-user': { type: 'string' },
        'mail-group': { type: 'string' },
        'first-valid-uid': { type: 'string' },
        cores: { type: 'string' },
        'high-performance': { type: 'boolean' },
        'app-url': { type: 'string' },
        'doveadm-listen': { type: 'string' },
        'no-auth-cache': { type: 'boolean' },
        passdb: { type: 'string' },
        'submission-host': { type: 'string' },
        lmtp: { type: 'string' },
        'sasl-path': { type: 'string' },
        'quota-status-listen': { type: 'string' },
        'quota-full': { type: 'string' },
        'quota-status': { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const target = positionals[0];
  if ((target !== 'dovecot' && target !== 'postfix') || !values.out) {
    process.stderr.write(`${HELP}\n`);
    return 2;
  }
  const uid = values['first-valid-uid'] === undefined ? undefined : Number(values['first-valid-uid']);
  if (uid !== undefined && !Number.isInteger(uid)) {
    process.stderr.write('Error: --first-valid-uid must be a number\n');
    return 2;
  }
  const cores = values.cores === undefined ? undefined : Number(values.cores);
  if (cores !== undefined && !(Number.isInteger(cores) && cores > 0)) {
    process.stderr.write('Error: --cores must be a positive number\n');
    return 2;
  }
  const appUrl = values['app-url'];
  if (appUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(appUrl)) {
    process.stderr.write('Error: --app-url must be an http:// or https:// URL\n');
    return 2;
  }
  const policySecret = appUrl === undefined ? undefined : policySecretOf();
  if (appUrl !== undefined && !policySecret) {
    process.stderr.write('Error: --app-url needs MAIL_POLICY_SECRET (at least 32 characters, e.g. openssl rand -hex 32), the same value the app runs with\n');
    return 2;
  }
  const passdb = values.passdb;
  if (passdb !== undefined && passdb !== 'lua' && passdb !== 'sql') {
    process.stderr.write('Error: --passdb must be lua or sql\n');
    return 2;
  }
  const submissionHost = values['submission-host'];
  if (submissionHost !== undefined && !/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(submissionHost)) {
    process.stderr.write('Error: --submission-host must be HOST:PORT, e.g. 127.0.0.1:25\n');
    return 2;
  }
  const doveadm = target === 'dovecot' ? doveadmOf(values['doveadm-listen'], values['no-auth-cache'] === true, doveadmKeyOf) : null;
  if (typeof doveadm === 'string') {
    process.stderr.write(`Error: ${doveadm}\n`);
    return 2;
  }
  const quota = quotaOf(values['quota-status-listen'], values['quota-full']);
  if (typeof quota === 'string') {
    process.stderr.write(`Error: ${quota}\n`);
    return 2;
  }
  const quotaStatus = values['quota-status'];
  if (quotaStatus !== undefined && !/^(inet:[^\s:]+:\d{1,5}|unix:[^\s]+)$/.test(quotaStatus)) {
    process.stderr.write('Error: --quota-status must be inet:ADDRESS:PORT or unix:PATH, e.g. inet:127.0.0.1:12340\n');
    return 2;
  }
  const databaseUrl = databaseUrlOf();
  if (passdb === 'lua' && databaseUrl.startsWith('file:')) {
    process.stderr.write('Error: --passdb lua is for PostgreSQL; SQLite uses the SQL passdb (its driver already runs in auth workers)\n');
    return 2;
  }
  const installDir = values['install-dir'];
  const files =
    target === 'dovecot'
      ? writeDovecotConfig(databaseUrl, values.out, {
          mailRoot: values['mail-root'],
          mailUser: values['mail-user'],
          mailGroup: values['mail-group'],
          firstValidUid: uid,
          sqlConfigPath: installDir ? `${installDir.replace(/\/$/, '')}/dovecot-sql.conf.ext` : undefined,
          cores,
          highPerformance: values['high-performance'],
          policy: appUrl && policySecret ? { appUrl, secret: policySecret } : undefined,
          doveadm,
          passdb,
          submissionHost,
          quota,
        })
      : writePostfixConfig(databaseUrl, values.out, { mapDir: installDir, lmtp: values.lmtp, saslPath: values['sasl-path'], quotaStatus });
  const holds = (path: string) => (path.endsWith('auth-policy.conf.ext') ? 'the policy secret' : path.endsWith('doveadm.conf.ext') ? 'DOVEADM_API_KEY' : 'database access');
  const lines = files.map((f) => `  ${f.path}${f.secret ? `  (mode 0640: holds ${holds(f.path)})` : ''}`);
  process.stdout.write(`Wrote ${target} configuration for ${databaseUrl.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@')}:\n${lines.join('\n')}\n`);
  return 0;
}

/** The doveadm API's listener from `--doveadm-listen` (or the default), or why it cannot be written. */
function doveadmOf(listen: string | undefined, off: boolean, keyOf: () => string | undefined): { address: string; port: number; apiKey: string } | null | string {
  if (off) return listen === undefined ? null : '--doveadm-listen and --no-auth-cache exclude each other';
  const match = /^(\[[0-9a-fA-F:]+\]|[0-9.]+|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(listen ?? '127.0.0.1:8080');
  const port = Number(match?.[2]);
  if (!match || !(port > 0 && port < 65536)) return '--doveadm-listen must be ADDRESS:PORT, e.g. 10.0.0.5:8080';
  const apiKey = keyOf();
  if (!apiKey) return 'the doveadm HTTP API needs DOVEADM_API_KEY (at least 32 characters, e.g. openssl rand -hex 32), the same value the app runs with; or --no-auth-cache';
  return { address: match[1]!.replace(/^\[|\]$/g, ''), port, apiKey };
}

/** The quota pieces from `--quota-status-listen` and `--quota-full` (or their defaults), or why they cannot be written. */
function quotaOf(listen: string | undefined, full: string | undefined): QuotaOptions | string {
  if (full !== undefined && full !== 'reject' && full !== 'defer') return '--quota-full must be reject or defer';
  const match = listen === undefined ? null : /^([0-9.]+|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[2]);
  if (listen !== undefined && (!match || !(port > 0 && port < 65536))) return '--quota-status-listen must be ADDRESS:PORT, e.g. 127.0.0.1:12340';
  return { statusListen: match ? { address: match[1]!, port } : DEFAULT_QUOTA.statusListen, full: (full as QuotaOptions['full'] | undefined) ?? DEFAULT_QUOTA.full };
}
