import { parseArgs } from 'node:util';
import './messages.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, type DbHandle } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { DomainError } from './platform/errors.ts';
import { translator } from './platform/views/i18n.ts';
import { listTariffs } from './features/contracts/index.ts';
import { FirstOrderInput, ORDER_MASTER_DATA_FIELDS, placeFirstOrder } from './features/orders/index.ts';
import { fieldErrors } from './platform/http/web.ts';
import { addStaffUser } from './features/accounts/index.ts';
import { runMailConfigCommand } from './features/mail/index.ts';
import { runSupportMaintenance } from './features/support/index.ts';
import { runPleskSimulatorCommand, PLESK_SIM_USAGE } from './integrations/plesk/index.ts';
import { demoBanner, isEmpty, seedDemo } from './demo.ts';
import { serve } from './server.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';

const USAGE = `Usage: hostdesk <command> [options]

Commands:
  serve                                   migrate, then serve the app (same as npm start)
  migrate                                 run database migrations
  demo                                    seed demo data into an empty database
  tariff list [--json]                    list tariffs
  order --tariff CODE --domain NAME [--domain NAME …] --email ADDR [--customer NUMBER]
        [--salutation mr|ms|diverse] [--first-name NAME] [--last-name NAME] [--company NAME]
        [--street STREET] [--postcode CODE] [--city CITY] [--country DE|AT|CH|…] [--phone NUMBER]
        [--language de|en] [--accept-confusable-domains] [--json]
                                          place a first order (Erstbestellung); the master data
                                          (all optional) the customer then only confirms; a domain
                                          that mixes scripts or looks like another is refused
                                          unless --accept-confusable-domains confirms it
  staff add --login LOGIN --role admin|agent [--name NAME] [--json]
                                          add a staff user with a generated password
  mail-config dovecot|postfix --out DIR [options]
                                          write the Dovecot or Postfix files that read mail
                                          accounts from DATABASE_URL (docs/mail-setup.md)
  support-maintenance                     close resolved tickets past the auto-close period and
                                          wipe unrevealed passwords past their expiry (cron)
  backup --out FILE                       online, consistent backup (SQLite backup API; pg_dump)
  restore FILE                            restore a backup into a new, empty DATABASE_URL
  ${PLESK_SIM_USAGE}

The database is DATABASE_URL (default file:data/hostdesk.db). Generated passwords are printed
once and stored only as hashes.`;

class UsageError extends Error {}

async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase(loadConfig().databaseUrl);
  try {
    await migrateToLatest(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return -1; // keeps running
    case 'migrate':
      await withDatabase(async () => undefined);
      process.stdout.write('Migrations are up to date.\n');
      return 0;
    case 'demo':
      return withDatabase(async (handle) => {
        if (!(await isEmpty(handle))) throw new UsageError('The database is not empty; demo data goes only into an empty database.');
        process.stdout.write(`${demoBanner(await seedDemo(handle), loadConfig().publicUrl)}\n`);
        return 0;
      });
    case 'tariff': {
      const { values, positionals } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, allowPositionals: true });
      if (positionals[0] !== 'list') throw new UsageError('Unknown tariff command; try: hostdesk tariff list --json');
      return withDatabase(async (handle) => {
        const tariffs = (await listTariffs(handle.db)).map((t) => ({ code: t.code, name: t.name, panel: t.panel, pleskVersion: t.pleskVersion }));
        print(!!values.json, tariffs, tariffs.map((t) => `${t.code.padEnd(14)} ${t.panel.padEnd(10)} ${t.pleskVersion ?? ''.padEnd(5)} ${t.name}`).join('\n'));
        return 0;
      });
    }
    case 'order': {
      const { values } = parseArgs({
        args: rest,
        options: {
          tariff: { type: 'string' },
          domain: { type: 'string', multiple: true },
          email: { type: 'string' },
          customer: { type: 'string' },
          ...Object.fromEntries(ORDER_MASTER_DATA_FIELDS.map((field) => [cliName(field), { type: 'string' as const }])),
          'accept-confusable-domains': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      });
      const parsed = FirstOrderInput.safeParse({
        tariff: values.tariff,
        domains: values.domain ?? [],
        email: values.email,
        customerNumber: values.customer,
        acceptConfusableDomains: values['accept-confusable-domains'],
        ...Object.fromEntries(ORDER_MASTER_DATA_FIELDS.map((field) => [field, (values as Record<string, unknown>)[cliName(field)]])),
      });
      if (!parsed.success) {
        const t = translator('en');
        throw new UsageError(Object.entries(fieldErrors(parsed.error)).map(([field, error]) => `--${cliName(field)}: ${t(error.key, error.params)}`).join('\n'));
      }
      return withDatabase(async (handle) => {
        const result = await placeFirstOrder(handle.db, handle.dialect, parsed.data, { channel: 'cli', actor: 'cli' }, new Date());
        const text = [
          `Customer ${result.customerNumber}${result.customerPassword ? `  password: ${result.customerPassword}` : ' (existing; password unchanged)'}`,
          `Contract ${result.contractNumber}: ${result.domains.join(', ')}`,
          result.mailAccount ? `Mail account ${result.mailAccount.name}  password: ${result.mailAccount.password}` : '',
          'Passwords are shown only now.',
        ].filter(Boolean);
        print(!!values.json, result, text.join('\n'));
        return 0;
      });
    }
    case 'staff': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { login: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
        allowPositionals: true,
      });
      if (positionals[0] !== 'add') throw new UsageError('Unknown staff command; try: hostdesk staff add --login L --role admin|agent');
      if (!values.login) throw new UsageError('--login is required');
      if (values.role !== 'admin' && values.role !== 'agent') throw new UsageError('--role must be admin or agent');
      const role = values.role;
      return withDatabase(async (handle) => {
        const user = await addStaffUser(handle.db, { login: values.login!, role, name: values.name }, 'cli', new Date());
        print(!!values.json, { login: user.login, password: user.password }, `Staff user ${user.login} (${user.role})  password: ${user.password}\nThe password is shown only now.`);
        return 0;
      });
    }
    case 'plesk-sim': {
      const stop = await runPleskSimulatorCommand(rest, (line) => process.stdout.write(`${line}\n`));
      const quit = () => void stop().then(() => process.exit(0));
      process.on('SIGINT', quit);
      process.on('SIGTERM', quit);
      return -1; // keeps running
    }
    case 'support-maintenance': {
      const result = await withDatabase((handle) => runSupportMaintenance(handle.db, new Date()));
      process.stdout.write(`Closed ${result.closed} resolved ticket(s); wiped ${result.wiped} unrevealed password(s).\n`);
      return 0;
    }
    case 'mail-config':
      return runMailConfigCommand(rest, () => loadConfig().databaseUrl, () => loadConfig().mailPolicy.secret, () => loadConfig().dovecotSync.apiKey);
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (!values.out) throw new UsageError('--out FILE is required');
      const { bytes } = await backupDatabase(loadConfig().databaseUrl, values.out);
      process.stdout.write(`Backup written to ${values.out} (${bytes} bytes).\n`);
      return 0;
    }
    case 'restore': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) throw new UsageError('Usage: hostdesk restore FILE');
      const url = loadConfig().databaseUrl;
      await restoreDatabase(url, positionals[0]!);
      await withDatabase(async () => undefined); // brings an older backup up to the current schema
      process.stdout.write('Restored. Start Hostdesk as usual.\n');
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

/** The option a field comes from: `domains` ← `--domain`, `firstName` ← `--first-name`. */
function cliName(field: string): string {
  return new Map([['domains', 'domain'], ['customerNumber', 'customer']]).get(field) ?? field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Maps a failure to stderr and an exit code: 2 usage, 3 validation or conflict, 1 anything else. */
export async function main(argv: string[]): Promise<void> {
  try {
    const code = await runCli(argv);
    if (code >= 0) process.exitCode = code;
  } catch (error) {
    if (error instanceof DomainError) {
      const t = translator('en');
      // Each field's message beside the option it came from, so the one to fix is named.
      const fields = Object.entries(error.fields).map(([field, f]) => `--${cliName(field)}: ${t(f.key, f.params)}`);
      process.stderr.write(`Error: ${[t(error.key, error.params), ...fields].join('\n')}\n`);
      process.exitCode = 3;
    } else if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
