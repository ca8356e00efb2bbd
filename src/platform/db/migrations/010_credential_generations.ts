import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Every credential gets a generation, a counter that grows with each change of it; a session
// records the generation it was opened with and is void once they differ. The counter lives on
// the row that owns the credentials (customer: password and second factor; staff user: the
// same; mail account: its password, and the app passwords of that account later). The session
// columns mirror what the session's data records, so that the sessions a change ends can be
// found and counted without reading every session's JSON.
export function credentialGenerations(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const table of ['customers', 'staff_users', 'mail_accounts']) {
        await db.schema
          .alterTable(table)
          .addColumn('credential_generation', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      }
      await db.schema.alterTable('sessions').addColumn('generation', 'integer').execute();
      await db.schema.alterTable('sessions').addColumn('mail_account_id', 'integer').execute();
      await db.schema.alterTable('sessions').addColumn('mail_generation', 'integer').execute();
      await db.schema.createIndex('sessions_mail_account').on('sessions').column('mail_account_id').execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
