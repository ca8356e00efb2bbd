import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { searchPostgres } from './search.postgres.ts';
import { searchSqlite } from './search.sqlite.ts';
import { pgConfig, type SearchQuery, type SearchRow } from './search.stages.ts';
import { foldText, foldedWords, stemWord, stemmedText } from './text.ts';

export type { SearchQuery, SearchRow } from './search.stages.ts';

/** What the index holds for one published (entry, language). */
export interface IndexDocument {
  entryId: number;
  language: Language;
  revisionId: number;
  question: string;
  keywords: string;
  answerText: string;
}

const ftsRowid = (entryId: number, language: Language) => entryId * 2 + (language === 'en' ? 1 : 0);

/**
 * Puts a published revision into the index, replacing what was there. PostgreSQL builds a
 * weighted tsvector (question A, keywords B, answer C) from the folded text; SQLite stores the
 * app-stemmed text in FTS5 (all of it, and question and keywords on their own) and the folded
 * text in a trigram table. The plain answer text is kept for the snippets.
 */
export async function indexDocument(db: Db, dialect: Dialect, doc: IndexDocument): Promise<void> {
  const folded = foldText(`${doc.question}\n${doc.keywords}\n${doc.answerText}`);
  await removeDocument(db, dialect, doc.entryId, doc.language);
  if (dialect === 'postgres') {
    const cfg = pgConfig(doc.language);
    await sql`insert into help_search (entry_id, language, revision_id, folded, answer_text, document) values (
      ${doc.entryId}, ${doc.language}, ${doc.revisionId}, ${folded}, ${doc.answerText},
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.question)}), 'A') ||
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.keywords)}), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.answerText)}), 'C'))`.execute(db);
  } else {
    await db.insertInto('helpSearch').values({ entryId: doc.entryId, language: doc.language, revisionId: doc.revisionId, folded, answerText: doc.answerText }).execute();
    const rowid = ftsRowid(doc.entryId, doc.language);
    const question = stemmedText(doc.question, doc.language);
    const keywords = stemmedText(doc.keywords, doc.language);
    await sql`insert into help_fts (rowid, entry_id, language, question, keywords, answer) values (${rowid}, ${doc.entryId}, ${doc.language},
      ${question}, ${keywords}, ${stemmedText(doc.answerText, doc.language)})`.execute(db);
    await sql`insert into help_fts_head (rowid, question, keywords) values (${rowid}, ${question}, ${keywords})`.execute(db);
    await sql`insert into help_trigram (rowid, folded) values (${rowid}, ${folded})`.execute(db);
  }
  const terms = [...new Set(foldedWords(folded).filter((w) => w.length >= 3 && w.length <= 40).map((w) => stemWord(w, doc.language)))];
  for (let i = 0; i < terms.length; i += 200) {
    await db
      .insertInto('helpTerms')
      .values(terms.slice(i, i + 200).map((term) => ({ language: doc.language, term })))
      .onConflict((oc) => oc.columns(['language', 'term']).doNothing())
      .execute();
  }
}

export async function removeDocument(db: Db, dialect: Dialect, entryId: number, language: Language): Promise<void> {
  await db.deleteFrom('helpSearch').where('entryId', '=', entryId).where('language', '=', language).execute();
  if (dialect === 'sqlite') {
    const rowid = ftsRowid(entryId, language);
    await sql`delete from help_fts where rowid = ${rowid}`.execute(db);
    await sql`delete from help_fts_head where rowid = ${rowid}`.execute(db);
    await sql`delete from help_trigram where rowid = ${rowid}`.execute(db);
  }
}

/** Index rows written before the index kept the plain answer text, with the answer to make it from. */
export function listDocumentsWithoutAnswerText(db: Db) {
  return db
    .selectFrom('helpSearch as s')
    .innerJoin('helpRevisions as r', 'r.id', 's.revisionId')
    .select(['s.entryId', 's.language', 's.revisionId', 'r.answer'])
    .where('s.answerText', 'is', null)
    .execute();
}

export async function setAnswerText(db: Db, document: { entryId: number; language: Language; revisionId: number }, answerText: string): Promise<void> {
  await db
    .updateTable('helpSearch')
    .set({ answerText })
    .where('entryId', '=', document.entryId)
    .where('language', '=', document.language)
    .where('revisionId', '=', document.revisionId)
    .execute();
}

// help_terms only grows (no term is ever removed), so a stem once found stays known: remembered
// per database, so that a query word the index knows costs no round trip.
const knownByDb = new WeakMap<Db, Set<string>>();

/** Whether a stem is known to occur in the published texts, as far as this process has seen. */
export function isKnownStem(db: Db, language: Language, stem: string): boolean {
  return knownByDb.get(db)?.has(`${language}:${stem}`) ?? false;
}

/** Which of these stems occur anywhere in the published texts of a language. */
export async function knownStems(db: Db, language: Language, stems: string[]): Promise<Set<string>> {
  if (stems.length === 0) return new Set();
  const rows = await db.selectFrom('helpTerms').select('term').where('language', '=', language).where('term', 'in', stems).execute();
  let known = knownByDb.get(db);
  if (!known || known.size >= 100_000) knownByDb.set(db, (known = new Set()));
  for (const r of rows) known.add(`${language}:${r.term}`);
  return new Set(rows.map((r) => r.term));
}

/**
 * The search over the published index, in stages: A, all groups by stem; B, only when A found
 * fewer than the limit, the words as substrings ("passwort" inside "postfachpasswort"); C, only
 * when A and B together found fewer than three and the query has several groups, any group.
 * Hits of a later stage follow those of the earlier ones. PostgreSQL runs all stages in one
 * prepared statement, SQLite one after another.
 */
export async function searchIndex(db: Db, dialect: Dialect, query: SearchQuery): Promise<SearchRow[]> {
  // parseQuery makes a group of every word it keeps, so a query with words always has groups.
  if (query.groups.length === 0) return [];
  const words = query.words.filter((w) => w.length >= 3).slice(0, 6);
  return dialect === 'postgres' ? searchPostgres(db, query, words) : searchSqlite(db, query, words);
}

