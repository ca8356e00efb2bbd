import type { Generated, Selectable } from 'kysely';

/**
 * Security events.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    auditEvents: AuditEventsTable;
  }
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  event: string;
  subject: string | null;
  ip: string | null;
  /** JSON with event details; never a secret. */
  details: string;
}

export type AuditEvent = Selectable<AuditEventsTable>;
