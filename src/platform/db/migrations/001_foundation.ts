import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
export function foundation(dialect: Dialect) {
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()));

  return {
    async up(db: Kysely<any>): Promise<void> {
      await id(db.schema.createTable('customers'))
        .addColumn('customer_number', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('salutation', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('company', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('country', 'text', (c) => c.notNull().defaultTo('DE'))
        .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('de'))
        .addColumn('confirmed_at', 'text')
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await id(db.schema.createTable('master_data_events'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('master_data_events_customer').on('master_data_events').columns(['customer_id', 'created_at']).execute();

      await id(db.schema.createTable('staff_users'))
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('de'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await id(db.schema.createTable('tariffs'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('panel', 'text', (c) => c.notNull())
        .addColumn('plesk_version', 'text')
        .addColumn('mail_account_limit', 'integer', (c) => c.notNull())
        .addColumn('mail_quota_mb', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await id(db.schema.createTable('panel_servers'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('version', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await id(db.schema.createTable('contracts'))
        .addColumn('contract_number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('tariff_id', 'integer', (c) => c.notNull().references('tariffs.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('panel_server_id', 'integer', (c) => c.references('panel_servers.id'))
        .addColumn('panel_login', 'text')
        .addColumn('ordered_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contracts_customer').on('contracts').column('customer_id').execute();

      await id(db.schema.createTable('domains'))
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
        .addColumn('name_ascii', 'text', (c) => c.notNull().unique())
        .addColumn('name_unicode', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('domains_contract').on('domains').column('contract_id').execute();

      await id(db.schema.createTable('orders'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('placed_by', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id'))
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await id(db.schema.createTable('mail_accounts'))
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('quota_mb', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('imap', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('pop3', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('smtp', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_accounts_contract').on('mail_accounts').column('contract_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('subject', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_subject').on('sessions').column('subject').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      await id(db.schema.createTable('api_tokens'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('staff_users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await id(db.schema.createTable('password_reset_tokens'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();

      await id(db.schema.createTable('login_failures'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_lookup').on('login_failures').columns(['scope', 'key', 'created_at']).execute();

      await id(db.schema.createTable('audit_events'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('ip', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject', 'at']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      if (dialect === 'postgres') {
        await sql`create sequence customer_number_seq start with 10001`.execute(db);
        await sql`create sequence contract_number_seq start with 500001`.execute(db);
      } else {
        await db.schema
          .createTable('number_sequences')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'integer', (c) => c.notNull())
          .execute();
        await db
          .insertInto('number_sequences')
          .values([
            { name: 'customer_number_seq', value: 10000 },
            { name: 'contract_number_seq', value: 500000 },
          ])
          .execute();
      }
    },
    async down(): Promise<void> {
      throw new Error('The foundation migration cannot be reverted');
    },
  };
}
