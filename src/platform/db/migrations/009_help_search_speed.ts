import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Help search latency at 10,000 entries (bench/help-search.ts, docs/performance.md).
export function helpSearchSpeed(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // The answer as plain text, written when a revision is published, so that a search shows
      // its snippets without rendering Markdown. Rows indexed before this migration keep null
      // until their entry is published again; the search renders the answer for those.
      await sql`alter table help_search add column answer_text text`.execute(db);

      if (dialect === 'postgres') {
        // GIN's fast-update pending list is an unsorted heap that every search scans in full
        // until (auto)vacuum merges it: right after a bulk publish all 10,000 head entries sat
        // there and each search spent 35 ms on it. The index changes only when an editor
        // publishes, so entries go straight into the tree; what is pending now is merged.
        for (const index of ['help_search_document', 'help_search_trigram', 'help_search_head', 'help_search_head_trigram']) {
          await sql`alter index ${sql.id(index)} set (fastupdate = off)`.execute(db);
          await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
        }
        return;
      }

      // SQLite. Prefix indexes for the lengths query stems have (a query word of four letters or
      // more matches as a prefix, "postfach"*): without them FTS5 reads and merges the doclists of
      // every term with that prefix on each search, 2 ms for a common word at 10,000 entries.
      // help_fts is rebuilt with them; question and keywords get their own FTS5 table (rowid as
      // in help_fts), as a column filter on help_fts still reads the doclists of whole texts and
      // bm25 counts every answer that mentions a common word.
      const prefix = '4 5 6 7 8 9 10 11 12 13 14 15 16';
      await sql`create virtual table help_fts_new using fts5(entry_id unindexed, language unindexed, question, keywords, answer, tokenize = 'unicode61 remove_diacritics 2', prefix = ${sql.lit(prefix)})`.execute(db);
      await sql`insert into help_fts_new (rowid, entry_id, language, question, keywords, answer) select rowid, entry_id, language, question, keywords, answer from help_fts`.execute(db);
      await sql`drop table help_fts`.execute(db);
      await sql`alter table help_fts_new rename to help_fts`.execute(db);
      await sql`create virtual table help_fts_head using fts5(question, keywords, tokenize = 'unicode61 remove_diacritics 2', prefix = ${sql.lit(prefix)})`.execute(db);
      await sql`insert into help_fts_head (rowid, question, keywords) select rowid, question, keywords from help_fts`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('The help search migration cannot be reverted');
    },
  };
}
