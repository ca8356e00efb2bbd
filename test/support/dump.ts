import { sql } from 'kysely';
import type { Db, Dialect } from '../../src/platform/db/index.ts';

/** Tables that a refused request may legitimately write to: the security trail. */
const VOLATILE = new Set(['sessions', 'audit_events', 'throttle_attempts', 'login_alerts', 'login_failure_bursts', 'rate_limit_counters', 'kysely_migration', 'kysely_migration_lock']);

/** Every table's rows as one comparable string, for "bad input changed nothing" checks. */
export async function dumpDatabase(db: Db, dialect: Dialect, extraVolatile: string[] = []): Promise<string> {
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows
      : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(db)).rows;
  let out = '';
  for (const { name } of tables) {
    if (VOLATILE.has(name) || extraVolatile.includes(name) || /_fts|_trigram|_data$|_idx$|_config$|_docsize$|_content$/.test(name)) continue;
    const rows = (await sql`select * from ${sql.table(name)} order by 1`.execute(db)).rows;
    out += `${name}:${JSON.stringify(rows)}\n`;
  }
  return out;
}
