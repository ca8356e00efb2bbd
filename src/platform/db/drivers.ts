import { createRequire } from 'node:module';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';

/**
 * The database drivers, loaded when a database of their kind is first opened instead of at
 * start: a server on SQLite never loads pg (about 3 MB of heap), one on PostgreSQL never loads
 * better-sqlite3 and its native library. Both are CommonJS packages, so `require` loads them
 * synchronously (and once) and opening a database stays synchronous.
 */
const require = createRequire(import.meta.url);

export const sqliteDriver = (): typeof SqliteDatabase => require('better-sqlite3') as typeof SqliteDatabase;

export const postgresDriver = (): typeof pg => require('pg') as typeof pg;
