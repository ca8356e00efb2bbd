import type { Generated } from 'kysely';

/**
 * Platform's own tables: sessions, throttles, rate-limit counters, settings, number sequences.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module './database.ts' {
  interface Database {
    sessions: SessionsTable;
    throttleAttempts: ThrottleAttemptsTable;
    rateLimitCounters: RateLimitCountersTable;
    settings: SettingsTable;
    numberSequences: NumberSequencesTable;
  }
}

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself exists only in the visitor's cookie. */
  idHash: string;
  subject: string | null;
  data: string;
  createdAt: string;
  expiresAt: string;
  /** The subject's credential generation this session was opened with (copied from data). */
  generation: number | null;
  /** The mail account of the session's mail login, if any, and the generation it was opened with. */
  mailAccountId: number | null;
  mailGeneration: number | null;
}

/** One counted attempt (a failed login, a reset request, a new ticket) per throttle key. */
export interface ThrottleAttemptsTable {
  id: Generated<number>;
  scope: string;
  /** SHA-256 of the account name or IP address: equality is all the table needs. */
  key: string;
  createdAt: string;
}

/** @fastify/rate-limit's counters (fixed windows, epoch milliseconds). */
export interface RateLimitCountersTable {
  key: string;
  windowEnds: number;
  count: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface NumberSequencesTable {
  name: string;
  value: number;
}
