import { removeHiddenCharacters } from '../../platform/unicode.ts';
import type { Db, Dialect } from '../../platform/db/index.ts';
import { inTransaction } from '../../platform/db/index.ts';
import type { HelpCategory, HelpQuestionStatus, HelpRevision, HelpRevisionState } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import * as repo from './help.repository.ts';
import * as index from './search.repository.ts';
import { helpPolicy } from './help.policies.ts';
import { markdownToText, parseAnswer } from './markdown.ts';
import type { ContractSituation } from './personalize.ts';
import { compoundSplits, parseQuery, MAX_QUERY_LENGTH, type QueryGroup } from './query.ts';
import { foldText, foldedWords, stemWord } from './text.ts';

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

/** The entry row, its related entries and its first draft, without asking who does it. */
async function insertNewEntry(db: Db, dialect: Dialect, input: { settings: EntrySettings; language: Language; draft: RevisionInput; author: string }, at: string) {
  await requireCategory(db, input.settings.categoryId);
  await requireExistingEntries(db, input.settings.related);
  const id = await repo.nextEntryId(db, dialect);
  await repo.insertEntry(db, id, input.settings, at);
  await repo.replaceRelated(db, id, input.settings.related);
  const revision = await repo.insertRevision(db, { entryId: id, language: input.language, ...input.draft, author: input.author }, at);
  return { id, revision };
}

/**
 * A new entry with its first draft in one language; the public ID is drawn here and never reused.
 * A visitor's question it answers is closed with it.
 */
export async function createEntry(
  db: Db,
  dialect: Dialect,
  actor: Actor,
  input: { settings: EntrySettings; language: Language; draft: RevisionInput; author: string; questionId: number | null },
  now: Date,
) {
  helpPolicy.authorize(actor, 'editEntry', null, { reveal: true });
  checkAnswer(input.draft.answer);
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    const created = await insertNewEntry(trx, dialect, input, at);
    // A question someone else closed meanwhile stays as they left it.
    if (input.questionId !== null) await repo.closeOpenQuestion(trx, input.questionId, { status: 'answered', entryId: created.id }, auditActor(actor), at);
    return created;
  });
}

/**
 * An article of the help center's own content (seed.ts), published in German and English at
 * once. Nobody acts here: the deployment brings the text, so the author stands for the change.
 */
export async function importEntry(db: Db, dialect: Dialect, article: { settings: EntrySettings; de: RevisionInput; en: RevisionInput; author: string }, now: Date): Promise<number> {
  checkAnswer(article.de.answer);
  checkAnswer(article.en.answer);
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    const { id, revision } = await insertNewEntry(trx, dialect, { settings: article.settings, language: 'de', draft: article.de, author: article.author }, at);
    const english = await repo.insertRevision(trx, { entryId: id, language: 'en', ...article.en, author: article.author }, at);
    for (const published of [revision, english]) await publish(trx, dialect, published, article.author, at);
    return id;
  });
}

export async function updateEntrySettings(db: Db, actor: Actor, input: { entryId: number; settings: EntrySettings }, now: Date) {
  const { entryId, settings } = input;
  return inTransaction(db, async (trx) => {
    await requireEntry(trx, actor, entryId);
    await requireCategory(trx, settings.categoryId);
    await requireExistingEntries(trx, settings.related, entryId);
    await repo.updateEntry(trx, entryId, settings, now.toISOString());
    await repo.replaceRelated(trx, entryId, settings.related);
  });
}

/** An entry for the editor; anyone but staff gets the 404 of a missing one. */
export async function requireEntry(db: Db, actor: Actor, entryId: number) {
  const entry = await repo.findEntry(db, entryId);
  if (!entry) throw new DomainError('not_found', 'error.notFound');
  helpPolicy.authorize(actor, 'editEntry', entry);
  return entry;
}

/** A new draft revision; the published one stays live until this one is published. */
export async function saveDraft(db: Db, actor: Actor, input: { entryId: number; language: Language; draft: RevisionInput; author: string }, now: Date) {
  checkAnswer(input.draft.answer);
  return inTransaction(db, async (trx) => {
    await requireEntry(trx, actor, input.entryId);
    return repo.insertRevision(trx, { entryId: input.entryId, language: input.language, ...input.draft, author: input.author }, now.toISOString());
  });
}

export async function submitForReview(db: Db, actor: Actor, revisionId: number, now: Date) {
  return inTransaction(db, async (trx) => {
    const revision = await requireRevision(trx, actor, revisionId);
    helpPolicy.authorize(actor, 'editEntry', { id: revision.entryId }, { reveal: true });
    if (revision.state !== 'draft') throw new DomainError('conflict', 'help.error.state');
    await repo.setRevisionState(trx, revisionId, 'review', auditActor(actor), now.toISOString());
    return revision;
  });
}

/**
 * Publishing supersedes the live revision of that language and re-indexes, all in one
 * transaction with its audit entry.
 */
export async function publishRevision(db: Db, dialect: Dialect, actor: Actor, input: { revisionId: number; ip: string | null }, now: Date) {
  return inTransaction(db, async (trx) => {
    const revision = await requireRevision(trx, actor, input.revisionId);
    helpPolicy.authorize(actor, 'publishRevision', revision, { reveal: true });
    if (revision.state !== 'draft' && revision.state !== 'review') throw new DomainError('conflict', 'help.error.state');
    const by = auditActor(actor);
    await publish(trx, dialect, revision, by, now.toISOString());
    await recordAudit(trx, { actor: by, event: 'help.published', subject: `help:${revision.entryId}`, ip: input.ip, details: { revision: revision.number, language: revision.language } }, now);
    return revision;
  });
}

async function publish(db: Db, dialect: Dialect, revision: HelpRevision, by: string, at: string) {
  const live = await repo.findRevisionInState(db, revision.entryId, revision.language, 'published');
  if (live) await repo.setRevisionState(db, live.id, 'superseded', by, at);
  await repo.setRevisionState(db, revision.id, 'published', by, at);
  await repo.touchEntry(db, revision.entryId, at);
  await indexRevision(db, dialect, revision);
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
 * Brings one language of an article of the help center's own content to the deployment's newer
 * text (seed.ts): a new revision, published and indexed, by the seed's author. Only where the
 * newest revision is the live one and `replaces` recognises it as an earlier seed text, so an
 * editor's published change, draft or revision under review is never replaced. The live revision
 * is superseded only while still live, so two processes starting at once write one revision.
 */
export async function republishSeedText(
  db: Db,
  dialect: Dialect,
  input: { entryId: number; language: Language; text: RevisionInput; author: string; replaces: (live: HelpRevision) => boolean },
  now: Date,
): Promise<boolean> {
  checkAnswer(input.text.answer);
  return inTransaction(db, async (trx) => {
    const newest = await repo.findNewestRevision(trx, input.entryId, input.language);
    if (!newest || newest.state !== 'published' || !input.replaces(newest)) return false;
    const at = now.toISOString();
    if (!(await repo.supersedeIfPublished(trx, newest.id, input.author, at))) return false;
    const revision = await repo.insertRevision(trx, { entryId: input.entryId, language: input.language, ...input.text, author: input.author }, at);
    await repo.setRevisionState(trx, revision.id, 'published', input.author, at);
    await repo.touchEntry(trx, input.entryId, at);
    await indexRevision(trx, dialect, revision);
    return true;
  });
}

/**
 * Gives search rows indexed before migration 009 the plain answer text their snippets are made
 * from (until then a search renders their Markdown per result). Run at start; a no-op once done.
 */
export async function completeSearchIndex(db: Db): Promise<number> {
  const rows = await index.listDocumentsWithoutAnswerText(db);
  for (const row of rows) await index.setAnswerText(db, row, markdownToText(row.answer));
  return rows.length;
}

/** Restoring never rewrites history: it copies an old revision into a new draft. */
export async function restoreRevision(db: Db, actor: Actor, input: { revisionId: number; author: string }, now: Date) {
  return inTransaction(db, async (trx) => {
    const old = await requireRevision(trx, actor, input.revisionId);
    helpPolicy.authorize(actor, 'editEntry', { id: old.entryId }, { reveal: true });
    return repo.insertRevision(
      trx,
      { entryId: old.entryId, language: old.language, question: old.question, answer: old.answer, keywords: old.keywords, author: input.author, restoredFrom: old.id },
      now.toISOString(),
    );
  });
}

/** A revision the actor may read: a published one, or any for staff; otherwise the 404 of a missing one. */
export async function requireRevision(db: Db, actor: Actor, revisionId: number) {
  const revision = await repo.findRevision(db, revisionId);
  if (!revision) throw new DomainError('not_found', 'error.notFound');
  helpPolicy.authorize(actor, 'readRevision', revision);
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

export interface EditorEntryRow {
  id: number;
  /** In the editor's language where written, else in the other. */
  question: string;
  category: HelpCategory | undefined;
  states: Record<Language, { live: boolean; waiting: HelpRevisionState | null }>;
  views: number;
  votes: { yes: number; no: number };
}

/** Every entry for the editors: where each language stands, how often it was read and rated. */
export async function listEntriesForEditors(db: Db, actor: Actor, language: Language): Promise<EditorEntryRow[]> {
  helpPolicy.authorize(actor, 'editEntry', null, { reveal: true });
  const [categories, revisions, entries] = await Promise.all([repo.listCategories(db), repo.listRevisionStates(db), repo.listEntries(db)]);
  const votes = await repo.tallyVotes(db, revisions.filter((r) => r.state === 'published').map((r) => r.id));
  return entries.map((entry) => {
    const own = revisions.filter((r) => r.entryId === entry.id);
    const stateOf = (lang: Language) => {
      const mine = own.filter((r) => r.language === lang);
      const live = mine.find((r) => r.state === 'published');
      const waiting = mine.find((r) => (r.state === 'draft' || r.state === 'review') && (!live || r.number > live.number));
      return { live: Boolean(live), waiting: waiting?.state ?? null };
    };
    const tally = own
      .filter((r) => r.state === 'published')
      .reduce((sum, r) => ({ yes: sum.yes + (votes.get(r.id)?.yes ?? 0), no: sum.no + (votes.get(r.id)?.no ?? 0) }), { yes: 0, no: 0 });
    const shown = own.find((r) => r.language === language) ?? own[0];
    return {
      id: entry.id,
      question: shown?.question ?? '',
      category: categories.find((c) => c.id === entry.categoryId),
      states: { de: stateOf('de'), en: stateOf('en') },
      views: entry.viewCount,
      votes: tally,
    };
  });
}

/** What readers do with the help center: the most read entries with their votes, and searches that found nothing. */
export async function summarizeReading(db: Db, actor: Actor, language: Language, now: Date) {
  helpPolicy.authorize(actor, 'editEntry', null, { reveal: true });
  const published = await repo.listPublished(db, language, now.toISOString());
  const votes = await repo.tallyVotes(db, published.map((e) => e.revisionId));
  const entries = [...published]
    .sort((a, b) => b.viewCount - a.viewCount || a.id - b.id)
    .map((e) => ({ id: e.id, question: e.question, views: e.viewCount, votes: votes.get(e.revisionId) ?? { yes: 0, no: 0 } }));
  return { entries, misses: await repo.listMisses(db) };
}

/**
 * The reader's contracts an answer is personalized with: the customer's own, not cancelled;
 * null for anyone who is not logged in as a customer.
 */
export async function listReaderContracts(db: Db, actor: Actor): Promise<ContractSituation[] | null> {
  if (actor.kind !== 'customer') return null;
  const portfolio = await listCustomerPortfolio(db, actor.customerId);
  return portfolio
    .filter((contract) => helpPolicy.can(actor, 'personalizeWith', { customerId: actor.customerId, status: contract.status }))
    .map((contract) => ({
      contractNumber: contract.contractNumber,
      tariffName: contract.tariffName,
      tariffCode: contract.tariffCode,
      panel: contract.panel,
      pleskVersion: contract.panelServerVersion ?? contract.pleskVersion,
      domain: contract.domains[0]?.nameUnicode ?? null,
    }));
}

/** Views are counted for readers, not for the editors looking at their work. */
export async function recordView(db: Db, actor: Actor, entryId: number) {
  if (actor.kind !== 'staff') await repo.incrementViews(db, entryId);
}

/** One vote per visitor and revision; a second one is ignored, not an error. */
export async function castVote(db: Db, input: { entryId: number; language: Language; helpful: boolean; voterHash: string }, now: Date) {
  const [entry] = await repo.listPublished(db, input.language, now.toISOString(), { ids: [input.entryId] });
  if (!entry) throw new DomainError('not_found', 'error.notFound');
  await repo.insertVote(db, { revisionId: entry.revisionId, helpful: input.helpful, voterHash: input.voterHash }, now.toISOString());
  return entry;
}

export async function askQuestion(db: Db, input: { question: string; email: string; language: Language }, now: Date) {
  await repo.insertQuestion(db, input, now.toISOString());
}

export function listQuestions(db: Db, actor: Actor, status: HelpQuestionStatus = 'open') {
  helpPolicy.authorize(actor, 'handleQuestion', null, { reveal: true });
  return repo.listQuestions(db, status);
}

/** A visitor's question, to answer with a new entry. */
export function findQuestion(db: Db, actor: Actor, questionId: number) {
  helpPolicy.authorize(actor, 'handleQuestion', { id: questionId }, { reveal: true });
  return repo.findQuestion(db, questionId);
}

export async function dismissQuestion(db: Db, actor: Actor, questionId: number, now: Date) {
  helpPolicy.authorize(actor, 'handleQuestion', { id: questionId });
  const closed = await repo.closeOpenQuestion(db, questionId, { status: 'dismissed', entryId: null }, auditActor(actor), now.toISOString());
  if (!closed) throw new DomainError('not_found', 'error.notFound');
}

/** A category under a top-level one (or at the top); its slug is its URL and must be unused. */
export async function createCategory(db: Db, actor: Actor, input: { nameDe: string; nameEn: string; slug: string; parentId: number | null; position: number }, now: Date): Promise<HelpCategory> {
  helpPolicy.authorize(actor, 'manageCategories', input.parentId === null ? null : { id: input.parentId }, { reveal: true });
  return inTransaction(db, async (trx) => {
    const categories = await repo.listCategories(trx);
    if (input.parentId !== null && !categories.some((c) => c.id === input.parentId && c.parentId === null)) {
      throw new DomainError('validation', 'common.formErrors', { parentId: { key: 'help.error.category' } });
    }
    if (categories.some((c) => c.slug === input.slug)) throw new DomainError('conflict', 'help.error.slugTaken', { slug: { key: 'help.error.slugTaken' } });
    return repo.insertCategory(trx, input, now.toISOString());
  });
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
export async function searchHelp(db: Db, dialect: Dialect, query: { text: string; language: Language; log?: boolean; limit?: number }, now: Date): Promise<SearchOutcome> {
  const { language } = query;
  // A query is read, not shown to anyone as typed; a zero-width space inside a word would only
  // make it miss (and land in the staff's list of misses).
  const raw = removeHiddenCharacters(query.text);
  const parsed = parseQuery(raw, language);
  const at = now.toISOString();
  const limit = query.limit ?? RESULT_LIMIT;
  if (parsed.kind === 'empty') return { kind: 'empty' };
  if (parsed.kind === 'jump') {
    const [entry] = await repo.listPublished(db, language, at, { ids: [parsed.entryId] });
    if (entry) return { kind: 'jump', entryId: entry.id };
    if (query.log !== false) await repo.recordMiss(db, language, raw.trim().slice(0, MAX_QUERY_LENGTH), at);
    return { kind: 'results', query: raw.trim(), results: [] };
  }
  const groups = await withCompoundSplits(db, parsed.groups, language);
  const rows = await index.searchIndex(db, dialect, { language, groups, words: parsed.words, now: at, limit });
  if (rows.length === 0 && query.log !== false) await repo.recordMiss(db, language, foldText(raw.trim()).slice(0, MAX_QUERY_LENGTH), at);
  const snippet = snippetMaker(groups, language);
  const results = rows.map((e) => ({ entryId: e.entryId, question: e.question, categoryId: e.categoryId, snippet: snippet(e.answerText ?? markdownToText(e.answer ?? '')) }));
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
  return snippetMaker(groups, language)(text);
}

/**
 * The snippet function for one search: its regular expressions are built, and each distinct
 * token is judged, once for all the results (they share most of their words).
 */
function snippetMaker(groups: QueryGroup[], language: Language): (text: string) => SnippetPart[] {
  const terms = groups.flatMap((g) => g.alternatives.flat());
  // A word matches when it contains a query word of four letters or more, or its stem begins
  // with the stem of a query word (three letters or more); one regular expression for each
  // test instead of a loop over dozens of synonyms.
  const alternation = (parts: string[]) => (parts.length ? parts.map((p) => p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|') : '(?!)');
  const contains = new RegExp(alternation(terms.filter((t) => t.length >= 4)));
  const stemStarts = new RegExp(`^(?:${alternation(terms.map((w) => stemWord(w, language)).filter((s) => s.length >= 3))})`);
  const judged = new Map<string, boolean>();
  const isMatch = (token: string) => {
    let match = judged.get(token);
    if (match === undefined) {
      match = tokenWords(token).some((w) => contains.test(w) || stemStarts.test(stemWord(w, language)));
      judged.set(token, match);
    }
    return match;
  };
  return (text) => {
    const words = text.split(/\s+/).filter((t) => t.length > 0);
    // Only up to the first hit and the words shown are judged.
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
  };
}
