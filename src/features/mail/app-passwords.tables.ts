import type { Generated, Selectable } from 'kysely';
import type { MailProtocol } from './login-activity.tables.ts';

/**
 * App passwords (migration 014): per mailbox, for the protocols chosen; Dovecot's passdb reads
 * them (server-config.ts). Platform's Database gets the table by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    mailAppPasswords: MailAppPasswordsTable;
  }
}

export interface MailAppPasswordsTable {
  id: Generated<number>;
  accountId: number;
  name: string;
  /** The secret's first group: Dovecot picks the one hash to check by it. Not secret on its own. */
  publicId: string;
  passwordHash: string;
  imap: number;
  pop3: number;
  smtp: number;
  createdAt: string;
  /** From this instant on it is refused; null: until revoked. */
  expiresAt: string | null;
  /** 1 once the expiry was passed on to the mail servers (cache flushed, sessions ended). */
  expiryDelivered: Generated<number>;
  lastUsedAt: string | null;
  lastUsedAddress: string | null;
  lastUsedProtocol: MailProtocol | null;
}

export type MailAppPassword = Selectable<MailAppPasswordsTable>;
