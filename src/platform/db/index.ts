import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './database.ts';
import { postgresDriver } from './drivers.ts';
// Platform's own tables join the Database type wherever the database is used.
import type {} from './platform.tables.ts';
import { preparingClient } from './prepared.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Opens the database named by a `file:<path>` (or `file::memory:`) or `postgres://…` URL. */
export function openDatabase(url: string): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }), plugins });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new (postgresDriver().Pool)({ connectionString: url, max: 10, Client: preparingClient() });
  // An idle connection that the server ends (restart, failover, an admin terminating it) reports
  // here; the pool drops it and the next query connects anew. Unhandled, it would end the process.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a
 * noticeable share of a page's time. The driver runs one query at a time on its connection, so
 * sharing a statement is safe.
 */
function withStatementCache(database: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

export type SequenceName = 'customer_number_seq' | 'contract_number_seq';

/**
 * Next value of a number sequence. PostgreSQL uses a real sequence; SQLite, whose writers are
 * serialised, increments a row in one statement. Both are safe under concurrency.
 */
export async function nextNumber(db: Db, dialect: Dialect, name: SequenceName): Promise<number> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ value: string }>`select nextval(${name}) as value`.execute(db);
    return Number(rows[0]!.value);
  }
  const row = await db
    .updateTable('numberSequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs `work` in the caller's transaction when `db` is one, or in a new one: a service that must
 * be atomic takes `db` first like every other and still lets its caller pass a transaction in.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
