import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards, SessionTimeouts } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import type { DeviceMemory } from '../accounts/index.ts';
import type { MailServerSettings } from './mail.config.ts';
import type { DovecotSyncSettings } from './dovecot-sync.config.ts';
import type { MailPolicySettings } from './auth-policy.config.ts';

/** What the mail pages need: the administration, the Zugangsdaten page and client setup. */
export interface MailRouteDeps extends SessionTimeouts {
  db: Db;
  clock: Clock;
  guards: Guards;
  /** Failed-login notices to the mailbox owner. */
  mailer: Mailer;
  /** Accounts' known-device cookie: the mail login is one more door of the shared login throttle. */
  devices: DeviceMemory;
  mailServer: MailServerSettings;
  /** The Dovecot servers credential changes are delivered to (their backlog page). */
  dovecotSync: DovecotSyncSettings;
  /** Dovecot's auth policy requests: the shared secret, allowed sources, activity retention. */
  mailPolicy: MailPolicySettings;
  publicUrl: string;
  loginRateLimitPerMinute: number;
}
