import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { completeSearchIndex, seedHelp, updateSeededHelp } from '../src/features/help/index.ts';
import { SEED_AUTHOR } from '../src/features/help/seed.ts';
import { loadSeedArticles } from '../src/features/help/content/seed-articles.ts';
import { SEED_TEXT_HISTORY, seedTextFingerprint } from '../src/features/help/content/seed-history.ts';
import { markdownToText } from '../src/features/help/markdown.ts';
import { helpExcerptText } from '../src/platform/db/migrations/018_help_excerpt_text.ts';

type Language = 'de' | 'en';
interface OldText {
  entryId: number;
  language: Language;
  commit: string;
  question: string;
  keywords: string;
  answer: string;
}
/** Texts as installations seeded on 26 Nov 2026 hold them, from the repository's history. */
const OLD: OldText[] = JSON.parse(readFileSync(new URL('./support/help-seed-2026-11-26.json', import.meta.url), 'utf8')).texts;
const old = (entryId: number, language: Language) => OLD.find((o) => o.entryId === entryId && o.language === language)!;
const current = (entryId: number, language: Language) => loadSeedArticles().find((a) => a.id === entryId)![language];

describe('the test data', () => {
  it('holds earlier seed texts, each different from the current one', () => {
    for (const text of OLD) {
      expect(SEED_TEXT_HISTORY[text.entryId]![text.language], `#${text.entryId} ${text.language}`).toContain(seedTextFingerprint(text));
      expect(seedTextFingerprint(text)).not.toBe(seedTextFingerprint(current(text.entryId, text.language)));
    }
  });
});

/** Installations seeded before a help text was corrected get the correction at start, unless an editor changed the entry. */
describe.each(DIALECTS)('seeded help texts on an existing installation (%s)', (dialect) => {
  let database: TestDatabase;
  const t0 = new Date('2026-11-26T08:00:00Z');
  const t1 = new Date('2026-12-01T18:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedHelp(database.handle, t0);
  });
  afterAll(() => database.drop());

  const db = () => database.handle.db;
  const revisions = (entryId: number, language: Language) =>
    db().selectFrom('helpRevisions').selectAll().where('entryId', '=', entryId).where('language', '=', language).orderBy('number').execute();
  const live = async (entryId: number, language: Language) => (await revisions(entryId, language)).find((r) => r.state === 'published')!;
  /** The seeded revision as the old seed wrote it. */
  const makeOld = async (entryId: number, language: Language) => {
    const { question, keywords, answer } = old(entryId, language);
    await db().updateTable('helpRevisions').set({ question, keywords, answer }).where('id', '=', (await live(entryId, language)).id).execute();
  };
  const addRevision = async (entryId: number, language: Language, text: { question: string; keywords: string; answer: string }, author: string, state: 'draft' | 'published') => {
    const before = await live(entryId, language);
    if (state === 'published') await db().updateTable('helpRevisions').set({ state: 'superseded' }).where('id', '=', before.id).execute();
    const numbers = (await revisions(entryId, language)).map((r) => r.number);
    const at = t0.toISOString();
    await db()
      .insertInto('helpRevisions')
      .values({ entryId, language, number: Math.max(...numbers) + 1, question: text.question, keywords: text.keywords, answer: text.answer, author, state, restoredFrom: null, createdAt: at, stateChangedAt: at, stateChangedBy: author })
      .execute();
  };
  const count = async () => (await db().selectFrom('helpRevisions').select('id').execute()).length;

  it('publishes the corrected text as a new revision where the old seed text is still live, and nowhere else', async () => {
    // Brought up to the corrected text: both languages of #1002, #1006 English, #1009 German.
    for (const [id, lang] of [[1002, 'de'], [1002, 'en'], [1006, 'en'], [1009, 'de']] as const) await makeOld(id, lang);
    // An editor's published change of the old seed text: theirs stays.
    await makeOld(1005, 'de');
    const edited = { ...old(1005, 'de'), answer: `${old(1005, 'de').answer}\n\nErgänzt von der Redaktion.` };
    await addRevision(1005, 'de', edited, 'Petra Redakteurin', 'published');
    // The old seed text live, but an editor's draft on top of it: left for the editor.
    await makeOld(1005, 'en');
    await addRevision(1005, 'en', { ...old(1005, 'en'), question: 'Changing a mailbox password?' }, 'Petra Redakteurin', 'draft');
    // An editor published exactly the old seed text again (a restore): theirs, so it stays.
    await makeOld(1006, 'de');
    await addRevision(1006, 'de', old(1006, 'de'), 'Petra Redakteurin', 'published');
    const before = await count();
    const liveBefore = new Map<string, number>();
    for (const a of loadSeedArticles()) for (const lang of ['de', 'en'] as const) liveBefore.set(`${a.id}/${lang}`, (await live(a.id, lang)).id);

    const updated = await updateSeededHelp(database.handle, t1);
    expect(updated).toEqual([
      { entryId: 1002, language: 'de' },
      { entryId: 1002, language: 'en' },
      { entryId: 1006, language: 'en' },
      { entryId: 1009, language: 'de' },
    ]);
    expect(await count()).toBe(before + 4);

    for (const { entryId, language } of updated) {
      const all = await revisions(entryId, language);
      const now = all.at(-1)!;
      const text = current(entryId, language);
      expect(now).toMatchObject({ number: 2, state: 'published', author: SEED_AUTHOR, question: text.question, keywords: text.keywords, answer: text.answer, createdAt: t1.toISOString() });
      // The old revision stays in the history, superseded: nothing is rewritten.
      expect(all[0]).toMatchObject({ number: 1, state: 'superseded', question: old(entryId, language).question, answer: old(entryId, language).answer });
      const indexed = await db().selectFrom('helpSearch').selectAll().where('entryId', '=', entryId).where('language', '=', language).executeTakeFirstOrThrow();
      expect(indexed.revisionId).toBe(now.id);
      expect(indexed.answerText).toBe(markdownToText(text.answer));
      const entry = await db().selectFrom('helpEntries').select('updatedAt').where('id', '=', entryId).executeTakeFirstOrThrow();
      expect(entry.updatedAt).toBe(t1.toISOString());
    }
    // #1002 no longer sends a lost administration password to a ticket: the self-service.
    expect((await live(1002, 'de')).answer).toContain('{button:adminpassword}');
    expect(old(1002, 'de').answer).not.toContain('{button:adminpassword}');

    // Everything else kept its live revision: the editors' changes and the texts already current.
    const unchanged = [...liveBefore].filter(([key]) => !updated.some((u) => key === `${u.entryId}/${u.language}`));
    for (const [key, id] of unchanged) {
      const [entryId, lang] = key.split('/') as [string, Language];
      expect((await live(Number(entryId), lang)).id, key).toBe(id);
    }
    expect((await live(1005, 'de')).answer).toContain('Ergänzt von der Redaktion.');
    expect((await revisions(1005, 'en')).at(-1)).toMatchObject({ state: 'draft', question: 'Changing a mailbox password?' });
    expect((await live(1006, 'de')).author).toBe('Petra Redakteurin');

    // Once done, the next start changes nothing.
    expect(await updateSeededHelp(database.handle, t1)).toEqual([]);
    expect(await count()).toBe(before + 4);
  });

  it('writes one revision when two processes start at once', async () => {
    // #1002 German back at the old seed text, as if this installation had never been updated.
    await addRevision(1002, 'de', old(1002, 'de'), SEED_AUTHOR, 'published');
    const before = await count();
    const [a, b] = await Promise.all([updateSeededHelp(database.handle, t1), updateSeededHelp(database.handle, t1)]);
    expect([...a, ...b]).toEqual([{ entryId: 1002, language: 'de' }]);
    expect(await count()).toBe(before + 1);
    const published = (await revisions(1002, 'de')).filter((r) => r.state === 'published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ number: 4, answer: current(1002, 'de').answer });
  });

  it('rebuilds the excerpt text after migration 018, keeping the space before ".001"', async () => {
    const row = await db().selectFrom('helpSearch').select(['entryId', 'language', 'answerText']).where('entryId', '=', 1006).where('language', '=', 'de').executeTakeFirstOrThrow();
    expect(row.answerText).toContain('Endung .001');
    // As the old rule wrote it.
    await db().updateTable('helpSearch').set({ answerText: row.answerText!.replace('Endung .001', 'Endung.001') }).where('entryId', '=', 1006).where('language', '=', 'de').execute();
    const rows = (await db().selectFrom('helpSearch').select('entryId').execute()).length;

    await helpExcerptText().up(db());
    expect(await completeSearchIndex(db())).toBe(rows);
    const rebuilt = await db()
      .selectFrom('helpSearch as s')
      .innerJoin('helpRevisions as r', 'r.id', 's.revisionId')
      .select(['s.answerText', 'r.answer'])
      .execute();
    for (const r of rebuilt) expect(r.answerText).toBe(markdownToText(r.answer));
    expect((await db().selectFrom('helpSearch').select('answerText').where('entryId', '=', 1006).where('language', '=', 'de').executeTakeFirstOrThrow()).answerText).toContain('Endung .001');
  });
});
