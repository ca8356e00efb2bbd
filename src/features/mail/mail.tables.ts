import type { Generated, Selectable } from 'kysely';

/**
 * Mail accounts, addresses and forwarders; Dovecot and Postfix read these tables too (server-config.ts).
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    mailAccounts: MailAccountsTable;
    mailAddresses: MailAddressesTable;
    mailForwardTargets: MailForwardTargetsTable;
    mailAccountCounters: MailAccountCountersTable;
  }
}

export interface MailAccountsTable {
  id: Generated<number>;
  contractId: number;
  name: string;
  passwordHash: string;
  quotaMb: number;
  active: number;
  imap: number;
  pop3: number;
  smtp: number;
  createdAt: string;
  passwordChangedAt: string;
  /** Grows with every change of the account's password (and later its app passwords); mail logins record it (010). */
  credentialGeneration: Generated<number>;
  /** 1: IMAP, POP3 and SMTP take app passwords only; the account's own password still opens the web pages (014). */
  appPasswordsOnly: Generated<number>;
}

export type MailAccount = Selectable<MailAccountsTable>;

export type MailAddressKind = 'mailbox' | 'forward' | 'catchall';

export interface MailAddressesTable {
  id: Generated<number>;
  contractId: number;
  domainId: number;
  /** '' for a catch-all. */
  localPart: string;
  /** Lower-case ASCII (punycode domain): `local@domain`, or `@domain` for a catch-all. */
  address: string;
  kind: MailAddressKind;
  /** The mailbox a `mailbox` address delivers into; null for forwarders and catch-alls. */
  accountId: number | null;
  isPrimary: number;
  createdAt: string;
}

export type MailAddress = Selectable<MailAddressesTable>;

export interface MailForwardTargetsTable {
  id: Generated<number>;
  addressId: number;
  target: string;
}

export interface MailAccountCountersTable {
  contractId: number;
  lastIndex: number;
}
