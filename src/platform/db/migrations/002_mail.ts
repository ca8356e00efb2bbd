import { type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Dovecot and Postfix read these tables through the queries `hostdesk mail-config` writes, so
// column names here are part of that contract.
export function mail(dialect: Dialect) {
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()));

  return {
    async up(db: Kysely<any>): Promise<void> {
      // One row per address: `kind` mailbox (delivers into `account_id`), forward (delivers to
      // mail_forward_targets) or catchall (address `@domain`, local_part '').
      await id(db.schema.createTable('mail_addresses'))
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
        .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('local_part', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('account_id', 'integer', (c) => c.references('mail_accounts.id').onDelete('cascade'))
        .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_addresses_account').on('mail_addresses').column('account_id').execute();
      await db.schema.createIndex('mail_addresses_contract').on('mail_addresses').column('contract_id').execute();

      await id(db.schema.createTable('mail_forward_targets'))
        .addColumn('address_id', 'integer', (c) => c.notNull().references('mail_addresses.id').onDelete('cascade'))
        .addColumn('target', 'text', (c) => c.notNull())
        .addUniqueConstraint('mail_forward_targets_unique', ['address_id', 'target'])
        .execute();

      // The highest account number ever used per contract: a deleted `.004` is never handed out
      // again, because its old Maildir may still exist on the mail server.
      await db.schema
        .createTable('mail_account_counters')
        .addColumn('contract_id', 'integer', (c) => c.primaryKey().references('contracts.id').onDelete('cascade'))
        .addColumn('last_index', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('mail_account_counters').execute();
      await db.schema.dropTable('mail_forward_targets').execute();
      await db.schema.dropTable('mail_addresses').execute();
    },
  };
}
