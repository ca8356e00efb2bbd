import { z } from 'zod';
import { AuthPolicyEnv, authPolicyConfigOf, type MailPolicySettings } from './auth-policy.config.ts';
import { DovecotSyncEnv, dovecotSyncConfigOf, type DovecotSyncSettings } from './dovecot-sync.config.ts';

/** Where customers' mail clients connect; shown on the Zugangsdaten page and in client setup files. */
export const MailEnv = z.object({
  MAIL_IMAP_HOST: z.string().default('mail.example.net'),
  MAIL_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  MAIL_POP3_HOST: z.string().default('mail.example.net'),
  MAIL_POP3_PORT: z.coerce.number().int().min(1).max(65535).default(995),
  MAIL_SMTP_HOST: z.string().default('mail.example.net'),
  MAIL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
})
  .extend(AuthPolicyEnv.shape)
  .extend(DovecotSyncEnv.shape);

export interface MailEndpoint {
  host: string;
  port: number;
  /** `tls`: encrypted from the first byte (993, 995, 465); `starttls`: upgraded after connecting. */
  security: 'tls' | 'starttls';
}

export type MailServerSettings = Readonly<{ imap: MailEndpoint; pop3: MailEndpoint; smtp: MailEndpoint }>;

export interface MailConfig {
  mailServer: MailServerSettings;
  /** Dovecot's auth policy requests and the login activity they feed. */
  mailPolicy: MailPolicySettings;
  /** The Dovecot servers whose auth cache and sessions every credential change reaches. */
  dovecotSync: DovecotSyncSettings;
}

const securityOf = (port: number): MailEndpoint['security'] => ([993, 995, 465].includes(port) ? 'tls' : 'starttls');

export function mailConfigOf(e: z.infer<typeof MailEnv>): MailConfig {
  return {
    mailServer: Object.freeze({
      imap: { host: e.MAIL_IMAP_HOST, port: e.MAIL_IMAP_PORT, security: securityOf(e.MAIL_IMAP_PORT) },
      pop3: { host: e.MAIL_POP3_HOST, port: e.MAIL_POP3_PORT, security: securityOf(e.MAIL_POP3_PORT) },
      smtp: { host: e.MAIL_SMTP_HOST, port: e.MAIL_SMTP_PORT, security: securityOf(e.MAIL_SMTP_PORT) },
    }),
    mailPolicy: authPolicyConfigOf(e),
    dovecotSync: dovecotSyncConfigOf(e),
  };
}
