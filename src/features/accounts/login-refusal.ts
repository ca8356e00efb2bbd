import type { MessageKey, Translate } from '../../platform/views/i18n.ts';
import { minutesOf } from '../../platform/throttle.ts';

/** "30 Sekunden", "1 Minute", "4 Minuten": how long to wait, never zero. */
export function waitText(t: Translate, waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds < 120) return t('limits.wait.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('limits.wait.minute') : t('limits.wait.minutes', { count: minutes });
}

type Refusal = { limit: 'strict' | 'account'; waitMs: number };

/** What a refused attempt says: a lockout of this address in minutes, or the account's pace with its wait. */
export function refusalMessage(t: Translate, refusal: Refusal, door: 'login' | 'code' | 'reset'): { key: MessageKey; params?: Record<string, string | number> } {
  if (refusal.limit === 'account') {
    const key = door === 'code' ? 'limits.code.friction' : door === 'reset' ? 'limits.reset.friction' : 'limits.login.friction';
    return { key, params: { wait: waitText(t, refusal.waitMs) } };
  }
  if (door === 'reset') return { key: 'error.tooManyRequests' };
  return { key: door === 'code' ? 'twoFactor.throttled' : 'login.throttled', params: { minutes: minutesOf(refusal.waitMs) } };
}
