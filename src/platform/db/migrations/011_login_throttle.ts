import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Login throttling that never locks the owner out: where each account logged in successfully
// before (evidence that exempts it from the account-wide limit), and failed attempts summed up
// per burst, for the owner's security events and the one notice mail per burst.
export function loginThrottle(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('known_login_sources')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('address_key', 'text', (c) => c.notNull())
        .addColumn('last_success_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('known_login_sources_pkey', ['subject', 'address_key'])
        .execute();
      await db.schema.createIndex('known_login_sources_last').on('known_login_sources').column('last_success_at').execute();

      await db.schema
        .createTable('login_alerts')
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('burst_started_at', 'text', (c) => c.notNull())
        .addColumn('last_failure_at', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('notified_at', 'text')
        .addPrimaryKeyConstraint('login_alerts_pkey', ['target', 'kind'])
        .execute();
      await db.schema.createIndex('login_alerts_last').on('login_alerts').column('last_failure_at').execute();

      await db.schema
        .createTable('login_failure_bursts')
        .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('burst_started_at', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('login_failure_bursts_one', ['target', 'kind', 'address', 'burst_started_at'])
        .execute();
      await db.schema.createIndex('login_failure_bursts_target').on('login_failure_bursts').columns(['target', 'last_at']).execute();
      await db.schema.createIndex('login_failure_bursts_last').on('login_failure_bursts').column('last_at').execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
