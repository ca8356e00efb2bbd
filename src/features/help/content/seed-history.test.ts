import { describe, expect, it } from 'vitest';
import { loadSeedArticles } from './seed-articles.ts';
import { SEED_TEXT_HISTORY, seedTextFingerprint } from './seed-history.ts';

describe('the seed text history', () => {
  it('knows the current text of every article and language, first in its list', () => {
    // An article's file changed without its history: add the new fingerprint at the top and keep
    // the old ones, or installations seeded with the old text never get the new one.
    const missing = loadSeedArticles().flatMap((article) =>
      (['de', 'en'] as const).filter((lang) => SEED_TEXT_HISTORY[article.id]?.[lang]?.[0] !== seedTextFingerprint(article[lang])).map((lang) => `#${article.id} ${lang}: '${seedTextFingerprint(article[lang])}'`),
    );
    expect(missing).toEqual([]);
  });

  it('names no article the seed does not have, and no fingerprint twice', () => {
    const ids = new Set(loadSeedArticles().map((a) => a.id));
    expect(Object.keys(SEED_TEXT_HISTORY).map(Number).filter((id) => !ids.has(id))).toEqual([]);
    const all = Object.values(SEED_TEXT_HISTORY).flatMap((langs) => [...langs.de, ...langs.en]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('tells texts apart by every field', () => {
    const text = { question: 'Wie?', keywords: 'a b', answer: 'Antwort.' };
    const fingerprint = seedTextFingerprint(text);
    expect(seedTextFingerprint({ ...text })).toBe(fingerprint);
    for (const changed of [{ ...text, question: 'Wie' }, { ...text, keywords: 'a  b' }, { ...text, answer: 'Antwort. ' }, { question: 'Wie?a b', keywords: '', answer: 'Antwort.' }]) {
      expect(seedTextFingerprint(changed)).not.toBe(fingerprint);
    }
  });
});
