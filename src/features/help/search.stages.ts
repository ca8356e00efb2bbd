import { sql } from 'kysely';
import type { Language } from '../../platform/db/database.ts';
import type { QueryGroup } from './query.ts';

// What the two dialects' searches (search.postgres.ts, search.sqlite.ts) share; searchIndex in
// search.repository.ts chooses between them.

// How many question/keyword matches are ranked at most, and how many answer-only matches
// beyond the ones still missing.
export const HEAD_CANDIDATES = 200;
export const BODY_EXTRA_CANDIDATES = 20;

export const pgConfig = (language: Language) => (language === 'de' ? 'german' : 'english');

/** Whether the entry of index row `s` is published at `now` (its publish window). */
export const visibleAt = (now: unknown) =>
  sql`exists (select 1 from help_entries e where e.id = s.entry_id and (e.publish_from is null or e.publish_from <= ${now}) and (e.publish_until is null or e.publish_until > ${now}))`;

export interface Hit {
  entryId: number;
  score: number;
}

/** What the index is asked: the query's groups (with glossary synonyms and compound splits) and its plain words. */
export interface SearchQuery {
  language: Language;
  groups: QueryGroup[];
  /** the folded words as typed, for the substring stage */
  words: string[];
  now: string;
  limit: number;
}

/** A result best first, with what the list shows; answerText is null in rows indexed before migration 009, answer then holds the Markdown. */
export interface SearchRow {
  entryId: number;
  categoryId: number;
  question: string;
  answerText: string | null;
  answer: string | null;
}

// The stage that lets any group match runs only when the precise stages found fewer than this:
// its matches are noisy.
export const ANY_WORD_BELOW = 3;
