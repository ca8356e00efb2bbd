import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * pg, loaded when the first PostgreSQL database is opened instead of at start: a server on SQLite
 * never loads it (about 3 MB of heap). It is a CommonJS package, so `require` loads it
 * synchronously (and once) and opening a database stays synchronous. better-sqlite3 stays a
 * plain import: it is small, and the unit tier's guard against SQLite mocks that import.
 */
const require = createRequire(import.meta.url);

export const postgresDriver = (): typeof pg => require('pg') as typeof pg;
