import type { DbHandle } from '../../platform/db/index.ts';
import { loadSeedArticles } from './content/seed-articles.ts';
import { SEED_CATEGORIES } from './content/categories.ts';
import { replaceRelated } from './help.repository.ts';
import { importEntry, republishSeedText } from './help.service.ts';
import { SEED_TEXT_HISTORY, seedTextFingerprint } from './content/seed-history.ts';
import type { Language } from '../../platform/db/database.ts';

export const SEED_AUTHOR = 'Hostdesk-Redaktion';

/** The help center's categories and first articles, published in German and English. */
export async function seedHelp(handle: DbHandle, now = new Date()): Promise<number[]> {
  const { db, dialect } = handle;
  const at = now.toISOString();
  const categoryIds = new Map<string, number>();
  for (const [position, c] of SEED_CATEGORIES.entries()) {
    const row = await db
      .insertInto('helpCategories')
      .values({ parentId: c.parent ? categoryIds.get(c.parent)! : null, slug: c.slug, nameDe: c.de, nameEn: c.en, position, createdAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds.set(c.slug, row.id);
  }
  const articles = loadSeedArticles();
  const ids: number[] = [];
  for (const article of articles) {
    const settings = { categoryId: categoryIds.get(article.category)!, sticky: article.sticky, publishFrom: null, publishUntil: null, contexts: article.contexts, related: [] };
    const id = await importEntry(db, dialect, { settings, de: article.de, en: article.en, author: SEED_AUTHOR }, now);
    // The ID is drawn from the help center's sequence; only an empty help center draws 1000 first.
    if (id !== article.id) throw new Error(`help article ${article.file} should become #${article.id} but was given #${id}: seed the help center only once, into an empty database`);
    ids.push(id);
  }
  for (const article of articles) await replaceRelated(db, article.id, article.related);
  return ids;
}

/**
 * Installations seeded before an article's text was corrected keep the old text: the seed runs
 * only into an empty help center. At start, each article and language whose live revision is
 * still exactly an earlier seed text (SEED_TEXT_HISTORY), by the seed's author and with nothing
 * newer (no draft, nothing under review), gets the current text as a new published revision.
 * An editor's change is never replaced. Returns what it updated; nothing once done.
 */
export async function updateSeededHelp(handle: DbHandle, now = new Date()): Promise<{ entryId: number; language: Language }[]> {
  const { db, dialect } = handle;
  const updated: { entryId: number; language: Language }[] = [];
  for (const article of loadSeedArticles()) {
    for (const language of ['de', 'en'] as const) {
      const text = article[language];
      const current = seedTextFingerprint(text);
      const earlier = (SEED_TEXT_HISTORY[article.id]?.[language] ?? []).filter((fingerprint) => fingerprint !== current);
      if (earlier.length === 0) continue;
      const replaces = (live: { author: string; question: string; keywords: string; answer: string }) => live.author === SEED_AUTHOR && earlier.includes(seedTextFingerprint(live));
      if (await republishSeedText(db, dialect, { entryId: article.id, language, text, author: SEED_AUTHOR, replaces }, now)) updated.push({ entryId: article.id, language });
    }
  }
  return updated;
}
