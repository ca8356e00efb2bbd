import type { Generated, Selectable } from 'kysely';
import type { Language } from '../../platform/db/database.ts';

/**
 * The help center (FAQ): categories, entries, revisions, votes, search misses, questions, the search index.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    helpCategories: HelpCategoriesTable;
    helpEntries: HelpEntriesTable;
    helpRevisions: HelpRevisionsTable;
    helpRelated: HelpRelatedTable;
    helpVotes: HelpVotesTable;
    helpSearchMisses: HelpSearchMissesTable;
    helpQuestions: HelpQuestionsTable;
    helpTerms: HelpTermsTable;
    helpSearch: HelpSearchTable;
  }
}

// Help center (FAQ): see migrations/003_help.ts.
export interface HelpCategoriesTable {
  id: Generated<number>;
  parentId: number | null;
  slug: string;
  nameDe: string;
  nameEn: string;
  position: number;
  createdAt: string;
}

export type HelpCategory = Selectable<HelpCategoriesTable>;

export interface HelpEntriesTable {
  /** The public solution ID, from help_entry_id_seq (starts at 1000). */
  id: number;
  categoryId: number;
  sticky: number;
  publishFrom: string | null;
  publishUntil: string | null;
  /** Comma-separated customer-area pages this entry explains, e.g. "domains,credentials". */
  contexts: string;
  viewCount: number;
  createdAt: string;
  updatedAt: string;
}

export type HelpEntry = Selectable<HelpEntriesTable>;

export type HelpRevisionState = 'draft' | 'review' | 'published' | 'superseded';

export interface HelpRevisionsTable {
  id: Generated<number>;
  entryId: number;
  language: Language;
  number: number;
  question: string;
  answer: string;
  keywords: string;
  author: string;
  state: HelpRevisionState;
  restoredFrom: number | null;
  createdAt: string;
  stateChangedAt: string;
  stateChangedBy: string;
}

export type HelpRevision = Selectable<HelpRevisionsTable>;

export interface HelpRelatedTable {
  entryId: number;
  relatedId: number;
}

export interface HelpVotesTable {
  id: Generated<number>;
  revisionId: number;
  helpful: number;
  /** SHA-256 of the voter's session id: one vote per visit, nothing that identifies a person. */
  voterHash: string;
  createdAt: string;
}

export interface HelpSearchMissesTable {
  id: Generated<number>;
  language: Language;
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export type HelpQuestionStatus = 'open' | 'answered' | 'dismissed';

export interface HelpQuestionsTable {
  id: Generated<number>;
  language: Language;
  question: string;
  email: string;
  status: HelpQuestionStatus;
  entryId: number | null;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
}

export interface HelpTermsTable {
  language: Language;
  term: string;
}

export interface HelpSearchTable {
  entryId: number;
  language: Language;
  revisionId: number;
  /** Question, keywords and answer text, folded (lower case, umlauts and ß resolved). */
  folded: string;
  /** The answer as plain text for snippets; null in rows indexed before migration 009. */
  answerText: string | null;
}
