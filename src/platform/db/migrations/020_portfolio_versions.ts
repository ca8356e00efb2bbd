import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// A number per customer that grows with every change of what their Domainverwaltung shows:
// their contracts, those contracts' domains, tariffs and panel servers. It is read with the
// session on every request, so a page rendered for one version can be served again while the
// version stands (platform/views/page-cache.ts) — on any app process, since every writer
// (web, API, CLI, another process) goes through these triggers.
export function portfolioVersions(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('customers').addColumn('portfolio_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      const bump = (customers: string) => `update customers set portfolio_version = portfolio_version + 1 where id in (${customers})`;
      if (dialect === 'sqlite') {
        const triggers: [string, string, string][] = [
          ['contracts', 'insert', bump('new.customer_id')],
          ['contracts', 'update', bump('old.customer_id, new.customer_id')],
          ['contracts', 'delete', bump('old.customer_id')],
          ['domains', 'insert', bump('select customer_id from contracts where id = new.contract_id')],
          ['domains', 'update', bump('select customer_id from contracts where id in (old.contract_id, new.contract_id)')],
          ['domains', 'delete', bump('select customer_id from contracts where id = old.contract_id')],
          ['tariffs', 'update', bump('select customer_id from contracts where tariff_id = new.id')],
          ['panel_servers', 'update', bump('select customer_id from contracts where panel_server_id = new.id')],
        ];
        for (const [table, event, statement] of triggers) {
          await sql.raw(`create trigger portfolio_${table}_${event} after ${event} on ${table} for each row begin ${statement}; end`).execute(db);
        }
        return;
      }
      // PostgreSQL: one function per table; OLD is null on insert and NEW on delete.
      const functions: [string, string, string][] = [
        ['contracts', 'insert or update or delete', bump('old.customer_id, new.customer_id')],
        ['domains', 'insert or update or delete', bump('select customer_id from contracts where id in (old.contract_id, new.contract_id)')],
        ['tariffs', 'update', bump('select customer_id from contracts where tariff_id = new.id')],
        ['panel_servers', 'update', bump('select customer_id from contracts where panel_server_id = new.id')],
      ];
      for (const [table, events, statement] of functions) {
        await sql.raw(`create function portfolio_${table}_changed() returns trigger language plpgsql as $$ begin ${statement}; return null; end $$`).execute(db);
        await sql.raw(`create trigger portfolio_${table} after ${events} on ${table} for each row execute function portfolio_${table}_changed()`).execute(db);
      }
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}
