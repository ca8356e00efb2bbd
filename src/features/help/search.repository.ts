import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import type { QueryGroup } from './query.ts';
import { foldText, foldedWords, stemWord, stemmedText } from './text.ts';

/** What the index holds for one published (entry, language). */
export interface IndexDocument {
  entryId: number;
  language: Language;
  revisionId: number;
  question: string;
  keywords: string;
  answerText: string;
}

// How many question/keyword matches are ranked at most, and how many answer-only matches
// beyond the ones still missing (see searchPostgres, searchSqlite).
const HEAD_CANDIDATES = 200;
const BODY_EXTRA_CANDIDATES = 20;
const pgConfig = (language: Language) => (language === 'de' ? 'german' : 'english');
const ftsRowid = (entryId: number, language: Language) => entryId * 2 + (language === 'en' ? 1 : 0);

/**
 * Puts a published revision into the index, replacing what was there. PostgreSQL builds a
 * weighted tsvector (question A, keywords B, answer C) from the folded text; SQLite stores the
 * app-stemmed text in FTS5 and the folded text in a trigram table.
 */
export async function indexDocument(db: Db, dialect: Dialect, doc: IndexDocument): Promise<void> {
  const folded = foldText(`${doc.question}\n${doc.keywords}\n${doc.answerText}`);
  await removeDocument(db, dialect, doc.entryId, doc.language);
  if (dialect === 'postgres') {
    const cfg = pgConfig(doc.language);
    await sql`insert into help_search (entry_id, language, revision_id, folded, document) values (
      ${doc.entryId}, ${doc.language}, ${doc.revisionId}, ${folded},
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.question)}), 'A') ||
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.keywords)}), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, ${foldText(doc.answerText)}), 'C'))`.execute(db);
  } else {
    await db.insertInto('helpSearch').values({ entryId: doc.entryId, language: doc.language, revisionId: doc.revisionId, folded }).execute();
    const rowid = ftsRowid(doc.entryId, doc.language);
    await sql`insert into help_fts (rowid, entry_id, language, question, keywords, answer) values (${rowid}, ${doc.entryId}, ${doc.language},
      ${stemmedText(doc.question, doc.language)}, ${stemmedText(doc.keywords, doc.language)}, ${stemmedText(doc.answerText, doc.language)})`.execute(db);
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
    await sql`delete from help_trigram where rowid = ${rowid}`.execute(db);
  }
}

/** Which of these stems occur anywhere in the published texts of a language. */
export async function knownStems(db: Db, language: Language, stems: string[]): Promise<Set<string>> {
  if (stems.length === 0) return new Set();
  const rows = await db.selectFrom('helpTerms').select('term').where('language', '=', language).where('term', 'in', stems).execute();
  return new Set(rows.map((r) => r.term));
}

export interface Hit {
  entryId: number;
  score: number;
}

export interface SearchInput {
  language: Language;
  groups: QueryGroup[];
  /** all groups must match (true) or any (false) */
  all: boolean;
  now: string;
  limit: number;
}

const visibleAt = (now: string) =>
  sql`exists (select 1 from help_entries e where e.id = s.entry_id and (e.publish_from is null or e.publish_from <= ${now}) and (e.publish_until is null or e.publish_until > ${now}))`;

/** Full-text search over the published index; hits ordered best first. */
export async function searchFullText(db: Db, dialect: Dialect, input: SearchInput): Promise<Hit[]> {
  if (input.groups.length === 0) return [];
  return dialect === 'postgres' ? searchPostgres(db, input) : searchSqlite(db, input);
}

/**
 * PostgreSQL in two tiers, so that a common word never makes it rank thousands of answers:
 * first the question and keywords (`head`, the A/B part of `document`, with its own GIN index),
 * ranked on a bounded set of candidates; only when these are fewer than the limit, answers that
 * mention the words elsewhere, again a bounded set, ranked on the whole document.
 */
async function searchPostgres(db: Db, input: SearchInput): Promise<Hit[]> {
  const cfg = pgConfig(input.language);
  const alternative = (words: string[]): RawBuilder<unknown> => {
    const phrase = sql`websearch_to_tsquery(${cfg}::regconfig, ${words.join(' ')})`;
    // A single longer word also matches as the head of a compound: "postfach" in "postfachgrosse".
    return words.length === 1 && words[0]!.length >= 4 ? sql`(${phrase} || to_tsquery(${cfg}::regconfig, ${`${words[0]}:*`}))` : phrase;
  };
  const group = (g: QueryGroup) => sql`(${sql.join(g.alternatives.map(alternative), sql` || `)})`;
  const query = sql.join(input.groups.map(group), input.all ? sql` && ` : sql` || `);
  const tier = async (column: 'head' | 'document', candidates: number, exclude: number[]) => {
    const without = exclude.length ? sql`and s.entry_id not in (${sql.join(exclude)})` : sql``;
    const { rows } = await sql<{ entryId: number; score: number }>`
      with q as (select ${query} as query),
      hits as (
        select s.entry_id, s.document from help_search s, q
        where s.language = ${input.language} and s.${sql.raw(column)} @@ q.query ${without} and ${visibleAt(input.now)}
        limit ${candidates}
      )
      select hits.entry_id, ts_rank_cd('{0.1, 0.25, 0.5, 1.0}', hits.document, q.query) as score
      from hits, q
      order by score desc, hits.entry_id asc
      limit ${input.limit}`.execute(db);
    return rows.map((r) => ({ entryId: Number(r.entryId), score: Number(r.score) }));
  };
  const head = await tier('head', HEAD_CANDIDATES, []);
  if (head.length >= input.limit) return head;
  const body = await tier('document', input.limit - head.length + BODY_EXTRA_CANDIDATES, head.map((h) => h.entryId));
  return [...head, ...body].slice(0, input.limit);
}

/** FTS5 syntax built only from stems of [a-z0-9] words, each quoted: nothing typed reaches the parser raw. */
function ftsExpression(input: SearchInput): string {
  const term = (word: string) => {
    const stem = stemWord(word, input.language).replace(/"/g, '');
    return stem.length >= 4 ? `"${stem}"*` : `"${stem}"`;
  };
  const alternative = (words: string[]) => (words.length === 1 ? term(words[0]!) : `(${words.map(term).join(' AND ')})`);
  const group = (g: QueryGroup) => `(${g.alternatives.map(alternative).join(' OR ')})`;
  return input.groups.map(group).join(input.all ? ' AND ' : ' OR ');
}

/** SQLite in the same two tiers as PostgreSQL: FTS5 column filter on question and keywords first. */
async function searchSqlite(db: Db, input: SearchInput): Promise<Hit[]> {
  const expression = ftsExpression(input);
  const tier = async (match: string, candidates: number, exclude: number[]) => {
    const without = exclude.length ? sql`and f.entry_id not in (${sql.join(exclude)})` : sql``;
    const { rows } = await sql<{ entryId: number; score: number }>`
      with hits as (
        select f.rowid as rowid, f.entry_id as entry_id, bm25(help_fts, 0, 0, 10.0, 4.0, 1.0) as score
        from help_fts f where help_fts match ${match} and f.language = ${input.language} ${without} limit ${candidates}
      )
      select hits.entry_id as entry_id, hits.score as score
      from hits join help_search s on s.entry_id = hits.entry_id and s.language = ${input.language}
      where ${visibleAt(input.now)}
      order by score asc, hits.entry_id asc
      limit ${input.limit}`.execute(db);
    return rows.map((r) => ({ entryId: Number(r.entryId), score: -Number(r.score) }));
  };
  const head = await tier(`{question keywords} : (${expression})`, HEAD_CANDIDATES, []);
  if (head.length >= input.limit) return head;
  const body = await tier(expression, input.limit - head.length + BODY_EXTRA_CANDIDATES, head.map((h) => h.entryId));
  return [...head, ...body].slice(0, input.limit);
}

/**
 * The last resort for parts of compound words: published texts that contain every given
 * word (at least three letters) anywhere, e.g. "passwort" inside "postfachpasswort".
 */
export async function searchSubstrings(db: Db, dialect: Dialect, input: { language: Language; words: string[]; now: string; limit: number }): Promise<Hit[]> {
  const words = input.words.filter((w) => w.length >= 3).slice(0, 6);
  if (words.length === 0) return [];
  if (dialect === 'postgres') {
    // The same two tiers as searchPostgres: question and keywords first (short texts, cheap to
    // rank), then a bounded set of answers.
    const tier = async (column: 'head_folded' | 'folded', candidates: number, exclude: number[]) => {
      const likes = sql.join(
        words.map((w) => sql`s.${sql.raw(column)} like ${`%${w}%`}`),
        sql` and `,
      );
      const without = exclude.length ? sql`and s.entry_id not in (${sql.join(exclude)})` : sql``;
      const { rows } = await sql<{ entryId: number; score: number }>`
        with hits as (
          select s.entry_id, s.${sql.raw(column)} as text from help_search s
          where s.language = ${input.language} and ${likes} ${without} and ${visibleAt(input.now)}
          limit ${candidates}
        )
        select hits.entry_id, word_similarity(${words.join(' ')}, hits.text) as score
        from hits
        order by score desc, hits.entry_id asc
        limit ${input.limit}`.execute(db);
      return rows.map((r) => ({ entryId: Number(r.entryId), score: Number(r.score) }));
    };
    const head = await tier('head_folded', HEAD_CANDIDATES, []);
    if (head.length >= input.limit) return head;
    return [...head, ...(await tier('folded', input.limit - head.length + BODY_EXTRA_CANDIDATES, head.map((h) => h.entryId)))].slice(0, input.limit);
  }
  const expression = words.map((w) => `"${w}"`).join(' AND ');
  // A bounded set of candidates, as in the other stages: a common word part would match most texts.
  const { rows } = await sql<{ entryId: number; score: number }>`
    with hits as (
      select t.rowid as rowid, bm25(help_trigram) as score from help_trigram t where help_trigram match ${expression} limit ${HEAD_CANDIDATES}
    )
    select s.entry_id as entry_id, hits.score as score
    from hits join help_search s on hits.rowid = s.entry_id * 2 + (case when s.language = 'en' then 1 else 0 end)
    where s.language = ${input.language} and ${visibleAt(input.now)}
    order by score asc, s.entry_id asc
    limit ${input.limit}`.execute(db);
  return rows.map((r) => ({ entryId: Number(r.entryId), score: -Number(r.score) }));
}
