import { readdirSync, readFileSync } from 'node:fs';

/**
 * The help articles' Markdown files, read from `articles/` beside this module when the app runs
 * from its sources (tsx, Vitest). The esbuild bundle replaces this module with one that has the
 * files inlined (scripts/build.mjs), so `npm start` needs no content folder beside dist/.
 */
export function readArticleFiles(): { name: string; text: string }[] {
  const dir = new URL('./articles/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}
