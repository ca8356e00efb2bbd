import type { Language } from '../../platform/db/database.ts';
import { slugify } from './text.ts';

/** German and English URLs of the public help pages; the URL decides the language shown. */
export const HELP_PATHS = {
  de: { base: '/hilfe', search: 'suche', category: 'kategorie', print: 'drucken', ask: 'frage', vote: 'bewertung', page: 'zu' },
  en: { base: '/help', search: 'search', category: 'category', print: 'print', ask: 'ask', vote: 'vote', page: 'for' },
} as const;

export const helpBase = (lang: Language) => HELP_PATHS[lang].base;
export const entryPath = (lang: Language, id: number, question: string) => `${helpBase(lang)}/${id}-${slugify(question)}`;
export const categoryPath = (lang: Language, slug: string) => `${helpBase(lang)}/${HELP_PATHS[lang].category}/${slug}`;
