import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { searchHelp } from '../help/index.ts';

const FAQ_LIMIT = 5;

export interface FaqSuggestion {
  href: string;
  question: string;
}

/** Help articles that may already answer a ticket's subject; empty when the help center has nothing. */
export async function findFaqSuggestions(db: Db, dialect: Dialect, subject: string, lang: Language, now: Date): Promise<FaqSuggestion[]> {
  const text = subject.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text.length < 3) return [];
  // Not logged as a search: these are guesses while typing, not questions someone asked.
  const outcome = await searchHelp(db, dialect, { text: text.slice(0, 100), language: lang, log: false, limit: FAQ_LIMIT }, now);
  if (outcome.kind !== 'results') return [];
  const base = lang === 'de' ? '/hilfe' : '/help';
  return outcome.results.map((r) => ({ href: `${base}/${r.entryId}`, question: r.question }));
}
