import type { Selectable } from 'kysely';

/**
 * A mailbox's out-of-office reply and forwarding (migration 016), and the Sieve script compiled
 * from them, which Dovecot reads through its dict (server-config.ts, dovecotSieveDictConfig).
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    mailDeliveryRules: MailDeliveryRulesTable;
    mailSieveScripts: MailSieveScriptsTable;
  }
}

export type AutoReplyState = 'on' | 'off';

export interface MailDeliveryRulesTable {
  accountId: number;
  autoReply: AutoReplyState;
  replyFrom: string | null;
  replyUntil: string | null;
  replySubject: string;
  replyBody: string;
  replyDays: number;
  /** JSON array of addresses. */
  replyAddresses: string;
  forwardTo: string | null;
  forwardKeep: number;
  updatedAt: string;
}

export type MailDeliveryRules = Selectable<MailDeliveryRulesTable>;

export interface MailSieveScriptsTable {
  accountId: number;
  accountName: string;
  scriptId: string;
  script: string;
}
