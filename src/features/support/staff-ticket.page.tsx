import { DomainLabel } from '../contracts/ui.ts';
import type { MailboxDiagnosis } from '../mail/index.ts';
import { DiagnosisFindings, DiagnosisNextStep } from '../mail/ui.ts';
import { describeParty, type PartyNames } from '../audit/ui.ts';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Csrf, ErrorSummary, FormCard, PostButton, SelectField, TextArea } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import type { ActionView, AttachmentMeta, EventView, MessageView } from './ticket.repository.ts';
import type { LinkTargets } from './ticket.service.ts';
import { MAX_BODY, TICKET_CATEGORIES, TICKET_PRIORITIES, staffTargets } from './ticket.model.ts';
import type { StaffName } from './staff-queue.page.tsx';
import {
  AttachmentField,
  CATEGORY_LABEL,
  CHANNEL_LABEL,
  CONTRACT_STATUS_LABEL,
  Conversation,
  EVENT_LABEL,
  LinkedObject,
  PRIORITY_LABEL,
  STAFF_STATE_LABEL,
  StaffSubnav,
  StateBadge,
  labelOf,
  type Ticket,
} from './support.parts.tsx';

export interface StaffTicketData {
  ticket: Ticket;
  /** The staff member looking at it: "Übernehmen" is offered unless the ticket is theirs already. */
  me: number;
  messages: MessageView[];
  attachments: AttachmentMeta[];
  events: EventView[];
  actions: ActionView[];
  targets: LinkTargets;
  staff: StaffName[];
  canned: { id: number; title: string }[];
  /** Why the admin-password action cannot run, or null when it can. */
  actionBlocked: MessageKey | null;
  adminAccount: string | null;
  /** The login diagnosis of the ticket's mailbox, when the ticket is about one. */
  diagnosis: MailboxDiagnosis | null;
  /** The customers and staff the history names. */
  names: PartyNames;
}

function TicketFacts({ ctx, ticket }: { ctx: ViewContext; ticket: Ticket }) {
  const { t, lang } = ctx;
  return (
    <Facts
      class="card"
      items={[
        { label: t('support.state'), value: <StateBadge ctx={ctx} state={ticket.state} labels={STAFF_STATE_LABEL} /> },
        { label: t('support.priority'), value: t(PRIORITY_LABEL[ticket.priority]) },
        { label: t('support.category'), value: t(CATEGORY_LABEL[ticket.category]) },
        { label: t('support.assignee'), value: ticket.assigneeName ?? '–' },
        { label: t('support.linkedTo'), value: <LinkedObject ctx={ctx} ticket={ticket} /> },
        {
          label: t('support.createdAt'),
          value: (
            <>
              <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, lang)}</time> · {t(CHANNEL_LABEL[ticket.channel])}{' '}
              {ticket.authenticated === 1 ? <span class="badge badge-active">{t('support.authenticatedMark')}</span> : <span class="badge">{t('support.staff.unauthenticated')}</span>}
            </>
          ),
        },
      ]}
    />
  );
}

/** The reply to the customer, with a canned reply to start from (a GET form that works without JavaScript). */
function ReplyCard({ ctx, data, form, base }: { ctx: ViewContext; data: StaffTicketData; form: FormState; base: string }) {
  const { t } = ctx;
  const { ticket } = data;
  const states = [ticket.state, ...staffTargets(ticket.state)].filter((s) => s !== 'closed' || ticket.state === 'closed');
  const withState = { ...form, values: { state: form.values.state ?? (states.includes('waiting') ? 'waiting' : ticket.state), ...form.values } };
  return (
    <section class="card" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{t('support.staff.reply')}</h2>
      {data.canned.length > 0 && (
        <form method="get" action={base} class="row canned-picker">
          <label for="f-canned" class="visually-hidden">
            {t('support.staff.canned')}
          </label>
          <select id="f-canned" name="canned">
            <option value="">{t('support.staff.cannedNone')}</option>
            {data.canned.map((reply) => (
              <option value={String(reply.id)}>{showHiddenCharacters(reply.title)}</option>
            ))}
          </select>
          <button type="submit" class="button">
            {t('support.staff.cannedInsert')}
          </button>
        </form>
      )}
      <FormCard ctx={ctx} form={form} action={`${base}/reply`} submit={t('support.staff.replySubmit')} multipart plain>
        <TextArea ctx={ctx} form={form} name="body" label="support.body" required rows={7} maxLength={MAX_BODY} />
        <SelectField ctx={ctx} form={withState} name="state" label="support.staff.replyState" options={states.map((s) => ({ value: s, label: t(STAFF_STATE_LABEL[s]) }))} />
        <AttachmentField ctx={ctx} form={form} />
      </FormCard>
    </section>
  );
}

// The note and the ticket's settings are secondary to the reply: their buttons are plain ones,
// so they are written out here rather than as FormCards (whose button is the page's primary one).
function NoteCard({ ctx, form, base }: { ctx: ViewContext; form: FormState; base: string }) {
  const { t } = ctx;
  return (
    <section class="card note-card" aria-labelledby="note-heading">
      <h2 id="note-heading">{t('support.staff.note')}</h2>
      <p class="hint">{t('support.staff.noteHint')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`${base}/note`} class="form" enctype="multipart/form-data" novalidate>
        <Csrf ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="body" label="support.staff.note" required rows={3} maxLength={MAX_BODY} />
        <button type="submit" class="button">
          {t('support.staff.noteSubmit')}
        </button>
      </form>
    </section>
  );
}

function UpdateCard({ ctx, data, form, base }: { ctx: ViewContext; data: StaffTicketData; form: FormState; base: string }) {
  const { t } = ctx;
  const { ticket } = data;
  return (
    <section class="card" aria-labelledby="update-heading">
      <h2 id="update-heading">{t('support.staff.update')}</h2>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`${base}/update`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <SelectField ctx={ctx} form={form} name="state" label="support.state" options={[ticket.state, ...staffTargets(ticket.state)].map((s) => ({ value: s, label: t(STAFF_STATE_LABEL[s]) }))} />
        <SelectField ctx={ctx} form={form} name="priority" label="support.priority" options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(PRIORITY_LABEL[p]) }))} />
        <SelectField
          ctx={ctx}
          form={form}
          name="assignee"
          label="support.assignee"
          options={[{ value: '', label: t('support.staff.unassigned') }, ...data.staff.map((member) => ({ value: String(member.id), label: member.name }))]}
        />
        <SelectField ctx={ctx} form={form} name="category" label="support.category" options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABEL[c]) }))} />
        <button type="submit" class="button">
          {t('support.staff.updateSubmit')}
        </button>
      </form>
    </section>
  );
}

/** The staff action and what became of earlier runs (revealed, waiting, gone); staff never see the password. */
function ActionsCard({ ctx, data, base }: { ctx: ViewContext; data: StaffTicketData; base: string }) {
  const { t, lang } = ctx;
  return (
    <section class="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('support.staff.actions')}</h2>
      {data.actions.map((action) => (
        <p class="small">
          {t('support.staff.event.action', { to: action.mailAccount })} · <time dateTime={action.createdAt}>{formatDateTime(action.createdAt, lang)}</time>
          {action.staffName ? ` · ${action.staffName}` : ''}:{' '}
          {action.revealedAt
            ? t('support.staff.actionState.revealed', { date: formatDateTime(action.revealedAt, lang) })
            : action.revealable
              ? t('support.staff.actionState.pending', { date: formatDateTime(action.expiresAt, lang) })
              : t('support.staff.actionState.gone')}
        </p>
      ))}
      {data.actionBlocked ? (
        <p class="muted small">{t(data.actionBlocked)}</p>
      ) : (
        <>
          <p class="small">{t('support.staff.actionExplain', { account: data.adminAccount ?? '' })}</p>
          {/* Irreversible: the link leads to the confirmation step, which runs it. */}
          <a class="button primary" href={`${base}/actions/admin-password`}>
            {t('support.staff.actionSetPassword')}
          </a>
        </>
      )}
      <p class="small">{t('support.autoReply.explain')}</p>
      <p>
        <a class="button" href={`${base}/auto-reply`}>
          {t('support.autoReply.action')}
        </a>
      </p>
    </section>
  );
}

function CustomerCard({ ctx, data }: { ctx: ViewContext; data: StaffTicketData }) {
  const { t } = ctx;
  const { ticket } = data;
  const customerName = [ticket.customerFirstName, ticket.customerLastName].filter(Boolean).join(' ') || ticket.customerEmail;
  return (
    <section class="card" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{t('support.staff.customerAtGlance')}</h2>
      <p>
        <a href={`/staff/customers/${ticket.customerNumber}`}>{ticket.customerNumber}</a> · <UserText text={customerName} />
        {ticket.customerCompany && (
          <>
            {' · '}
            <UserText text={ticket.customerCompany} />
          </>
        )}
        <br />
        <span class="small">{ticket.customerEmail}</span>
      </p>
      <h3>{t('support.staff.contracts')}</h3>
      {data.targets.length === 0 ? (
        <p class="muted small">{t('support.staff.noContracts')}</p>
      ) : (
        <ul class="plain small">
          {data.targets.map((contract) => (
            <li>
              <strong>{contract.contractNumber}</strong> · {contract.tariffName} <span class={`badge badge-${contract.status}`}>{t(CONTRACT_STATUS_LABEL[contract.status])}</span>
              <br />
              {contract.domains.map((domain) => (
                <span class="chip">
                  <DomainLabel unicode={domain.nameUnicode} ascii={domain.nameAscii} />
                </span>
              ))}
              {contract.mailAccounts.length > 0 && (
                <>
                  <br />
                  {contract.mailAccounts.map((account) => (
                    <a class="chip" href={`/staff/mail-accounts/${account.id}/diagnose`} aria-label={t('support.staff.diagnoseMailbox', { name: account.name })}>
                      <code>{account.name}</code>
                    </a>
                  ))}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Warum kann ich mich nicht anmelden?" for the ticket's mailbox, as the customer reads it. */
function DiagnosisCard({ ctx, found }: { ctx: ViewContext; found: MailboxDiagnosis }) {
  const { t } = ctx;
  return (
    <section class="card" aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading">{t('support.staff.diagnosis', { mailbox: found.mailbox })}</h2>
      <DiagnosisNextStep ctx={ctx} diagnosis={found.diagnosis} audience={{ kind: 'staff', contractNumber: found.contract.contractNumber }} level={3} />
      <DiagnosisFindings ctx={ctx} diagnosis={found.diagnosis} />
      <p class="small">
        <a href={`/staff/mail-accounts/${found.account.id}/diagnose`}>{t('support.staff.diagnosisFull')}</a>
      </p>
    </section>
  );
}

function HistoryCard({ ctx, data }: { ctx: ViewContext; data: StaffTicketData }) {
  const { t, lang } = ctx;
  const staffName = (id: string) => data.staff.find((member) => String(member.id) === id)?.name ?? `#${id}`;
  // From and to are stored as text: states, priorities and categories by their code, assignees by id.
  const valueOf = (event: EventView, value: string | null) => {
    if (value === null) return '–';
    const label =
      event.kind === 'state' ? labelOf(STAFF_STATE_LABEL, value) : event.kind === 'priority' ? labelOf(PRIORITY_LABEL, value) : event.kind === 'category' ? labelOf(CATEGORY_LABEL, value) : undefined;
    if (label) return t(label);
    return event.kind === 'assignee' ? staffName(value) : value;
  };
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('support.staff.history')}</h2>
      <ol class="plain small history">
        {data.events.map((event) => (
          <li>
            <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time> · {describeParty(t, event.actor, data.names)} ·{' '}
            {t(EVENT_LABEL[event.kind], { from: valueOf(event, event.fromValue), to: valueOf(event, event.toValue) })}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A ticket as staff work it: the conversation with notes, the reply, the staff action, the customer at a glance. */
export function StaffTicketPage(props: { ctx: ViewContext; data: StaffTicketData; replyForm: FormState; noteForm: FormState; updateForm: FormState }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const { ticket } = data;
  const base = `/staff/tickets/${ticket.id}`;
  return (
    <Layout ctx={ctx} title={t('support.ticketTitle', { number: ticket.number })}>
      <StaffSubnav ctx={ctx} />
      <h1>
        {t('support.ticketTitle', { number: ticket.number })}: <UserText text={ticket.subject} />
      </h1>
      <TicketFacts ctx={ctx} ticket={ticket} />
      {ticket.state !== 'closed' && ticket.assigneeId !== data.me && (
        <div class="actions">
          <PostButton ctx={ctx} action={`${base}/take`} class="button primary">
            {t('support.staff.take')}
          </PostButton>
          <span class="small muted">{t(ticket.state === 'new' ? 'support.staff.takeHintNew' : 'support.staff.takeHint')}</span>
        </div>
      )}

      <div class="ticket-layout">
        <div class="ticket-main">
          <h2>{t('support.conversation')}</h2>
          <Conversation ctx={ctx} messages={data.messages} attachments={data.attachments} attachmentBase={`${base}/attachments`} viewer="staff" />
          {data.diagnosis && <DiagnosisCard ctx={ctx} found={data.diagnosis} />}
          {ticket.state !== 'closed' && <ReplyCard ctx={ctx} data={data} form={props.replyForm} base={base} />}
          <NoteCard ctx={ctx} form={props.noteForm} base={base} />
        </div>

        <aside class="ticket-side">
          <ActionsCard ctx={ctx} data={data} base={base} />
          <UpdateCard ctx={ctx} data={data} form={props.updateForm} base={base} />
          <CustomerCard ctx={ctx} data={data} />
          <HistoryCard ctx={ctx} data={data} />
        </aside>
      </div>
    </Layout>
  );
}
