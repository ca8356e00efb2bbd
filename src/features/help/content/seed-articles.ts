import { readArticleFiles } from './article-files.ts';
import { FrontMatterError, parseFrontMatter, type FrontMatter, type FrontMatterValue } from './front-matter.ts';
import { SEED_CATEGORIES, type SeedCategorySlug } from './categories.ts';

interface Text {
  question: string;
  keywords: string;
  answer: string;
}

/**
 * One help article as `articles/<id>-<slug>.md` holds it: the metadata in front matter, the
 * German and the English answer in the body, each after its `<!-- de -->` / `<!-- en -->` line.
 * Placeholders ({domain}, {account}, {imapHost} …) and buttons ({button:panel} …) are filled per
 * customer; `::: variant …` blocks are shown only to customers whose tariff they fit.
 */
export interface SeedArticle {
  /** The public solution ID, from 1000. */
  id: number;
  file: string;
  category: SeedCategorySlug;
  sticky: boolean;
  /** customer-area pages that link here ("Hilfe zu dieser Seite") */
  contexts: string[];
  /** IDs of related articles */
  related: number[];
  de: Text;
  en: Text;
}

/** The first solution ID: new installations draw IDs from here, one per article in ID order. */
export const FIRST_ARTICLE_ID = 1000;

const LANGUAGE_LINE = /^<!-- (de|en) -->$/;
const FILE_NAME = /^(\d+)-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
const KEYS = new Set(['id', 'category', 'sticky', 'contexts', 'related', 'de', 'en']);

function fail(file: string, problem: string): never {
  throw new FrontMatterError(file, 1, problem);
}

function stringList(file: string, key: string, value: FrontMatterValue | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && /^[a-z0-9-]+$/.test(v))) fail(file, `"${key}" must be a list of page names`);
  return value as string[];
}

function idList(file: string, key: string, value: FrontMatterValue | undefined): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) fail(file, `"${key}" must be a list of article IDs`);
  return value as number[];
}

/** Splits the body at its language lines; text outside a language section is an error. */
function answersOf(file: string, body: string): Record<'de' | 'en', string> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const m = LANGUAGE_LINE.exec(line);
    if (m) {
      if (sections.has(m[1]!)) fail(file, `the line "<!-- ${m[1]} -->" appears twice`);
      current = [];
      sections.set(m[1]!, current);
    } else if (current) current.push(line);
    else if (line.trim() !== '') fail(file, 'text before the first "<!-- de -->" or "<!-- en -->" line');
  }
  const answer = (lang: 'de' | 'en') => {
    const text = (sections.get(lang) ?? []).join('\n').replace(/^\n+/, '').trimEnd();
    if (!text) fail(file, `no answer after "<!-- ${lang} -->"`);
    return text;
  };
  return { de: answer('de'), en: answer('en') };
}

function textOf(file: string, lang: 'de' | 'en', value: FrontMatterValue | undefined, answer: string): Text {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(file, `"${lang}" must hold question and keywords`);
  const map = value as FrontMatter;
  for (const key of Object.keys(map)) if (key !== 'question' && key !== 'keywords') fail(file, `unknown key "${lang}.${key}"`);
  if (typeof map.question !== 'string' || map.question.trim() === '') fail(file, `"${lang}.question" must be text`);
  if (map.keywords !== undefined && typeof map.keywords !== 'string') fail(file, `"${lang}.keywords" must be text`);
  return { question: map.question, keywords: (map.keywords as string | undefined) ?? '', answer };
}

export function parseSeedArticle(name: string, text: string): SeedArticle {
  const fileName = FILE_NAME.exec(name);
  if (!fileName) fail(name, 'file names are "<id>-<slug>.md" with a lowercase slug');
  const { data, body } = parseFrontMatter(text, name);
  for (const key of Object.keys(data)) if (!KEYS.has(key)) fail(name, `unknown key "${key}"`);
  if (!Number.isSafeInteger(data.id) || String(data.id) !== fileName[1]) fail(name, `"id" must be the number the file name starts with (${fileName[1]})`);
  const category = SEED_CATEGORIES.find((c) => c.slug === data.category);
  if (!category) fail(name, `"category" must be one of ${SEED_CATEGORIES.map((c) => c.slug).join(', ')}`);
  if (data.sticky !== undefined && typeof data.sticky !== 'boolean') fail(name, '"sticky" must be true or false');
  const answers = answersOf(name, body);
  return {
    id: data.id as number,
    file: name,
    category: category.slug,
    sticky: data.sticky === true,
    contexts: stringList(name, 'contexts', data.contexts),
    related: idList(name, 'related', data.related),
    de: textOf(name, 'de', data.de, answers.de),
    en: textOf(name, 'en', data.en, answers.en),
  };
}

/**
 * Every article, in ID order. The IDs must run from 1000 without gaps: a new help center draws
 * its IDs in seed order, and the seed checks that each article got the ID its file names.
 */
export function loadSeedArticles(files = readArticleFiles()): SeedArticle[] {
  const articles = files.map((f) => parseSeedArticle(f.name, f.text)).sort((a, b) => a.id - b.id);
  articles.forEach((a, i) => {
    if (a.id !== FIRST_ARTICLE_ID + i) fail(a.file, `IDs must run from ${FIRST_ARTICLE_ID} without gaps or repeats; expected ${FIRST_ARTICLE_ID + i}`);
  });
  const ids = new Set(articles.map((a) => a.id));
  for (const a of articles) for (const r of a.related) if (!ids.has(r) || r === a.id) fail(a.file, `"related" names ${r}, which is not another article`);
  return articles;
}
