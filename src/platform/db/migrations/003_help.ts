import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
export function help(dialect: Dialect) {
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()));

  return {
    async up(db: Kysely<any>): Promise<void> {
      await id(db.schema.createTable('help_categories'))
        .addColumn('parent_id', 'integer', (c) => c.references('help_categories.id'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name_de', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // The id is the public "Eindeutige ID", drawn from help_entry_id_seq (from 1000), never reused.
      await db.schema
        .createTable('help_entries')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('category_id', 'integer', (c) => c.notNull().references('help_categories.id'))
        .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('publish_from', 'text')
        .addColumn('publish_until', 'text')
        .addColumn('contexts', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('help_entries_category').on('help_entries').column('category_id').execute();

      // Append-only content; only the state moves (draft → review → published → superseded).
      await id(db.schema.createTable('help_revisions'))
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('help_entries.id').onDelete('cascade'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('restored_from', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('state_changed_at', 'text', (c) => c.notNull())
        .addColumn('state_changed_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('help_revisions_number', ['entry_id', 'language', 'number'])
        .execute();
      await db.schema.createIndex('help_revisions_state').on('help_revisions').columns(['entry_id', 'language', 'state']).execute();

      await db.schema
        .createTable('help_related')
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('help_entries.id').onDelete('cascade'))
        .addColumn('related_id', 'integer', (c) => c.notNull().references('help_entries.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('help_related_pk', ['entry_id', 'related_id'])
        .execute();

      await id(db.schema.createTable('help_votes'))
        .addColumn('revision_id', 'integer', (c) => c.notNull().references('help_revisions.id').onDelete('cascade'))
        .addColumn('helpful', 'integer', (c) => c.notNull())
        .addColumn('voter_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('help_votes_once', ['revision_id', 'voter_hash'])
        .execute();

      await id(db.schema.createTable('help_search_misses'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('help_search_misses_query', ['language', 'query'])
        .execute();

      await id(db.schema.createTable('help_questions'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'integer', (c) => c.references('help_entries.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('handled_at', 'text')
        .addColumn('handled_by', 'text')
        .execute();

      // Stems of every published word: lets the search split compounds it has never seen.
      await db.schema
        .createTable('help_terms')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('help_terms_pk', ['language', 'term'])
        .execute();

      // One row per published (entry, language): what the search engines read.
      await db.schema
        .createTable('help_search')
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('help_entries.id').onDelete('cascade'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('revision_id', 'integer', (c) => c.notNull())
        .addColumn('folded', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('help_search_pk', ['entry_id', 'language'])
        .execute();

      if (dialect === 'postgres') {
        await sql`create extension if not exists pg_trgm`.execute(db);
        await sql`alter table help_search add column document tsvector not null`.execute(db);
        await sql`create index help_search_document on help_search using gin (document)`.execute(db);
        await sql`create index help_search_trigram on help_search using gin (folded gin_trgm_ops)`.execute(db);
        await sql`create sequence help_entry_id_seq start with 1000`.execute(db);
      } else {
        // entry_id and language ride along unindexed; the rowid is entry_id * 2 (+1 for English).
        await sql`create virtual table help_fts using fts5(entry_id unindexed, language unindexed, question, keywords, answer, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
        await sql`create virtual table help_trigram using fts5(folded, tokenize = 'trigram')`.execute(db);
        await db.insertInto('number_sequences').values({ name: 'help_entry_id_seq', value: 999 }).execute();
      }
    },
    async down(): Promise<void> {
      throw new Error('The help migration cannot be reverted');
    },
  };
}
