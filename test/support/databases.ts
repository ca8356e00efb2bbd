import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Dialect, type DbHandle } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: Promise<boolean> | undefined;
async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The dialects a suite runs on. PostgreSQL is skipped only outside CI when no server answers;
 * with CI=true a missing server fails the run instead of hiding half the suite.
 */
export async function availableDialects(): Promise<Dialect[]> {
  pgAvailable ??= probePostgres();
  if (await pgAvailable) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} does not answer`);
  console.warn('PostgreSQL not reachable: running SQLite only');
  return ['sqlite'];
}

export const DIALECTS: Dialect[] = await availableDialects();

export interface TestDatabase {
  handle: DbHandle;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory (or a temp file) SQLite, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect, options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const url = `file:${options.sqliteFile ?? ':memory:'}`;
    const handle = openDatabase(url);
    await migrateToLatest(handle);
    return { handle, url, drop: () => handle.close() };
  }
  const name = `hostdesk_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle);
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
