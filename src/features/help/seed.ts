import type { DbHandle } from '../../platform/db/index.ts';
import { loadSeedArticles } from './content/seed-articles.ts';
import { SEED_CATEGORIES } from './content/categories.ts';
import { replaceRelated } from './help.repository.ts';
import { importEntry } from './help.service.ts';

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
