import type { Language } from '../db/database.ts';
import type { platformDe } from './messages/platform.de.ts';

type PlatformTexts = Record<keyof typeof platformDe, string>;

/**
 * Every UI text key: the platform's own (messages/platform.de.ts) and, by declaration merging,
 * each feature's (features/<name>/messages.de.ts augments this interface). German first; each
 * English catalog is typed by its German keys, so a missing translation does not compile.
 */
export interface Messages extends PlatformTexts {}
export type MessageKey = keyof Messages;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
export type Catalogs = Record<Language, Record<MessageKey, string>>;

const catalogs: Record<Language, Partial<Record<MessageKey, string>>> = { de: {}, en: {} };

/** Fills the runtime catalogs; the entry point calls it once with every part's texts (src/messages.ts). */
export function registerMessages(all: Catalogs): void {
  Object.assign(catalogs.de, all.de);
  Object.assign(catalogs.en, all.en);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'de' || value === 'en';
}

/** One translate function per language, for every request (the catalogs are filled in place). */
const translators: Partial<Record<Language, Translate>> = {};

export function translator(lang: Language): Translate {
  return (translators[lang] ??= translate(catalogs[lang]));
}

function translate(catalog: Partial<Record<MessageKey, string>>): Translate {
  return (key, params) => {
    // Own properties only: a key or placeholder named like an Object.prototype member
    // (`constructor`, `toString`) is unknown, not a function turned into text.
    const text = (Object.hasOwn(catalog, key) ? catalog[key] : undefined) ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m)) : text;
  };
}

/** The time zone every page shows times in, and in which a day typed into a form begins and ends. */
export const DISPLAY_TIME_ZONE = 'Europe/Berlin';

/** The instant a calendar day (`YYYY-MM-DD`) begins in DISPLAY_TIME_ZONE. */
export function startOfDay(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const offsetAt = (at: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: DISPLAY_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  };
  // The offset at the guess, then at the result (a day can begin on the other side of a DST change).
  const first = utcMidnight - offsetAt(utcMidnight);
  return new Date(utcMidnight - offsetAt(first));
}

// Intl formatters are expensive to build; pages format many dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, style: 'dateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = lang === 'de' ? 'de-DE' : 'en-GB';
    f = new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'long', timeZone: DISPLAY_TIME_ZONE } : { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE });
    formatters.set(key, f);
  }
  return f;
}

/** Dates for people: "26.11.2026, 14:05" in German, "26 Nov 2026, 14:05" in English, in Berlin time. */
export function formatDateTime(iso: string, lang: Language): string {
  return formatter(lang, 'dateTime').format(new Date(iso));
}

export function formatDate(iso: string, lang: Language): string {
  return formatter(lang, 'date').format(new Date(iso));
}
