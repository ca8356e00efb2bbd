import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// App passwords: per mailbox, named, each for some of IMAP, POP3 and SMTP, optionally expiring.
// Dovecot's passdb reads them (server-config.ts): `public_id` is the first group of the secret,
// so a login checks one argon2id hash, never all of them. A mailbox can refuse its own password
// for mail programs (`app_passwords_only`); the web logins keep it.
export function appPasswords(dialect: Dialect) {
  const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('mail_app_passwords')
        .addColumn('id', 'integer', id)
        .addColumn('account_id', 'integer', (c) => c.notNull().references('mail_accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('public_id', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('imap', 'integer', (c) => c.notNull())
        .addColumn('pop3', 'integer', (c) => c.notNull())
        .addColumn('smtp', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // ISO time (UTC) from which it no longer works; null: until revoked.
        .addColumn('expires_at', 'text')
        // Set once the expiry reached the mail servers (their auth cache flushed, sessions ended).
        .addColumn('expiry_delivered', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_used_at', 'text')
        .addColumn('last_used_address', 'text')
        .addColumn('last_used_protocol', 'text')
        .addUniqueConstraint('mail_app_passwords_public_id', ['account_id', 'public_id'])
        .execute();
      await db.schema.createIndex('mail_app_passwords_expiry').on('mail_app_passwords').columns(['expiry_delivered', 'expires_at']).execute();
      await db.schema.alterTable('mail_accounts').addColumn('app_passwords_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
