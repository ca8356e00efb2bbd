import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// A mailbox's delivery rules (out-of-office reply, forwarding) as its owners set them, and the
// Sieve script Hostdesk compiles from them. Dovecot's Pigeonhole reads the script from
// mail_sieve_scripts through a dict (the dict-sql map `hostdesk mail-config dovecot` writes), so
// these column names are part of that contract: account_name is Dovecot's user, script_id
// changes with every new script text (Pigeonhole recompiles when it sees a new id).
export function deliveryRules(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('mail_delivery_rules')
        .addColumn('account_id', 'integer', (c) => c.primaryKey().references('mail_accounts.id').onDelete('cascade'))
        // 'on' | 'off': the out-of-office reply.
        .addColumn('auto_reply', 'text', (c) => c.notNull())
        // Calendar days (YYYY-MM-DD), both optional; outside them the reply is silent.
        .addColumn('reply_from', 'text')
        .addColumn('reply_until', 'text')
        .addColumn('reply_subject', 'text', (c) => c.notNull())
        .addColumn('reply_body', 'text', (c) => c.notNull())
        // One reply per sender within this many days (Sieve vacation :days).
        .addColumn('reply_days', 'integer', (c) => c.notNull())
        // JSON array of the mailbox's addresses the reply answers for.
        .addColumn('reply_addresses', 'text', (c) => c.notNull())
        // Forwarding of the whole mailbox to one address; forward_keep 1 keeps a copy.
        .addColumn('forward_to', 'text')
        .addColumn('forward_keep', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mail_sieve_scripts')
        .addColumn('account_id', 'integer', (c) => c.primaryKey().references('mail_accounts.id').onDelete('cascade'))
        .addColumn('account_name', 'text', (c) => c.notNull().unique())
        .addColumn('script_id', 'text', (c) => c.notNull())
        .addColumn('script', 'text', (c) => c.notNull())
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
