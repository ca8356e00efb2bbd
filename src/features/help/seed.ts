import type { DbHandle } from '../../platform/db/index.ts';
import { SEED_ARTICLES } from './content/articles.ts';
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
  const ids: number[] = [];
  for (const article of SEED_ARTICLES) {
    const settings = { categoryId: categoryIds.get(article.category)!, sticky: article.sticky ?? false, publishFrom: null, publishUntil: null, contexts: article.contexts ?? [], related: [] };
    const id = await importEntry(db, dialect, { settings, de: article.de, en: article.en, author: SEED_AUTHOR }, now);
    ids.push(id);
  }
  for (const [i, article] of SEED_ARTICLES.entries()) {
    await replaceRelated(db, ids[i]!, (article.related ?? []).map((n) => ids[n]!));
  }
  return ids;
}
