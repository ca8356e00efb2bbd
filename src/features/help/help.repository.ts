import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { HelpQuestionStatus, HelpRevisionState } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';

/** The next public solution ID: a real sequence on PostgreSQL, a counter row on SQLite. */
export async function nextEntryId(db: Db, dialect: Dialect): Promise<number> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ value: string }>`select nextval('help_entry_id_seq') as value`.execute(db);
    return Number(rows[0]!.value);
  }
  const row = await db
    .updateTable('numberSequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'help_entry_id_seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export function listCategories(db: Db) {
  return db.selectFrom('helpCategories').selectAll().orderBy('position').orderBy('id').execute();
}

export function findCategory(db: Db, id: number) {
  return db.selectFrom('helpCategories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEntry(db: Db, id: number) {
  return db.selectFrom('helpEntries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEntries(db: Db) {
  return db.selectFrom('helpEntries').selectAll().orderBy('id').execute();
}

export interface EntryRow {
  categoryId: number;
  sticky: boolean;
  publishFrom: string | null;
  publishUntil: string | null;
  contexts: string[];
}

const entryColumns = (entry: EntryRow) => ({
  categoryId: entry.categoryId,
  sticky: entry.sticky ? 1 : 0,
  publishFrom: entry.publishFrom,
  publishUntil: entry.publishUntil,
  contexts: entry.contexts.join(','),
});

export async function insertEntry(db: Db, id: number, entry: EntryRow, now: string) {
  await db
    .insertInto('helpEntries')
    .values({ id, ...entryColumns(entry), viewCount: 0, createdAt: now, updatedAt: now })
    .execute();
}

export async function updateEntry(db: Db, id: number, entry: EntryRow, now: string) {
  await db
    .updateTable('helpEntries')
    .set({ ...entryColumns(entry), updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function touchEntry(db: Db, id: number, now: string) {
  await db.updateTable('helpEntries').set({ updatedAt: now }).where('id', '=', id).execute();
}

export async function insertCategory(db: Db, category: { parentId: number | null; slug: string; nameDe: string; nameEn: string; position: number }, now: string) {
  return db
    .insertInto('helpCategories')
    .values({ ...category, createdAt: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRevision(db: Db, id: number) {
  return db.selectFrom('helpRevisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every revision's state, newest first, for the editors' list of entries. */
export function listRevisionStates(db: Db) {
  return db.selectFrom('helpRevisions').select(['id', 'entryId', 'language', 'state', 'question', 'number']).orderBy('number', 'desc').execute();
}

export function listRevisions(db: Db, entryId: number) {
  return db.selectFrom('helpRevisions').selectAll().where('entryId', '=', entryId).orderBy('language').orderBy('number', 'desc').execute();
}

export function findRevisionInState(db: Db, entryId: number, language: Language, state: HelpRevisionState) {
  return db
    .selectFrom('helpRevisions')
    .selectAll()
    .where('entryId', '=', entryId)
    .where('language', '=', language)
    .where('state', '=', state)
    .orderBy('number', 'desc')
    .executeTakeFirst();
}

export async function insertRevision(
  db: Db,
  r: { entryId: number; language: Language; question: string; answer: string; keywords: string; author: string; restoredFrom?: number | null },
  now: string,
) {
  const last = await db
    .selectFrom('helpRevisions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('entryId', '=', r.entryId)
    .where('language', '=', r.language)
    .executeTakeFirst();
  return db
    .insertInto('helpRevisions')
    .values({
      entryId: r.entryId,
      language: r.language,
      number: Number(last?.max ?? 0) + 1,
      question: r.question,
      answer: r.answer,
      keywords: r.keywords,
      author: r.author,
      state: 'draft',
      restoredFrom: r.restoredFrom ?? null,
      createdAt: now,
      stateChangedAt: now,
      stateChangedBy: r.author,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The newest revision of an entry in one language, whatever its state. */
export function findNewestRevision(db: Db, entryId: number, language: Language) {
  return db.selectFrom('helpRevisions').selectAll().where('entryId', '=', entryId).where('language', '=', language).orderBy('number', 'desc').executeTakeFirst();
}

/** Supersedes a revision only while it is still the live one; false when it no longer was (another process got there first). */
export async function supersedeIfPublished(db: Db, id: number, by: string, now: string): Promise<boolean> {
  const result = await db.updateTable('helpRevisions').set({ state: 'superseded', stateChangedAt: now, stateChangedBy: by }).where('id', '=', id).where('state', '=', 'published').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function setRevisionState(db: Db, id: number, state: HelpRevisionState, by: string, now: string) {
  return db.updateTable('helpRevisions').set({ state, stateChangedAt: now, stateChangedBy: by }).where('id', '=', id).execute();
}

const visible = (now: string) => (eb: any) =>
  eb.and([
    eb.or([eb('helpEntries.publishFrom', 'is', null), eb('helpEntries.publishFrom', '<=', now)]),
    eb.or([eb('helpEntries.publishUntil', 'is', null), eb('helpEntries.publishUntil', '>', now)]),
  ]);

/** Published entries of a language as lists show them. */
export function listPublished(db: Db, language: Language, now: string, filter: { categoryId?: number; ids?: number[]; context?: string } = {}) {
  let q = db
    .selectFrom('helpEntries')
    .innerJoin('helpRevisions', 'helpRevisions.entryId', 'helpEntries.id')
    .select([
      'helpEntries.id',
      'helpEntries.categoryId',
      'helpEntries.sticky',
      'helpEntries.viewCount',
      'helpEntries.contexts',
      'helpRevisions.id as revisionId',
      'helpRevisions.question',
      'helpRevisions.answer',
      'helpRevisions.author',
      'helpRevisions.stateChangedAt as publishedAt',
    ])
    .where('helpRevisions.language', '=', language)
    .where('helpRevisions.state', '=', 'published')
    .where(visible(now));
  if (filter.categoryId !== undefined) q = q.where('helpEntries.categoryId', '=', filter.categoryId);
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([]);
    q = q.where('helpEntries.id', 'in', filter.ids);
  }
  if (filter.context) q = q.where(sql<boolean>`',' || help_entries.contexts || ',' like ${`%,${filter.context},%`}`);
  return q.orderBy('helpEntries.sticky', 'desc').orderBy('helpEntries.id').execute();
}
export type PublishedEntry = Awaited<ReturnType<typeof listPublished>>[number];

export function listRelatedIds(db: Db, entryId: number) {
  return db.selectFrom('helpRelated').select('relatedId').where('entryId', '=', entryId).execute().then((rows) => rows.map((r) => r.relatedId));
}

export async function replaceRelated(db: Db, entryId: number, related: number[]) {
  await db.deleteFrom('helpRelated').where('entryId', '=', entryId).execute();
  const unique = [...new Set(related.filter((id) => id !== entryId))];
  if (unique.length > 0) await db.insertInto('helpRelated').values(unique.map((relatedId) => ({ entryId, relatedId }))).execute();
}

export function incrementViews(db: Db, entryId: number) {
  return db.updateTable('helpEntries').set((eb) => ({ viewCount: eb('viewCount', '+', 1) })).where('id', '=', entryId).execute();
}

export async function tallyVotes(db: Db, revisionIds: number[]) {
  if (revisionIds.length === 0) return new Map<number, { yes: number; no: number }>();
  const rows = await db
    .selectFrom('helpVotes')
    .select(['revisionId', 'helpful', sql<number>`cast(count(*) as integer)`.as('n')])
    .where('revisionId', 'in', revisionIds)
    .groupBy(['revisionId', 'helpful'])
    .execute();
  const out = new Map<number, { yes: number; no: number }>();
  for (const r of rows) {
    const t = out.get(r.revisionId) ?? { yes: 0, no: 0 };
    if (r.helpful) t.yes += Number(r.n);
    else t.no += Number(r.n);
    out.set(r.revisionId, t);
  }
  return out;
}

export async function recordMiss(db: Db, language: Language, query: string, now: string) {
  await db
    .insertInto('helpSearchMisses')
    .values({ language, query, count: 1, firstAt: now, lastAt: now })
    .onConflict((oc) => oc.columns(['language', 'query']).doUpdateSet((eb) => ({ count: eb('helpSearchMisses.count', '+', 1), lastAt: now })))
    .execute();
}

export function listMisses(db: Db, limit = 100) {
  return db.selectFrom('helpSearchMisses').selectAll().orderBy('count', 'desc').orderBy('lastAt', 'desc').limit(limit).execute();
}

export async function insertVote(db: Db, vote: { revisionId: number; helpful: boolean; voterHash: string }, now: string) {
  await db
    .insertInto('helpVotes')
    .values({ revisionId: vote.revisionId, helpful: vote.helpful ? 1 : 0, voterHash: vote.voterHash, createdAt: now })
    .onConflict((oc) => oc.columns(['revisionId', 'voterHash']).doNothing())
    .execute();
}

export async function hasVoted(db: Db, revisionId: number, voterHash: string): Promise<boolean> {
  const row = await db.selectFrom('helpVotes').select('id').where('revisionId', '=', revisionId).where('voterHash', '=', voterHash).executeTakeFirst();
  return row !== undefined;
}

export async function insertQuestion(db: Db, question: { question: string; email: string; language: Language }, now: string) {
  await db.insertInto('helpQuestions').values({ ...question, status: 'open', entryId: null, createdAt: now, handledAt: null, handledBy: null }).execute();
}

export function findQuestion(db: Db, id: number) {
  return db.selectFrom('helpQuestions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listQuestions(db: Db, status: HelpQuestionStatus) {
  return db.selectFrom('helpQuestions').selectAll().where('status', '=', status).orderBy('createdAt', 'desc').limit(200).execute();
}

/** Closes a question that is still open; false when it is unknown or was closed already. */
export async function closeOpenQuestion(db: Db, id: number, outcome: { status: 'answered' | 'dismissed'; entryId: number | null }, by: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('helpQuestions')
    .set({ status: outcome.status, entryId: outcome.entryId, handledAt: now, handledBy: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
