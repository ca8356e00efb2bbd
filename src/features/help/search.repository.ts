import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
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
// How many rows in table order PostgreSQL reads for body candidates before it asks the index.
const BODY_EARLY_ROWS = 300;
const pgConfig = (language: Language) => (language === 'de' ? 'german' : 'english');
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

export interface Hit {
  entryId: number;
  score: number;
}

/** What the index is asked: the query's groups (with glossary synonyms and compound splits) and its plain words. */
export interface SearchQuery {
  language: Language;
  groups: QueryGroup[];
  /** the folded words as typed, for the substring stage */
  words: string[];
  now: string;
  limit: number;
}

/** A result best first, with what the list shows; answerText is null in rows indexed before migration 009, answer then holds the Markdown. */
export interface SearchRow {
  entryId: number;
  categoryId: number;
  question: string;
  answerText: string | null;
  answer: string | null;
}

// The stage that lets any group match runs only when the precise stages found fewer than this:
// its matches are noisy.
const ANY_WORD_BELOW = 3;

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

const visibleAt = (now: unknown) =>
  sql`exists (select 1 from help_entries e where e.id = s.entry_id and (e.publish_from is null or e.publish_from <= ${now}) and (e.publish_until is null or e.publish_until > ${now}))`;

/** The statement's parameters; everything else (language, limit, the number of words, whether stage C can run) is its shape. */
interface PostgresSearchArgs extends Record<string, unknown> {
  all: string;
  any: string;
  now: string;
  similar: string;
  w0: string;
  w1: string;
  w2: string;
  w3: string;
  w4: string;
  w5: string;
}

interface PostgresShape {
  language: Language;
  limit: number;
  words: number;
  anyWord: boolean;
}

const WORD_SLOTS = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5'] as const;

/**
 * The SQL of one search shape. Each stage is in two tiers, so that a common word never makes it
 * rank thousands of answers: first the question and keywords (`head`, with their own GIN
 * indexes), ranked on a bounded set of candidates; only when these are fewer than the limit,
 * answers that mention the words elsewhere, again a bounded set. A stage that is not needed is
 * cut off by one-time filters on the CTEs before it, so its scans do not run at all.
 */
function postgresSearchSql(shape: PostgresShape, args: PostgresSearchArgs) {
  const limit = sql.lit(shape.limit);
  const language = sql.lit(shape.language);
  const config = sql.lit(pgConfig(shape.language));
  // The parameters as the planner sees them in a generic plan, also in the first (custom) plans:
  // a custom plan that saw the words would estimate fewer rows, look cheaper than the generic
  // plan and be made anew (1.3 ms) for every search, where the cached one plans nothing.
  const opaque = (value: unknown) => sql`(select ${value}::text)`;
  const visible = visibleAt(opaque(args.now));
  // The hits of a stage's two tiers in order, numbered.
  const ranked = (head: string, body: string) => sql`
    select entry_id, row_number() over (order by tier, score desc, entry_id) as pos
    from (select entry_id, score, 0 as tier from ${sql.raw(head)} union all select entry_id, score, 1 as tier from ${sql.raw(body)}) both_tiers
    order by pos
    limit ${limit}`;

  const fullText = (stage: 'a' | 'c', query: string, gate: RawBuilder<unknown>) => {
    const n = (name: string) => sql.raw(`${stage}_${name}`);
    // ts_rank, not ts_rank_cd: with a query of dozens of synonyms and prefixes the cover density
    // took ~0.1 ms per candidate, ten times as long, and ranked the test queries no better.
    const rank = sql`ts_rank('{0.1, 0.25, 0.5, 1.0}', hits.document, q.query)`;
    return sql`
    ${n('q')} as (select to_tsquery(${config}::regconfig, ${query}) as query),
    ${n('head')} as (
      select hits.entry_id, ${rank} as score
      from (
        select s.entry_id, s.document from help_search s, ${n('q')} q
        where ${gate} and s.language = ${language} and s.head @@ q.query and ${visible}
        limit ${sql.lit(HEAD_CANDIDATES)}
      ) hits, ${n('q')} q
      order by score desc, hits.entry_id asc
      limit ${limit}
    ),
    ${n('wanted')} as (select ${sql.lit(shape.limit + BODY_EXTRA_CANDIDATES)} - count(*) as n, ${gate} and count(*) < ${limit} as needed from ${n('head')}),
    -- Words common in answers match thousands of documents, and the GIN bitmap gathers all of
    -- them (5 to 10 ms) before the limit applies; the first rows in table order, the same ones
    -- the bitmap would yield first, then already hold the candidates. Rarer words use the index.
    ${n('body_early')} as (
      select s.entry_id, s.document from (select * from help_search where (select needed from ${n('wanted')}) limit ${sql.lit(BODY_EARLY_ROWS)}) s, ${n('q')} q
      where s.language = ${language} and s.document @@ q.query and s.entry_id not in (select entry_id from ${n('head')}) and ${visible}
      limit (select n from ${n('wanted')})
    ),
    ${n('body_candidates')} as (
      select * from ${n('body_early')} where (select count(*) from ${n('body_early')}) = (select n from ${n('wanted')})
      union all
      (select s.entry_id, s.document from help_search s, ${n('q')} q
      where (select needed from ${n('wanted')}) and (select count(*) from ${n('body_early')}) < (select n from ${n('wanted')})
        and s.language = ${language} and s.document @@ q.query and s.entry_id not in (select entry_id from ${n('head')}) and ${visible}
      limit (select n from ${n('wanted')}))
    ),
    ${n('body')} as (select hits.entry_id, ${rank} as score from ${n('body_candidates')} hits, ${n('q')} q),
    ${sql.raw(stage)} as (${ranked(`${stage}_head`, `${stage}_body`)})`;
  };

  // Stage B in the same two tiers: question and keywords first (short texts, cheap to rank),
  // then a bounded set of answers.
  const substrings = (gate: RawBuilder<unknown>) => {
    const words = WORD_SLOTS.slice(0, shape.words).map((slot) => args[slot]);
    const likes = (column: 'head_folded' | 'folded') => sql.join(words.map((w) => sql`s.${sql.raw(column)} like ${opaque(w)}`), sql` and `);
    const similarity = sql`word_similarity(${opaque(args.similar)}, hits.text)`;
    return sql`
    b_head as (
      select hits.entry_id, ${similarity} as score
      from (
        select s.entry_id, s.head_folded as text from help_search s
        where ${gate} and s.language = ${language} and ${likes('head_folded')} and ${visible}
        limit ${sql.lit(HEAD_CANDIDATES)}
      ) hits
      order by score desc, hits.entry_id asc
      limit ${limit}
    ),
    b_body as (
      select hits.entry_id, ${similarity} as score
      from (
        select s.entry_id, s.folded as text from help_search s
        where ${gate} and (select count(*) from b_head) < ${limit}
          and s.language = ${language} and ${likes('folded')} and s.entry_id not in (select entry_id from b_head) and ${visible}
        limit ${sql.lit(shape.limit + BODY_EXTRA_CANDIDATES)} - (select count(*) from b_head)
      ) hits
    ),
    b as (${ranked('b_head', 'b_body')})`;
  };

  const stages = [fullText('a', args.all, sql`true`)];
  const fewerThanLimit = sql`(select count(*) from a) < ${limit}`;
  if (shape.words > 0) {
    stages.push(substrings(fewerThanLimit));
    stages.push(sql`ab as (select entry_id, 0 as stage, pos from a union all select entry_id, 1, pos from b where entry_id not in (select entry_id from a))`);
  } else {
    stages.push(sql`ab as (select entry_id, 0 as stage, pos from a)`);
  }
  if (shape.anyWord) {
    stages.push(fullText('c', args.any, sql`${fewerThanLimit} and (select count(*) from ab) < ${sql.lit(ANY_WORD_BELOW)}`));
    stages.push(sql`found as (
      select entry_id, stage, pos from ab union all select entry_id, 2, pos from c where entry_id not in (select entry_id from ab)
      order by stage, pos limit ${limit})`);
  } else {
    stages.push(sql`found as (select entry_id, stage, pos from ab order by stage, pos limit ${limit})`);
  }
  return sql<SearchRow>`with ${sql.join(stages, sql`,`)}
    select f.entry_id, e.category_id, r.question, s.answer_text, case when s.answer_text is null then r.answer end as answer
    from found f
    join help_search s on s.entry_id = f.entry_id and s.language = ${language}
    join help_entries e on e.id = f.entry_id
    join help_revisions r on r.id = s.revision_id
    order by f.stage, f.pos`;
}

/** One prepared statement per search shape (two languages, the limits callers use, up to six words, with or without stage C). */
const postgresStatements = new Map<string, (db: Db, args: PostgresSearchArgs) => Promise<SearchRow[]>>();

/**
 * PostgreSQL: all stages in one named prepared statement, so that a search costs one round trip
 * and no planning (the statement's plan is cached per connection; its shape does not depend on
 * the words, which arrive as parameters).
 */
async function searchPostgres(db: Db, query: SearchQuery, words: string[]): Promise<SearchRow[]> {
  const shape: PostgresShape = { language: query.language, limit: query.limit, words: words.length, anyWord: query.groups.length > 1 };
  const key = `${shape.language}:${shape.limit}:${shape.words}:${shape.anyWord}`;
  let run = postgresStatements.get(key);
  if (!run) {
    run = preparedQuery<PostgresSearchArgs, SearchRow>((db, args) => ({ compile: () => postgresSearchSql(shape, args).compile(db) }));
    postgresStatements.set(key, run);
  }
  // One to_tsquery text instead of a function call per alternative: the same tsquery, planned in
  // a tenth of the time. The words are runs of letters and digits (parseQuery), so they never
  // carry tsquery syntax.
  const alternative = (words: string[]) =>
    // A single longer word also matches as the head of a compound: "postfach" in "postfachgrosse".
    words.length === 1 && words[0]!.length >= 4 ? `${words[0]} | ${words[0]}:*` : words.join(' & ');
  const groups = query.groups.map((g) => `(${g.alternatives.map((a) => `(${alternative(a)})`).join(' | ')})`);
  const patterns = Object.fromEntries(WORD_SLOTS.map((slot, i) => [slot, words[i] === undefined ? '' : `%${words[i]}%`])) as Record<(typeof WORD_SLOTS)[number], string>;
  const rows = await run(db, { all: groups.join(' & '), any: groups.join(' | '), now: query.now, similar: words.join(' '), ...patterns });
  return rows.map((r) => ({ ...r, entryId: Number(r.entryId), categoryId: Number(r.categoryId) }));
}

/** A query word as the SQLite index matches it: its stem, as a prefix when it has four letters or more. */
function ftsTerm(word: string, language: Language) {
  const stem = stemWord(word, language).replace(/"/g, '');
  return { stem, prefix: stem.length >= 4 };
}

/** FTS5 syntax built only from stems of [a-z0-9] words, each quoted: nothing typed reaches the parser raw. */
function ftsExpression(input: FullTextStage): string {
  const term = (word: string) => {
    const { stem, prefix } = ftsTerm(word, input.language);
    return prefix ? `"${stem}"*` : `"${stem}"`;
  };
  const alternative = (words: string[]) => (words.length === 1 ? term(words[0]!) : `(${words.map(term).join(' AND ')})`);
  const group = (g: QueryGroup) => `(${g.alternatives.map(alternative).join(' OR ')})`;
  return input.groups.map(group).join(input.all ? ' AND ' : ' OR ');
}

/** One full-text stage on SQLite: all groups must match (A) or any (C). */
interface FullTextStage {
  language: Language;
  groups: QueryGroup[];
  all: boolean;
  now: string;
  limit: number;
}

/** SQLite: the stages one after another (each a statement in the same process, no round trip), then what the results show. */
async function searchSqlite(db: Db, query: SearchQuery, words: string[]): Promise<SearchRow[]> {
  const ordered: number[] = [];
  const add = (hits: Hit[]) => hits.forEach((h) => ordered.includes(h.entryId) || ordered.push(h.entryId));
  add(await searchSqliteFullText(db, { ...query, all: true }));
  if (ordered.length < query.limit) {
    add(await searchSqliteSubstrings(db, query, words));
    if (ordered.length < ANY_WORD_BELOW && query.groups.length > 1) add(await searchSqliteFullText(db, { ...query, all: false }));
  }
  return loadSqliteResults(db, query.language, query.now, ordered.slice(0, query.limit));
}

/**
 * SQLite in the same two tiers as PostgreSQL: question and keywords first, in their own FTS5
 * table (help_fts_head), then answers from help_fts. The rowid is entry_id * 2 (+1 for English).
 */
async function searchSqliteFullText(db: Db, input: FullTextStage): Promise<Hit[]> {
  const expression = ftsExpression(input);
  const english = input.language === 'en' ? 1 : 0;
  const visible = sql`(e.publish_from is null or e.publish_from <= ${input.now}) and (e.publish_until is null or e.publish_until > ${input.now})`;
  const { rows: headRows } = await sql<{ entryId: number; score: number }>`
    with hits as (
      select h.rowid as rowid, bm25(help_fts_head, 10.0, 4.0) as score
      from help_fts_head h where help_fts_head match ${expression} and h.rowid % 2 = ${english} limit ${HEAD_CANDIDATES}
    )
    select e.id as entry_id, hits.score as score
    from hits join help_entries e on e.id = hits.rowid / 2
    where ${visible}
    order by score asc, e.id asc
    limit ${input.limit}`.execute(db);
  const head = headRows.map((r) => ({ entryId: Number(r.entryId), score: -Number(r.score) }));
  if (head.length >= input.limit) return head;
  const without = head.length ? sql`and f.entry_id not in (${sql.join(head.map((h) => h.entryId))})` : sql``;
  const { rows: candidates } = await sql<{ entryId: number; question: string; keywords: string; answer: string }>`
    with hits as (
      select f.entry_id as entry_id, f.question as question, f.keywords as keywords, f.answer as answer
      from help_fts f where help_fts match ${expression} and f.language = ${input.language} ${without}
      limit ${input.limit - head.length + BODY_EXTRA_CANDIDATES}
    )
    select hits.* from hits join help_entries e on e.id = hits.entry_id
    where ${visible}`.execute(db);
  const phrases = input.groups.flatMap((g) => g.alternatives.flat()).map((word) => ftsTerm(word, input.language));
  return [...head, ...rankWithoutIdf(candidates, phrases).slice(0, input.limit - head.length)];
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const BM25_WEIGHTS = [10, 4, 1]; // question, keywords, answer: as in the head tier

/**
 * FTS5's bm25 for the answer tier's few candidates, computed here from their stemmed columns
 * but without the inverse document frequency: for that, FTS5 counts every row holding each query
 * term, thousands for a common word and most of the search's time (4 to 7 ms at 10,000 entries),
 * while each candidate here contains every query group anyway. Column weights, term-frequency
 * saturation and length normalisation (against the candidates' mean) are bm25's.
 */
function rankWithoutIdf(rows: { entryId: number; question: string; keywords: string; answer: string }[], phrases: { stem: string; prefix: boolean }[]): Hit[] {
  // Which phrases a token matches, worked out once per distinct token: the candidates share
  // most of their words.
  const phrasesOf = new Map<string, number[]>();
  const matching = (token: string) => {
    let found = phrasesOf.get(token);
    if (!found) {
      found = [];
      phrases.forEach((p, i) => (p.prefix ? token.startsWith(p.stem) : token === p.stem) && found!.push(i));
      phrasesOf.set(token, found);
    }
    return found;
  };
  // A token (the stemmed columns are words joined by single spaces) can only match a phrase
  // when it begins with the phrase's stem: one regular expression finds those tokens, instead of
  // splitting every text and looking up each of its words.
  const stems = [...new Set(phrases.map((p) => p.stem))].map((stem) => stem.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  const candidateTokens = new RegExp(`(?<![^ ])(?:${stems.join('|') || '(?!)'})[^ ]*`, 'g');
  const docs = rows.map((r) => {
    const frequency = new Array<number>(phrases.length).fill(0); // weighted by column
    let length = 0;
    [r.question, r.keywords, r.answer].forEach((column, i) => {
      length += countTokens(column);
      for (const [token] of column.matchAll(candidateTokens)) for (const k of matching(token)) frequency[k]! += BM25_WEIGHTS[i]!;
    });
    return { entryId: Number(r.entryId), frequency, length };
  });
  const mean = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length);
  return docs
    .map((d) => {
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * d.length) / mean);
      const score = d.frequency.reduce((sum, f) => (f > 0 ? sum + (f * (BM25_K1 + 1)) / (f + norm) : sum), 0);
      return { entryId: d.entryId, score };
    })
    .sort((a, b) => b.score - a.score || a.entryId - b.entryId);
}

/** The number of space-separated tokens in a text, as `text.split(' ').filter(Boolean).length`, without building the list. */
function countTokens(text: string): number {
  let count = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Stage B on SQLite: published texts that contain every given word (at least three letters)
 * anywhere, e.g. "passwort" inside "postfachpasswort", from the FTS5 trigram table.
 */
async function searchSqliteSubstrings(db: Db, input: { language: Language; now: string; limit: number }, words: string[]): Promise<Hit[]> {
  if (words.length === 0) return [];
  const expression = words.map((w) => `"${w}"`).join(' AND ');
  // A bounded set of candidates, as in the other stages: a common word part would match most
  // texts. Ranked by where the last of the words first occurs, so that matches in the question
  // (the first line) come first, as PostgreSQL's head tier does; bm25 over trigrams counted
  // every text holding each trigram of the words first (15 ms for "speicherplatz").
  const lastFirstOccurrence = sql.join(
    words.map((w) => sql`instr(s.folded, ${w})`),
    sql`, `,
  );
  const { rows } = await sql<{ entryId: number; score: number }>`
    with hits as (
      select t.rowid as rowid from help_trigram t where help_trigram match ${expression} limit ${HEAD_CANDIDATES}
    )
    select s.entry_id as entry_id, ${words.length > 1 ? sql`max(${lastFirstOccurrence})` : lastFirstOccurrence} as score
    from hits join help_search s on s.entry_id = hits.rowid / 2 and s.language = ${input.language}
    where hits.rowid % 2 = ${input.language === 'en' ? 1 : 0} and ${visibleAt(input.now)}
    order by score asc, s.entry_id asc
    limit ${input.limit}`.execute(db);
  return rows.map((r) => ({ entryId: Number(r.entryId), score: -Number(r.score) }));
}

/**
 * What the results show, in the order of the hits. The ids arrive as one JSON parameter, so the
 * statement text (and better-sqlite3's prepared statement) is the same for every search.
 */
async function loadSqliteResults(db: Db, language: Language, now: string, ids: number[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<SearchRow>`
    select s.entry_id, e.category_id, r.question, s.answer_text, case when s.answer_text is null then r.answer end as answer
    from json_each(${JSON.stringify(ids)}) hit
    join help_search s on s.entry_id = hit.value and s.language = ${language}
    join help_entries e on e.id = s.entry_id
    join help_revisions r on r.id = s.revision_id
    where (e.publish_from is null or e.publish_from <= ${now}) and (e.publish_until is null or e.publish_until > ${now})
    order by hit.key`.execute(db);
  return rows;
}
