import type { dovecotSyncDe } from './dovecot-sync.messages.de.ts';

/** English texts of the Dovecot servers' backlog page. */
export const dovecotSyncEn: Record<keyof typeof dovecotSyncDe, string> = {
  'mail.servers.title': 'Mail servers',
  'mail.servers.intro': 'Every password change and every deactivated or deleted mailbox reaches every Dovecot at once: its login cache forgets the old password, open IMAP and POP3 connections end. While a server cannot be reached, the change waits in this queue and is retried until the server confirms it.',
  'mail.servers.unconfigured': 'No Dovecot is configured (DOVEADM_URLS). Without one the mail servers’ login cache must be off; see docs/mail-setup.md.',
  'mail.servers.server': 'Server (doveadm API)',
  'mail.servers.state': 'State',
  'mail.servers.upToDate': 'Every change delivered',
  'mail.servers.waiting': '{count} mailboxes waiting',
  'mail.servers.since': 'since {at}, {attempts} attempts',
  'mail.servers.lastError': 'Last: {error}',
  'mail.servers.retry': 'Retry now',
  'mail.servers.retried': 'The waiting changes were delivered again, as far as the servers can be reached.',
};
