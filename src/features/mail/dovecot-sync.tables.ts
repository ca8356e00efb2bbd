import type { Generated, Selectable } from 'kysely';

/** What the Dovecot servers still have to hear about changed mail credentials (migration 013). */
declare module '../../platform/db/database.ts' {
  interface Database {
    dovecotSyncTasks: DovecotSyncTasksTable;
  }
}

export interface DovecotSyncTasksTable {
  id: Generated<number>;
  /** The doveadm HTTP API's base URL, as configured in DOVEADM_URLS. */
  server: string;
  accountName: string;
  /** JSON array of the account's login names (its name and its addresses). */
  logins: string;
  revision: number;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export type DovecotSyncTask = Selectable<DovecotSyncTasksTable>;
