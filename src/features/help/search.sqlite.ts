import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import type { QueryGroup } from './query.ts';
import { ANY_WORD_BELOW, BODY_EXTRA_CANDIDATES, HEAD_CANDIDATES, visibleAt, type Hit, type SearchQuery, type SearchRow } from './search.stages.ts';
import { stemWord } from './text.ts';

/** One full-text stage on SQLite: all groups must match (A) or any (C). */
interface FullTextStage {
  language: Language;
  groups: QueryGroup[];
  all: boolean;
  now: string;
  limit: number;
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

/** SQLite: the stages one after another (each a statement in the same process, no round trip), then what the results show. */
export async function searchSqlite(db: Db, query: SearchQuery, words: string[]): Promise<SearchRow[]> {
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
