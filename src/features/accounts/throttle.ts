import type { ThrottleRule } from '../../platform/throttle.ts';

/** Failed customer logins per account name (customer number or e-mail, known or not). */
export const ACCOUNT_RULE: ThrottleRule = { scope: 'login-account', limit: 5, windowMs: 15 * 60_000 };
/** Failed logins (customer and staff) per client IP, over all account names. */
export const IP_RULE: ThrottleRule = { scope: 'login-ip', limit: 20, windowMs: 15 * 60_000 };
