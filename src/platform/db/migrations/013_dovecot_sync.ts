import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// What every Dovecot server still has to hear about a mail account whose credentials changed:
// flush its auth cache entries and end its open IMAP/POP3 sessions. One row per (server, account),
// written in the transaction of the change and removed once that server confirmed it.
export function dovecotSync(dialect: Dialect) {
  const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('dovecot_sync_tasks')
        .addColumn('id', 'integer', id)
        .addColumn('server', 'text', (c) => c.notNull())
        .addColumn('account_name', 'text', (c) => c.notNull())
        // JSON array: every name the account logs in with (its name, its addresses), as Dovecot's auth cache keys them.
        .addColumn('logins', 'text', (c) => c.notNull())
        // Grows with each further change while the task waits, so a delivery of an older state never removes it.
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addUniqueConstraint('dovecot_sync_tasks_one', ['server', 'account_name'])
        .execute();
      await db.schema.createIndex('dovecot_sync_tasks_due').on('dovecot_sync_tasks').column('next_attempt_at').execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
