import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// The back office's internal notes about a customer: staff only, never shown to the customer;
// each with its author and time.
export function customerNotes(dialect: Dialect) {
  const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('customer_notes')
        .addColumn('id', 'integer', id)
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff_users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customer_notes_customer').on('customer_notes').columns(['customer_id', 'id']).execute();
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
