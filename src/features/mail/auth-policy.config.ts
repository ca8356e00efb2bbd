import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Dovecot's auth policy requests (auth-policy.routes.ts): the shared secret the generated Dovecot
 * configuration carries, the addresses they may come from, and how long login activity is kept.
 */
/** Where Dovecot sends its auth policy requests (`auth_policy_server_url`, server-config.ts). */
export const AUTH_POLICY_PATH = '/api/mail/dovecot-policy';

export const AuthPolicyEnv = z.object({
  /** Without it the endpoint answers 404 and `hostdesk mail-config dovecot --app-url` refuses to run. */
  MAIL_POLICY_SECRET: z
    .string()
    .min(32)
    .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: 'letters, digits and ._~+/=- only (e.g. openssl rand -hex 32)' })
    .optional(),
  /** Comma-separated IP addresses of the mail servers; empty: any address with the secret. */
  MAIL_POLICY_ALLOWED_ADDRESSES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((a) => isIP(a) !== 0), { message: 'must be comma-separated IP addresses' }),
  MAIL_LOGIN_ACTIVITY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export interface MailPolicySettings {
  secret: string | undefined;
  allowedAddresses: readonly string[];
  activityDays: number;
}

export function authPolicyConfigOf(e: z.infer<typeof AuthPolicyEnv>): MailPolicySettings {
  return Object.freeze({ secret: e.MAIL_POLICY_SECRET, allowedAddresses: Object.freeze([...e.MAIL_POLICY_ALLOWED_ADDRESSES]), activityDays: e.MAIL_LOGIN_ACTIVITY_DAYS });
}
