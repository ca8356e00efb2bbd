import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Each mailbox's usage as Dovecot's quota_clone plugin writes it (dict proxy → dict sql, an upsert
// keyed by the account name), and the highest usage warning Hostdesk sent for it. Dovecot writes
// only account_name, bytes and messages; warned_percent is Hostdesk's and keeps its default on
// Dovecot's inserts.
export function mailQuotaUsage(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('mail_quota_usage')
        .addColumn('account_name', 'text', (c) => c.primaryKey())
        .addColumn('bytes', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
        // 0, 80 or 95: the threshold last warned about; back to 0 once usage falls below 80 %.
        .addColumn('warned_percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warned_at', 'text')
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
