import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { FailedLogins } from './login-throttle.ts';

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

/**
 * The card "Fehlgeschlagene Anmeldeversuche" of a security page (the staff user's "Mein Konto",
 * the customer's "Sicherheit", the SupportCenter's security page), linked as `#anmeldeversuche`.
 */
export function FailedLoginsCard({ ctx, failedLogins }: { ctx: ViewContext; failedLogins: FailedLogins }) {
  const { t } = ctx;
  return (
    <section class="card" id="anmeldeversuche">
      <h2>{t('limits.failed.title')}</h2>
      <p class="small muted">{t('limits.failed.intro')}</p>
      <FailedLoginsList ctx={ctx} lines={failedLogins} />
    </section>
  );
}
