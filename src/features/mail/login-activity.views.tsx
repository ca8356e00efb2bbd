import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { ContractLoginActivity, FailureSummary, MailLoginActivity } from './login-activity.service.ts';
import type { MailLoginFailureReason, MailProtocol } from './login-activity.tables.ts';

const PROTOCOL_NAMES: Record<MailProtocol, string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };

const REASONS: Record<MailLoginFailureReason, MessageKey> = {
  password: 'mail.activity.reason.password',
  unknown: 'mail.activity.reason.unknown',
  inactive: 'mail.activity.reason.inactive',
  protocol: 'mail.activity.reason.protocol',
  throttled: 'mail.activity.reason.throttled',
};

/** "IMAP: zuletzt erfolgreich am 01.12.2026, 09:14 von 203.0.113.7 (verschlüsselt)", one line per protocol. */
function SuccessLines({ ctx, activity }: { ctx: ViewContext; activity: MailLoginActivity }) {
  const { t, lang } = ctx;
  return (
    <ul class="login-activity">
      {activity.protocols.map(({ protocol, lastSuccess: s }) => (
        <li data-protocol={protocol}>
          {s
            ? t('mail.activity.success', { protocol: PROTOCOL_NAMES[protocol], time: formatDateTime(s.at, lang), address: s.clientAddress || '–', security: t(s.tls ? 'mail.activity.tls' : 'mail.activity.plain') })
            : t('mail.activity.never', { protocol: PROTOCOL_NAMES[protocol] })}
        </li>
      ))}
    </ul>
  );
}

/** "3 fehlgeschlagene Anmeldungen (falsches Passwort) über IMAP von 127.0.0.1, zuletzt am …", newest first. */
function FailureLines({ ctx, failures, withLogin = false }: { ctx: ViewContext; failures: FailureSummary[]; withLogin?: boolean }) {
  const { t, lang } = ctx;
  if (failures.length === 0) return <p class="muted">{t('mail.activity.noFailures')}</p>;
  return (
    <ul class="login-activity failed">
      {failures.map((f) => {
        const params = { count: f.failures, reason: t(REASONS[f.reason]), protocol: PROTOCOL_NAMES[f.protocol], address: f.clientAddress || '–', time: formatDateTime(f.lastAt, lang), login: f.login };
        const key: MessageKey = withLogin ? (f.failures === 1 ? 'mail.activity.unknown.one' : 'mail.activity.unknown') : f.failures === 1 ? 'mail.activity.failed.one' : 'mail.activity.failed';
        return (
          <li data-reason={f.reason} data-last={f.lastAt}>
            {t(key, params)}
          </li>
        );
      })}
    </ul>
  );
}

/** The card on a mailbox page (E-Mail-Administration, the mailbox user's own page). */
export function LoginActivitySection({ ctx, activity }: { ctx: ViewContext; activity: MailLoginActivity }) {
  return (
    <section class="card" id="mailprogramme" aria-labelledby="mailprogramme-title">
      <h2 id="mailprogramme-title">{ctx.t('mail.activity.title')}</h2>
      <p class="small muted">{ctx.t('mail.activity.intro')}</p>
      <SuccessLines ctx={ctx} activity={activity} />
      <h3>{ctx.t('mail.activity.failedTitle')}</h3>
      <FailureLines ctx={ctx} failures={activity.failures} />
    </section>
  );
}

/** For the staff customer view: each account's activity and the unknown names tried under one contract, folded. */
export function ContractLoginActivityDetails({ ctx, activity }: { ctx: ViewContext; activity: ContractLoginActivity | undefined }) {
  if (!activity || (activity.accounts.length === 0 && activity.unknownNames.length === 0)) return null;
  return (
    <details class="login-activity-contract">
      <summary>{ctx.t('mail.activity.title')}</summary>
      {activity.accounts.map((a) => (
        <div class="login-activity-account">
          <h3>
            <code>{a.name}</code>
          </h3>
          <SuccessLines ctx={ctx} activity={a.activity} />
          <FailureLines ctx={ctx} failures={a.activity.failures.slice(0, 10)} />
        </div>
      ))}
      {activity.unknownNames.length > 0 && (
        <div class="login-activity-account">
          <h3>{ctx.t('mail.activity.unknownTitle')}</h3>
          <FailureLines ctx={ctx} failures={activity.unknownNames.slice(0, 10)} withLogin />
        </div>
      )}
    </details>
  );
}
