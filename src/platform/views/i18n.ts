import { de, en, type MessageKey } from './messages/index.ts';
import type { Language } from '../db/database.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANGUAGES: readonly Language[] = ['de', 'en'];
const catalogs: Record<Language, Record<MessageKey, string>> = { de, en };

export function isLanguage(value: unknown): value is Language {
  return value === 'de' || value === 'en';
}

export function translator(lang: Language): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const text = catalog[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** Dates for people: "26.11.2026, 14:05" in German, "26 Nov 2026, 14:05" in English, in Berlin time. */
export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(
    new Date(iso),
  );
}
