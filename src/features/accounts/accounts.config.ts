import { z } from 'zod';
import { envFlag } from '../../platform/env.ts';

/** Logins, sessions, second factor and the master-data confirmation: the accounts part of the environment. */
export const AccountsEnv = z.object({
  MASTER_DATA_CONFIRM_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  STAFF_2FA_REQUIRED: envFlag.default(true),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
});

export interface AccountsConfig {
  masterDataConfirmMonths: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Staff must set up and use TOTP; only a test or an emergency turns this off. */
  staff2faRequired: boolean;
  /** Login and code submissions per minute and client IP, on top of the per-account throttling. */
  loginRateLimitPerMinute: number;
}

export function accountsConfigOf(e: z.infer<typeof AccountsEnv>): AccountsConfig {
  return {
    masterDataConfirmMonths: e.MASTER_DATA_CONFIRM_MONTHS,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    staff2faRequired: e.STAFF_2FA_REQUIRED,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
  };
}
