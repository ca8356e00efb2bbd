import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime, type MessageKey, type Translate } from '../../platform/views/i18n.ts';
import { minutesOf } from '../../platform/throttle.ts';
import type { FailedLogins } from './login-throttle.ts';

/** "30 Sekunden", "1 Minute", "4 Minuten": how long to wait, never zero. */
export function waitText(t: Translate, waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds < 120) return t('limits.wait.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('limits.wait.minute') : t('limits.wait.minutes', { count: minutes });
}

/** The owner's failed attempts: one line per burst and address ("N fehlgeschlagene Anmeldeversuche von …"). */
export function FailedLoginsList({ ctx, lines }: { ctx: ViewContext; lines: FailedLogins }) {
  const { t, lang } = ctx;
  if (lines.length === 0) return <p class="muted">{t('limits.failed.none')}</p>;
  return (
    <ul class="failed-logins">
      {lines.map((line) => {
        const key = line.kind === 'code' ? (line.failures === 1 ? 'limits.failed.code.one' : 'limits.failed.code') : line.failures === 1 ? 'limits.failed.password.one' : 'limits.failed.password';
        return (
          <li data-last={line.lastAt}>{t(key, { count: line.failures, address: line.address, time: formatDateTime(line.lastAt, lang) })}</li>
        );
      })}
    </ul>
  );
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
