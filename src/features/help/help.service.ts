import type { Db, Dialect } from '../../platform/db/index.ts';
import type { HelpRevision } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import * as repo from './help.repository.ts';
import * as index from './search.repository.ts';
import { markdownToText, parseAnswer } from './markdown.ts';
import { compoundSplits, parseQuery, MAX_QUERY_LENGTH, type QueryGroup } from './query.ts';
import { foldText, foldedWords, stemWord } from './text.ts';

export interface Deps {
  db: Db;
  dialect: Dialect;
}

export interface RevisionInput {
  question: string;
  answer: string;
  keywords: string;
}

export interface EntrySettings {
  categoryId: number;
  sticky: boolean;
  publishFrom: string | null;
  publishUntil: string | null;
  contexts: string[];
  related: number[];
}

/** An answer whose variant blocks are malformed is refused with the line that is wrong. */
export function checkAnswer(answer: string): void {
  const { problems } = parseAnswer(answer);
  if (problems.length > 0) {
    throw new DomainError('validation', 'common.formErrors', { answer: { key: 'help.error.variant', params: { line: problems[0]!.line, detail: problems[0]!.detail } } });
  }
}

async function requireCategory(db: Db, id: number) {
  if (!(await repo.findCategory(db, id))) throw new DomainError('validation', 'common.formErrors', { categoryId: { key: 'help.error.category' } });
}

async function requireExistingEntries(db: Db, ids: number[], self?: number) {
  for (const id of ids) {
    if (id === self || !(await repo.findEntry(db, id))) throw new DomainError('validation', 'common.formErrors', { related: { key: 'help.error.related', params: { id } } });
  }
}

/** A new entry with its first draft in one language; the public ID is drawn here and never reused. */
export async function createEntry(deps: Deps, settings: EntrySettings, language: Language, draft: RevisionInput, author: string, now: Date) {
  checkAnswer(draft.answer);
  return deps.db.transaction().execute(async (db) => {
    await requireCategory(db, settings.categoryId);
    await requireExistingEntries(db, settings.related);
    const id = await repo.nextEntryId(db, deps.dialect);
    const at = now.toISOString();
    await db
      .insertInto('helpEntries')
      .values({
        id,
        categoryId: settings.categoryId,
        sticky: settings.sticky ? 1 : 0,
        publishFrom: settings.publishFrom,
        publishUntil: settings.publishUntil,
        contexts: settings.contexts.join(','),
        viewCount: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await repo.replaceRelated(db, id, settings.related);
    const revision = await repo.insertRevision(db, { entryId: id, language, ...draft, author }, at);
    return { id, revision };
  });
}

export async function updateEntrySettings(deps: Deps, entryId: number, settings: EntrySettings, now: Date) {
  return deps.db.transaction().execute(async (db) => {
    await requireEntry(db, entryId);
    await requireCategory(db, settings.categoryId);
    await requireExistingEntries(db, settings.related, entryId);
    await db
      .updateTable('helpEntries')
      .set({
        categoryId: settings.categoryId,
        sticky: settings.sticky ? 1 : 0,
        publishFrom: settings.publishFrom,
        publishUntil: settings.publishUntil,
        contexts: settings.contexts.join(','),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', entryId)
      .execute();
    await repo.replaceRelated(db, entryId, settings.related);
  });
}

export async function requireEntry(db: Db, entryId: number) {
  const entry = await repo.findEntry(db, entryId);
  if (!entry) throw new DomainError('not_found', 'error.notFound');
  return entry;
}

/** A new draft revision; the published one stays live until this one is published. */
export async function saveDraft(deps: Deps, entryId: number, language: Language, draft: RevisionInput, author: string, now: Date) {
  checkAnswer(draft.answer);
  return deps.db.transaction().execute(async (db) => {
    await requireEntry(db, entryId);
    return repo.insertRevision(db, { entryId, language, ...draft, author }, now.toISOString());
  });
}

export async function submitForReview(deps: Deps, revisionId: number, by: string, now: Date) {
  const revision = await requireRevision(deps.db, revisionId);
  if (revision.state !== 'draft') throw new DomainError('conflict', 'help.error.state');
  await repo.setRevisionState(deps.db, revisionId, 'review', by, now.toISOString());
}

/** Publishing supersedes the live revision of that language and re-indexes, all in one transaction. */
export async function publishRevision(deps: Deps, revisionId: number, by: string, now: Date) {
  await deps.db.transaction().execute(async (db) => {
    const revision = await requireRevision(db, revisionId);
    if (revision.state !== 'draft' && revision.state !== 'review') throw new DomainError('conflict', 'help.error.state');
    const at = now.toISOString();
    const live = await repo.findRevisionInState(db, revision.entryId, revision.language, 'published');
    if (live) await repo.setRevisionState(db, live.id, 'superseded', by, at);
    await repo.setRevisionState(db, revision.id, 'published', by, at);
    await db.updateTable('helpEntries').set({ updatedAt: at }).where('id', '=', revision.entryId).execute();
    await indexRevision(db, deps.dialect, revision);
  });
}

async function indexRevision(db: Db, dialect: Dialect, r: HelpRevision) {
  await index.indexDocument(db, dialect, {
    entryId: r.entryId,
    language: r.language,
    revisionId: r.id,
    question: r.question,
    keywords: r.keywords,
    answerText: markdownToText(r.answer),
  });
}

/**
 * Gives search rows indexed before migration 009 the plain answer text their snippets are made
 * from (until then a search renders their Markdown per result). Run at start; a no-op once done.
 */
export async function completeSearchIndex(db: Db): Promise<number> {
  const rows = await db
    .selectFrom('helpSearch as s')
    .innerJoin('helpRevisions as r', 'r.id', 's.revisionId')
    .select(['s.entryId', 's.language', 's.revisionId', 'r.answer'])
    .where('s.answerText', 'is', null)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('helpSearch')
      .set({ answerText: markdownToText(row.answer) })
      .where('entryId', '=', row.entryId)
      .where('language', '=', row.language)
      .where('revisionId', '=', row.revisionId)
      .execute();
  }
  return rows.length;
}

/** Restoring never rewrites history: it copies an old revision into a new draft. */
export async function restoreRevision(deps: Deps, revisionId: number, author: string, now: Date) {
  const old = await requireRevision(deps.db, revisionId);
  return repo.insertRevision(
    deps.db,
    { entryId: old.entryId, language: old.language, question: old.question, answer: old.answer, keywords: old.keywords, author, restoredFrom: old.id },
    now.toISOString(),
  );
}

export async function requireRevision(db: Db, revisionId: number) {
  const revision = await repo.findRevision(db, revisionId);
  if (!revision) throw new DomainError('not_found', 'error.notFound');
  return revision;
}

/** The entry as the public page shows it, or undefined when it is not (or no longer) public. */
export async function getPublishedEntry(db: Db, entryId: number, language: Language, now: Date) {
  const [entry] = await repo.listPublished(db, language, now.toISOString(), { ids: [entryId] });
  if (!entry) return undefined;
  const category = await repo.findCategory(db, entry.categoryId);
  const related = await repo.listPublished(db, language, now.toISOString(), { ids: await repo.listRelatedIds(db, entryId) });
  const votes = (await repo.tallyVotes(db, [entry.revisionId])).get(entry.revisionId) ?? { yes: 0, no: 0 };
  return { ...entry, category: category!, related, votes };
}

export async function recordView(db: Db, entryId: number) {
  await repo.incrementViews(db, entryId);
}

/** One vote per visitor and revision; a second one is ignored, not an error. */
export async function castVote(db: Db, entryId: number, language: Language, helpful: boolean, voterHash: string, now: Date) {
  const [entry] = await repo.listPublished(db, language, now.toISOString(), { ids: [entryId] });
  if (!entry) throw new DomainError('not_found', 'error.notFound');
  await db
    .insertInto('helpVotes')
    .values({ revisionId: entry.revisionId, helpful: helpful ? 1 : 0, voterHash, createdAt: now.toISOString() })
    .onConflict((oc) => oc.columns(['revisionId', 'voterHash']).doNothing())
    .execute();
}

export async function askQuestion(db: Db, input: { question: string; email: string; language: Language }, now: Date) {
  await db.insertInto('helpQuestions').values({ ...input, status: 'open', entryId: null, createdAt: now.toISOString(), handledAt: null, handledBy: null }).execute();
}

export function listQuestions(db: Db, status: 'open' | 'answered' | 'dismissed' = 'open') {
  return db.selectFrom('helpQuestions').selectAll().where('status', '=', status).orderBy('createdAt', 'desc').limit(200).execute();
}

export async function closeQuestion(db: Db, questionId: number, outcome: { status: 'answered' | 'dismissed'; entryId: number | null }, by: string, now: Date) {
  const result = await db
    .updateTable('helpQuestions')
    .set({ status: outcome.status, entryId: outcome.entryId, handledAt: now.toISOString(), handledBy: by })
    .where('id', '=', questionId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DomainError('not_found', 'error.notFound');
}

export interface SearchResult {
  entryId: number;
  question: string;
  categoryId: number;
  snippet: SnippetPart[];
}
export type SnippetPart = { text: string; mark: boolean };

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'jump'; entryId: number }
  | { kind: 'results'; query: string; results: SearchResult[] };

const RESULT_LIMIT = 20;

/**
 * The help search: a solution ID jumps to its entry; words are matched by stem, glossary
 * synonyms and split compounds (all words first, then any), then by substring for parts of
 * compounds. A search without any hit is logged for the editors.
 */
export async function searchHelp(deps: Deps, raw: string, language: Language, now: Date, options: { log?: boolean; limit?: number } = {}): Promise<SearchOutcome> {
  const parsed = parseQuery(raw, language);
  const at = now.toISOString();
  const limit = options.limit ?? RESULT_LIMIT;
  if (parsed.kind === 'empty') return { kind: 'empty' };
  if (parsed.kind === 'jump') {
    const [entry] = await repo.listPublished(deps.db, language, at, { ids: [parsed.entryId] });
    if (entry) return { kind: 'jump', entryId: entry.id };
    if (options.log !== false) await repo.recordMiss(deps.db, language, raw.trim().slice(0, MAX_QUERY_LENGTH), at);
    return { kind: 'results', query: raw.trim(), results: [] };
  }
  const groups = await withCompoundSplits(deps.db, parsed.groups, language);
  const input = { language, groups, now: at, limit };
  const ordered: number[] = [];
  const add = (hits: index.Hit[]) => hits.forEach((h) => ordered.includes(h.entryId) || ordered.push(h.entryId));
  add(await index.searchFullText(deps.db, deps.dialect, { ...input, all: true }));
  if (ordered.length < limit) {
    // Any-word matches only when the precise stages found next to nothing: they are noisy.
    const anyWord = () => index.searchFullText(deps.db, deps.dialect, { ...input, all: false });
    const mayNeedAnyWord = ordered.length < 3 && groups.length > 1;
    // On PostgreSQL each stage is a round trip and a plan: when the any-word stage may be needed,
    // it runs alongside the substrings on a second connection (its hits are used only if still
    // needed, so the results are the same). SQLite runs statements one after another anyway.
    const early = mayNeedAnyWord && deps.dialect === 'postgres' ? anyWord() : undefined;
    const [substrings, anyWordHits] = await Promise.all([index.searchSubstrings(deps.db, deps.dialect, { language, words: parsed.words, now: at, limit }), early]);
    add(substrings);
    if (ordered.length < 3 && mayNeedAnyWord) add(anyWordHits ?? (await anyWord()));
  }
  const top = ordered.slice(0, limit);

  if (top.length === 0 && options.log !== false) await repo.recordMiss(deps.db, language, foldText(raw.trim()).slice(0, MAX_QUERY_LENGTH), at);
  const entries = await index.loadResults(deps.db, language, at, top);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const results = top.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    const text = e.answerText ?? markdownToText(e.answer ?? '');
    return [{ entryId: id, question: e.question, categoryId: e.categoryId, snippet: makeSnippet(text, groups, language) }];
  });
  return { kind: 'results', query: raw.trim().slice(0, MAX_QUERY_LENGTH), results };
}

/** A query word the index has never seen may be a compound of two it has: search for both parts too. */
async function withCompoundSplits(db: Db, groups: QueryGroup[], language: Language): Promise<QueryGroup[]> {
  const single = groups.filter(
    (g) => g.alternatives.length === 1 && g.alternatives[0]!.length === 1 && g.alternatives[0]![0]!.length >= 7 && !index.isKnownStem(db, language, stemWord(g.alternatives[0]![0]!, language)),
  );
  if (single.length === 0) return groups;
  const candidates = new Map<QueryGroup, { head: string; tail: string }[]>();
  const stems = new Set<string>();
  for (const g of single) {
    const word = g.alternatives[0]![0]!;
    stems.add(stemWord(word, language));
    const splits = compoundSplits(word);
    candidates.set(g, splits);
    for (const s of splits) {
      stems.add(stemWord(s.head, language));
      stems.add(stemWord(s.tail, language));
    }
  }
  const known = await index.knownStems(db, language, [...stems]);
  return groups.map((g) => {
    const splits = candidates.get(g);
    const word = g.alternatives[0]![0]!;
    if (!splits || known.has(stemWord(word, language))) return g;
    const fit = splits.filter((s) => known.has(stemWord(s.head, language)) && known.has(stemWord(s.tail, language)));
    if (fit.length === 0) return g;
    const best = fit.reduce((a, b) => (Math.min(b.head.length, b.tail.length) > Math.min(a.head.length, a.tail.length) ? b : a));
    return { ...g, alternatives: [...g.alternatives, [best.head, best.tail]] };
  });
}

const SNIPPET_WORDS = 28;

// The folded words of an answer's whitespace-separated token ("E-Mail-Konto," → email, konto).
// Folding runs eight regular expressions, and help texts use few distinct tokens: remember them,
// forgetting all once the map grows large.
const tokenWordsCache = new Map<string, string[]>();
function tokenWords(token: string): string[] {
  let words = tokenWordsCache.get(token);
  if (words === undefined) {
    words = foldedWords(token);
    if (tokenWordsCache.size >= 50_000) tokenWordsCache.clear();
    tokenWordsCache.set(token, words);
  }
  return words;
}

/** Some words of the answer around the first matches, with the matching words marked. */
export function makeSnippet(text: string, groups: QueryGroup[], language: Language): SnippetPart[] {
  const terms = groups.flatMap((g) => g.alternatives.flat());
  // A word matches when it contains a query word of four letters or more, or its stem begins
  // with the stem of a query word (three letters or more); one regular expression for each
  // test instead of a loop over dozens of synonyms.
  const alternation = (parts: string[]) => (parts.length ? parts.map((p) => p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|') : '(?!)');
  const contains = new RegExp(alternation(terms.filter((t) => t.length >= 4)));
  const stemStarts = new RegExp(`^(?:${alternation(terms.map((w) => stemWord(w, language)).filter((s) => s.length >= 3))})`);
  const words = text.split(/\s+/).filter((t) => t.length > 0);
  // Each distinct token is judged once, and only up to the first hit and the words shown.
  const judged = new Map<string, boolean>();
  const isMatch = (token: string) => {
    let match = judged.get(token);
    if (match === undefined) {
      match = tokenWords(token).some((w) => contains.test(w) || stemStarts.test(stemWord(w, language)));
      judged.set(token, match);
    }
    return match;
  };
  const firstHit = Math.max(0, words.findIndex(isMatch));
  const start = Math.max(0, firstHit - 8);
  const slice = words.slice(start, start + SNIPPET_WORDS);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '… ', mark: false });
  slice.forEach((token, n) => {
    parts.push({ text: token, mark: isMatch(token) });
    if (n < slice.length - 1) parts.push({ text: ' ', mark: false });
  });
  if (start + SNIPPET_WORDS < words.length) parts.push({ text: ' …', mark: false });
  return parts;
}
