import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { completeSearchIndex, searchHelp, seedHelp } from '../src/features/help/index.ts';

/** Search rows indexed before migration 009 had no plain answer text; the start fills it in. */
describe.each(DIALECTS)('help search index after the upgrade to migration 009 (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedHelp(database.handle);
  });
  afterAll(() => database.drop());

  it('fills in the answer text of rows indexed without it, once, and snippets stay the same', async () => {
    const { db } = database.handle;
    const snippets = async () => {
      const outcome = await searchHelp(db, dialect, { text: 'Postfach Passwort ändern', language: 'de', log: false }, new Date());
      if (outcome.kind !== 'results') throw new Error(outcome.kind);
      return outcome.results.map((r) => r.snippet);
    };
    const texts = await db.selectFrom('helpSearch').select(['entryId', 'language', 'answerText']).orderBy('entryId').orderBy('language').execute();
    const before = await snippets();
    expect(before.length).toBeGreaterThan(0);

    await db.updateTable('helpSearch').set({ answerText: null }).execute();
    expect(await snippets()).toEqual(before); // rendered from the Markdown meanwhile

    expect(await completeSearchIndex(db)).toBe(texts.length);
    expect(await db.selectFrom('helpSearch').select(['entryId', 'language', 'answerText']).orderBy('entryId').orderBy('language').execute()).toEqual(texts);
    expect(await snippets()).toEqual(before);
    expect(await completeSearchIndex(db)).toBe(0);
  });
});
