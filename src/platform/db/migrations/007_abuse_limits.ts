import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations.
// One table for every attempt throttle (logins, codes, resets, tickets), replacing
// login_failures; one for the per-request rate limit, so both hold across app processes.
export function abuseLimits(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('throttle_attempts')
        .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('throttle_attempts_lookup').on('throttle_attempts').columns(['scope', 'key', 'created_at']).execute();
      await db.schema.createIndex('throttle_attempts_created').on('throttle_attempts').column('created_at').execute();
      await db.schema
        .createTable('rate_limit_counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_ends', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limit_counters_window').on('rate_limit_counters').column('window_ends').execute();
      await sql`drop table login_failures`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
