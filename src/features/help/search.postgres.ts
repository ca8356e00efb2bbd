import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import { ANY_WORD_BELOW, BODY_EXTRA_CANDIDATES, HEAD_CANDIDATES, pgConfig, visibleAt, type SearchQuery, type SearchRow } from './search.stages.ts';

// How many rows in table order PostgreSQL reads for body candidates before it asks the index.
const BODY_EARLY_ROWS = 300;

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
export async function searchPostgres(db: Db, query: SearchQuery, words: string[]): Promise<SearchRow[]> {
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
