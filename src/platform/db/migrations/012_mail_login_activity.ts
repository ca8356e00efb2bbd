import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// What Dovecot reports about mail logins (IMAP, POP3, SMTP AUTH through Dovecot's auth policy
// requests): per account and protocol the last successful login, failed attempts summed up per
// (account or unknown name, protocol, client address, reason), and the throttle tickets of
// attempts Dovecot asked about and has not reported yet.
export function mailLoginActivity(dialect: Dialect) {
  const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('mail_login_successes')
        .addColumn('account_id', 'integer', (c) => c.notNull().references('mail_accounts.id').onDelete('cascade'))
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('tls', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('mail_login_successes_pkey', ['account_id', 'protocol'])
        .execute();
      await db.schema.createIndex('mail_login_successes_at').on('mail_login_successes').column('at').execute();

      await db.schema
        .createTable('mail_login_failures')
        .addColumn('id', 'integer', id)
        // `a:<account id>` for an account, `n:<login>` for an unknown name under a contract's domain.
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (c) => c.references('mail_accounts.id').onDelete('cascade'))
        .addColumn('login', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('mail_login_failures_one', ['target', 'protocol', 'client_address', 'reason'])
        .execute();
      await db.schema.createIndex('mail_login_failures_target').on('mail_login_failures').columns(['target', 'last_at']).execute();
      await db.schema.createIndex('mail_login_failures_account').on('mail_login_failures').columns(['account_id', 'last_at']).execute();
      await db.schema.createIndex('mail_login_failures_contract').on('mail_login_failures').columns(['contract_id', 'last_at']).execute();
      await db.schema.createIndex('mail_login_failures_last').on('mail_login_failures').column('last_at').execute();

      await db.schema
        .createTable('mail_policy_pending')
        .addColumn('attempt_key', 'text', (c) => c.primaryKey())
        .addColumn('ticket', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_policy_pending_created').on('mail_policy_pending').column('created_at').execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
