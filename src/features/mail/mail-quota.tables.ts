import type { ColumnType } from 'kysely';

/** Each mailbox's usage, written by Dovecot's quota_clone plugin (migration 017; server-config.ts, quota). */
declare module '../../platform/db/database.ts' {
  interface Database {
    mailQuotaUsage: MailQuotaUsageTable;
  }
}

export interface MailQuotaUsageTable {
  /** The account name, as Dovecot's userdb returns it (`500001.002`). */
  accountName: string;
  /** Bytes in the mailbox (PostgreSQL's bigint reaches Node as a string). */
  bytes: ColumnType<number | string, number, number>;
  messages: number;
  /** 0, 80 or 95: the highest usage warning sent since usage was last below 80 %. */
  warnedPercent: ColumnType<number, number | undefined, number>;
  warnedAt: string | null;
}
