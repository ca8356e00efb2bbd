import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { postgresDriver } from './drivers.ts';

/**
 * Online, consistent backups. SQLite: the backup API copies a consistent snapshot while the app
 * keeps serving. PostgreSQL: pg_dump in its custom format (a consistent snapshot as well), and
 * pg_restore into an empty database.
 */
export async function backupDatabase(databaseUrl: string, out: string): Promise<{ bytes: number }> {
  mkdirSync(dirname(resolve(out)), { recursive: true });
  if (databaseUrl.startsWith('file:')) {
    const path = sqlitePath(databaseUrl);
    if (!existsSync(path)) throw new Error(`No SQLite database at ${path}`);
    const source = new SqliteDatabase(path, { fileMustExist: true });
    try {
      // Into a temporary name first: a half-written backup never carries the final name.
      await source.backup(`${out}.partial`);
    } finally {
      source.close();
    }
    renameSync(`${out}.partial`, out);
  } else {
    const pg = withoutPassword(databaseUrl);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, pg.url], pg.env);
  }
  return { bytes: statSync(out).size };
}

/**
 * Restores a backup into the database of DATABASE_URL, which must be new: a missing SQLite file,
 * or an empty PostgreSQL database (nothing is overwritten).
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  if (databaseUrl.startsWith('file:')) {
    const path = sqlitePath(databaseUrl);
    if (existsSync(path)) throw new Error(`${path} exists; restore only into a new database file`);
    const check = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`The backup is damaged: ${String(result)}`);
    } finally {
      check.close();
    }
    mkdirSync(dirname(resolve(path)), { recursive: true });
    copyFileSync(file, `${path}.partial`);
    renameSync(`${path}.partial`, path);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  } else {
    const client = new (postgresDriver().Client)({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`select cast(count(*) as integer) as n from information_schema.tables where table_schema = 'public'`);
      if (rows[0]!.n > 0) throw new Error('The target database is not empty; restore only into a new, empty database');
    } finally {
      await client.end();
    }
    const target = withoutPassword(databaseUrl);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`, file], target.env);
  }
}

function sqlitePath(url: string): string {
  const path = url.slice('file:'.length);
  if (path === ':memory:') throw new Error('An in-memory database cannot be backed up or restored');
  return path;
}

/** The password travels in PGPASSWORD, not on the command line where `ps` would show it. */
function withoutPassword(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', (err) => reject(new Error(`${command} could not be started: ${err.message} (install the PostgreSQL client tools)`)));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} failed (${code}): ${stderr.trim().replace(/postgres(ql)?:\/\/[^\s]*/g, '[database url]')}`))));
  });
}
