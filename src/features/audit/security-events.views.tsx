import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime, type MessageKey, type Translate } from '../../platform/views/i18n.ts';
import { isAuditEventCode } from './audit-events.ts';

/** An audit entry as its owner sees it. */
export interface SecurityEvent {
  at: string;
  event: string;
  ip: string | null;
  /** JSON, as stored in the audit log. */
  details: string;
}

const ENDED_BECAUSE: Record<string, MessageKey> = {
  password: 'audit.because.password',
  two_factor: 'audit.because.twoFactor',
  backup_codes: 'audit.because.backupCodes',
  app_password: 'audit.because.appPassword',
  deactivated: 'audit.because.deactivated',
};

function detailsOf(e: SecurityEvent): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(e.details);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An audit entry in plain words; an event without its own text is named generally, never by its code. */
export function describeSecurityEvent(t: Translate, e: SecurityEvent): string {
  if (e.event === 'sessions.ended') {
    const details = detailsOf(e);
    const credential = typeof details.credential === 'string' && Object.hasOwn(ENDED_BECAUSE, details.credential) ? details.credential : 'password';
    const count = Number.isSafeInteger(details.sessions) ? Number(details.sessions) : 1;
    return t('audit.sessionsEnded', { count, because: t(ENDED_BECAUSE[credential]!) });
  }
  // Every recorded code has its text (a missing one does not compile); a code of an older
  // version that no longer exists is named generally.
  return isAuditEventCode(e.event) ? t(`audit.event.${e.event}`) : t('audit.otherEvent');
}

/** The owner's security events, newest first: when, what, from where. */
export function SecurityEventsTable(p: { ctx: ViewContext; events: SecurityEvent[] }) {
  const { t, lang } = p.ctx;
  if (p.events.length === 0) return <p class="muted">{t('audit.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="table compact">
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {p.events.map((e) => (
            <tr>
              <td>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              </td>
              <td>{describeSecurityEvent(t, e)}</td>
              <td>{e.ip ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
