import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Found by `npm run bench` (docs/performance.md).
export function performanceTuning(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      // Help search on PostgreSQL: the question and keywords on their own (the A and B weights
      // of `document`; the first two lines of `folded`), each with its own GIN index. The search
      // looks there first and ranks only a bounded set, instead of ranking every answer that
      // mentions a common word (thousands of large tsvectors at 10,000 entries).
      await sql`alter table help_search add column head tsvector generated always as (ts_filter(document, '{a,b}')) stored`.execute(db);
      await sql`alter table help_search add column head_folded text generated always as (split_part(folded, E'\n', 1) || E'\n' || split_part(folded, E'\n', 2)) stored`.execute(db);
      await sql`create index help_search_head on help_search using gin (head)`.execute(db);
      await sql`create index help_search_head_trigram on help_search using gin (head_folded gin_trgm_ops)`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('The performance migration cannot be reverted');
    },
  };
}
