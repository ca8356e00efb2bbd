import type { ContractStatus } from '../contracts/index.ts';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { NotificationStatus, TicketCategory, TicketChannel, TicketEventKind, TicketPriority, TicketState } from './support.tables.ts';
import type { AttachmentMeta, MessageView, TicketView } from './ticket.repository.ts';
import { ALLOWED_EXTENSIONS } from './attachments.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './ticket.model.ts';

/** Parts the SupportCenter's pages share, customer and staff side. */

export type Ticket = NonNullable<TicketView>;

/** A ticket's state as the customer reads it ("Wartet auf Ihre Antwort"). */
export const STATE_LABEL: Record<TicketState, MessageKey> = {
  new: 'support.state.new',
  open: 'support.state.open',
  waiting: 'support.state.waiting',
  resolved: 'support.state.resolved',
  closed: 'support.state.closed',
};

/** The same states as staff read them ("Wartet auf Kunde"). */
export const STAFF_STATE_LABEL: Record<TicketState, MessageKey> = {
  new: 'support.staff.state.new',
  open: 'support.staff.state.open',
  waiting: 'support.staff.state.waiting',
  resolved: 'support.staff.state.resolved',
  closed: 'support.staff.state.closed',
};

export const CATEGORY_LABEL: Record<TicketCategory, MessageKey> = {
  admin_password: 'support.category.admin_password',
  email: 'support.category.email',
  domain: 'support.category.domain',
  contract: 'support.category.contract',
  other: 'support.category.other',
};

export const PRIORITY_LABEL: Record<TicketPriority, MessageKey> = {
  low: 'support.priority.low',
  normal: 'support.priority.normal',
  high: 'support.priority.high',
  urgent: 'support.priority.urgent',
};

export const CHANNEL_LABEL: Record<TicketChannel, MessageKey> = {
  web: 'support.channel.web',
  email: 'support.channel.email',
};

export const EVENT_LABEL: Record<TicketEventKind, MessageKey> = {
  created: 'support.staff.event.created',
  state: 'support.staff.event.state',
  priority: 'support.staff.event.priority',
  assignee: 'support.staff.event.assignee',
  category: 'support.staff.event.category',
  note: 'support.staff.event.note',
  action: 'support.staff.event.action',
  reveal: 'support.staff.event.reveal',
  auto_reply: 'support.staff.event.auto_reply',
};

export const NOTIFICATION_STATUS_LABEL: Record<NotificationStatus, MessageKey> = {
  sent: 'support.staff.status.sent',
  outbox: 'support.staff.status.outbox',
  failed: 'support.staff.status.failed',
};

export const CONTRACT_STATUS_LABEL: Record<ContractStatus, MessageKey> = {
  active: 'contract.status.active',
  suspended: 'contract.status.suspended',
  cancelled: 'contract.status.cancelled',
};

/** The label of a value stored as plain text (a history entry's from/to), if it is one of the map's. */
export function labelOf<Value extends string>(labels: Record<Value, MessageKey>, value: string): MessageKey | undefined {
  return Object.hasOwn(labels, value) ? labels[value as Value] : undefined;
}

export function StateBadge({ ctx, state, labels = STATE_LABEL }: { ctx: ViewContext; state: TicketState; labels?: Record<TicketState, MessageKey> }) {
  return <span class={`badge badge-ticket-${state}`}>{ctx.t(labels[state])}</span>;
}

/** "← SupportCenter" above the customer's pages. */
export function BackToSupport({ ctx }: { ctx: ViewContext }) {
  return (
    <p class="small">
      <a href="/support">← {ctx.t('support.title')}</a>
    </p>
  );
}

export function AttachmentField({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  const error = form.errors.attachments;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for="f-attachments">{t('support.attachments')}</label>
      <p class="hint" id="f-attachments-hint">
        {t('support.attachmentsHint', { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024, types: ALLOWED_EXTENSIONS.join(', ') })}
      </p>
      {error && (
        <p class="field-error" id="f-attachments-error">
          {t(error.key, error.params)}
        </p>
      )}
      <input
        id="f-attachments"
        name="attachments"
        type="file"
        multiple
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
        aria-describedby={error ? 'f-attachments-hint f-attachments-error' : 'f-attachments-hint'}
      />
    </div>
  );
}

/** What the ticket is about: a mailbox, a domain (with its punycode where it differs), a contract, or nothing. */
export function LinkedObject({ ctx, ticket }: { ctx: ViewContext; ticket: Ticket }) {
  const { t } = ctx;
  if (ticket.mailAccountName) return <>{t('support.linkMail', { name: ticket.mailAccountName })}</>;
  if (ticket.domainName) return <>{t('support.linkDomain', { domain: ticket.domainName !== ticket.domainAscii ? `${ticket.domainName} (${ticket.domainAscii})` : ticket.domainName })}</>;
  if (ticket.contractNumber) return <>{t('support.linkContract', { number: ticket.contractNumber, tariff: '' }).replace(' ()', '')}</>;
  return <>–</>;
}

export function Conversation(props: { ctx: ViewContext; messages: MessageView[]; attachments: AttachmentMeta[]; attachmentBase: string; viewer: 'customer' | 'staff' }) {
  const { t, lang } = props.ctx;
  const authorOf = (message: MessageView) => {
    if (message.authorKind === 'customer') return props.viewer === 'customer' ? t('support.you') : t('support.staff.customer');
    if (message.authorKind === 'staff') return message.staffName ? t('support.staffAuthor', { name: message.staffName }) : t('support.staffAuthorAnon');
    return t('support.systemAuthor');
  };
  return (
    <ol class="conversation">
      {props.messages.map((message) => {
        const files = props.attachments.filter((a) => a.messageId === message.id);
        return (
          <li class={`message message-${message.authorKind}${message.internal ? ' message-internal' : ''}`} id={`m-${message.id}`}>
            <p class="message-meta">
              <strong>{authorOf(message)}</strong> · <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, lang)}</time> · {t(CHANNEL_LABEL[message.channel])}
              {message.authenticated === 1 && (
                <>
                  {' '}
                  <span class="badge badge-active" title={t('support.authenticatedHint')}>
                    {t('support.authenticatedMark')}
                  </span>
                </>
              )}
              {message.internal === 1 && (
                <>
                  {' '}
                  <span class="badge badge-internal">{t('support.staff.internal')}</span>
                </>
              )}
            </p>
            <div class="message-body">
              <UserText text={message.body} />
            </div>
            {files.length > 0 && (
              <ul class="attachments">
                {files.map((file) => (
                  <li>
                    <a href={`${props.attachmentBase}/${file.id}`} download={showHiddenCharacters(file.filename)}>
                      <UserText text={file.filename} />
                    </a>{' '}
                    <span class="muted small">({t('support.bytes', { size: Math.max(1, Math.round(file.size / 1024)) })})</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The staff pages' own links: queue, e-mail ticket, canned replies, outbox, and the settings for admins. */
export function StaffSubnav({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const links: [string, MessageKey][] = [
    ['/staff/tickets', 'support.staff.queueTitle'],
    ['/staff/tickets/new', 'support.staff.emailTicketTitle'],
    ['/staff/tickets/canned', 'support.staff.cannedTitle'],
    ['/staff/tickets/outbox', 'support.staff.outboxTitle'],
  ];
  if (ctx.viewer?.kind === 'staff' && ctx.viewer.role === 'admin') links.push(['/staff/tickets/settings', 'support.staff.settingsTitle']);
  return (
    <nav class="subnav" aria-label={t('support.staff.links')}>
      <ul class="action-links">
        {links.map(([href, key]) => (
          <li>
            <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
