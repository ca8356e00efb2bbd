/**
 * The schema as TypeScript sees it, written by hand (see migrations/ for the SQL). Empty here:
 * platform's own tables (platform.tables.ts) and each feature's (`features/<name>/<name>.tables.ts`)
 * are merged in by declaration merging, so the platform names no feature table.
 * Timestamps are ISO-8601 strings in UTC; flags are integers 0/1 so that Dovecot's and Postfix's
 * SQL sees the same values on SQLite and PostgreSQL.
 */
export interface Database {}

/** The languages of the UI, stored with customers, staff and help texts. */
export type Language = 'de' | 'en';
