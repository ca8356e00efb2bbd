import type { Generated } from 'kysely';

/**
 * What Dovecot reports about mail logins (migration 012); platform's Database gets these tables by
 * declaration merging. Bounded: one success row per account and protocol, failure rows capped per
 * target (login-activity.repository.ts), everything older than MAIL_LOGIN_ACTIVITY_DAYS pruned.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    mailLoginSuccesses: MailLoginSuccessesTable;
    mailLoginFailures: MailLoginFailuresTable;
    mailPolicyPending: MailPolicyPendingTable;
  }
}

export type MailProtocol = 'imap' | 'pop3' | 'smtp';
export const MAIL_PROTOCOLS: readonly MailProtocol[] = ['imap', 'pop3', 'smtp'];

/** Why a mail login failed, as far as Hostdesk can tell. */
export type MailLoginFailureReason = 'password' | 'unknown' | 'inactive' | 'protocol' | 'throttled';

export interface MailLoginSuccessesTable {
  accountId: number;
  protocol: MailProtocol;
  at: string;
  clientAddress: string;
  tls: number;
}

export interface MailLoginFailuresTable {
  id: Generated<number>;
  /** `a:<account id>`, or `n:<login>` for an unknown name under one of the contract's domains. */
  target: string;
  contractId: number;
  accountId: number | null;
  login: string;
  protocol: MailProtocol;
  clientAddress: string;
  reason: MailLoginFailureReason;
  failures: number;
  firstAt: string;
  lastAt: string;
}

export interface MailPolicyPendingTable {
  /** SHA-256 of what names one auth request of one client connection (see auth-policy.service.ts). */
  attemptKey: string;
  /** The login throttle's ticket, JSON. */
  ticket: string;
  createdAt: string;
}
