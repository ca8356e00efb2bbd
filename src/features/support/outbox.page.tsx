import type { Selectable } from 'kysely';
import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import type { SupportNotificationsTable } from './support.tables.ts';
import { NOTIFICATION_STATUS_LABEL, StaffSubnav } from './support.parts.tsx';

/** Notifications as they were sent, or filed when no SMTP server is set up: links, never secrets. */
export function OutboxPage({ ctx, notifications }: { ctx: ViewContext; notifications: Selectable<SupportNotificationsTable>[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.staff.outboxTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.outboxTitle')}</h1>
      <p class="lead">{t('support.staff.outboxIntro')}</p>
      {notifications.length === 0 ? (
        <p class="muted">{t('support.staff.outboxNone')}</p>
      ) : (
        <ul class="plain outbox">
          {notifications.map((notification) => (
            <li>
              <p>
                <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt, lang)}</time> · {t('support.staff.recipient')}:{' '}
                {notification.recipient || t('support.staff.noRecipient')} · <span class="badge">{t(NOTIFICATION_STATUS_LABEL[notification.status])}</span>
                {notification.error ? ` · ${notification.error}` : ''}
              </p>
              <p>
                <strong>
                  <UserText text={notification.subject} />
                </strong>
              </p>
              <div class="message-body small">
                <UserText text={notification.body} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
