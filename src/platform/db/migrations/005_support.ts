import { type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// The SupportCenter: tickets, their messages, attachments and history, staff actions (with the
// one sealed secret a customer may reveal once), canned replies and the notification outbox.
export function support(dialect: Dialect) {
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()));
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';

  return {
    async up(db: Kysely<any>): Promise<void> {
      // One row per calendar day (Berlin time): the counter part of the readable ticket number.
      await db.schema
        .createTable('support_ticket_counters')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .execute();

      await id(db.schema.createTable('support_tickets'))
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'integer', (c) => c.references('staff_users.id'))
        .addColumn('contract_id', 'integer', (c) => c.references('contracts.id'))
        .addColumn('domain_id', 'integer', (c) => c.references('domains.id').onDelete('set null'))
        .addColumn('mail_account_id', 'integer', (c) => c.references('mail_accounts.id').onDelete('set null'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('authenticated', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('support_tickets_customer').on('support_tickets').columns(['customer_id', 'updated_at']).execute();
      await db.schema.createIndex('support_tickets_queue').on('support_tickets').columns(['state', 'updated_at']).execute();

      await id(db.schema.createTable('support_messages'))
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
        .addColumn('author_kind', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('authenticated', 'integer', (c) => c.notNull())
        .addColumn('internal', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('support_messages_ticket').on('support_messages').columns(['ticket_id', 'id']).execute();

      await id(db.schema.createTable('support_attachments'))
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
        .addColumn('message_id', 'integer', (c) => c.notNull().references('support_messages.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('support_attachments_message').on('support_attachments').column('message_id').execute();

      await id(db.schema.createTable('support_events'))
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .execute();
      await db.schema.createIndex('support_events_ticket').on('support_events').columns(['ticket_id', 'id']).execute();

      // A staff action run from a ticket. `sealed_secret` holds the one value the customer may
      // reveal (AES-256-GCM under a key that is not in this database); it is wiped on reveal.
      await id(db.schema.createTable('support_actions'))
        .addColumn('ticket_id', 'integer', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'integer', (c) => c.references('staff_users.id'))
        .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id'))
        .addColumn('mail_account', 'text', (c) => c.notNull())
        .addColumn('sealed_secret', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revealed_at', 'text')
        .addColumn('wiped_at', 'text')
        .execute();
      await db.schema.createIndex('support_actions_ticket').on('support_actions').column('ticket_id').execute();

      await id(db.schema.createTable('support_canned_replies'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('staff_users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // Every notification, sent or not: without SMTP it waits here for staff to read.
      await id(db.schema.createTable('support_notifications'))
        .addColumn('ticket_id', 'integer', (c) => c.references('support_tickets.id').onDelete('set null'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of [
        'support_notifications',
        'support_canned_replies',
        'support_actions',
        'support_events',
        'support_attachments',
        'support_messages',
        'support_tickets',
        'support_ticket_counters',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
