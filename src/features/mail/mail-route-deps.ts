import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards, SessionTimeouts } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from './mail.config.ts';

/** What the mail pages need: the administration, the Zugangsdaten page and client setup. */
export interface MailRouteDeps extends SessionTimeouts {
  db: Db;
  clock: Clock;
  guards: Guards;
  mailServer: MailServerSettings;
  publicUrl: string;
  loginRateLimitPerMinute: number;
}
