import type { Mailer } from '../../integrations/smtp/mailer.ts';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import type { SupportConfig } from './support.config.ts';

/** What the SupportCenter's pages need, customer and staff side. */
export interface SupportRouteDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  mailer: Mailer;
  guards: Guards;
  support: SupportConfig;
  /** For links in notification mails. */
  publicUrl: string;
  /** Without it, notifications stay in the outbox. */
  smtpUrl: string | undefined;
  /** For the login diagnosis of a mail ticket's mailbox. */
  mailServer: MailServerSettings;
}
