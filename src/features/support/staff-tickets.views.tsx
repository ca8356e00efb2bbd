import { DomainLabel } from '../contracts/ui.ts';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import { Csrf, ErrorSummary, PostButton, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { SupportNotificationsTable, TicketState } from './support.tables.ts';
import type { Selectable } from 'kysely';
import type { ActionView, AttachmentMeta, EventView, MessageView, TicketView } from './ticket.repository.ts';
import type { LinkTargets } from './ticket.service.ts';
import type { QueueFilterInput } from './ticket.forms.ts';
import type { SupportSettings } from './support.settings.ts';
import { AttachmentField, Conversation, LinkedObject } from './support.views.tsx';
import { MAX_BODY, MAX_SUBJECT, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATES, staffTargets } from './ticket.model.ts';

type Staff = { id: number; name: string; login: string };
type Ticket = NonNullable<TicketView>;

const stateLabel = (ctx: ViewContext, s: string) => ctx.t(`support.staff.state.${s}` as MessageKey);
const categoryLabel = (ctx: ViewContext, c: string) => ctx.t(`support.category.${c}` as MessageKey);
const priorityLabel = (ctx: ViewContext, p: string) => ctx.t(`support.priority.${p}` as MessageKey);

function StaffSubnav({ ctx }: { ctx: ViewContext }) {
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

export function QueuePage(p: { ctx: ViewContext; filter: QueueFilterInput; tickets: Ticket[]; staff: Staff[] }) {
  const { t, lang } = p.ctx;
  const f = p.filter;
  const option = (value: string, label: string, current: string) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
  return (
    <Layout ctx={p.ctx} title={t('support.staff.queueTitle')}>
      <StaffSubnav ctx={p.ctx} />
      <h1>{t('support.staff.queueTitle')}</h1>
      <form method="get" action="/staff/tickets" class="card form filters" role="search">
        <div class="filter-grid">
          <div class="field">
            <label for="f-q">{t('support.staff.search')}</label>
            <input id="f-q" name="q" type="search" value={f.q} maxLength={100} placeholder={t('support.staff.searchHint')} />
          </div>
          <div class="field">
            <label for="f-state">{t('support.state')}</label>
            <select id="f-state" name="state">
              {option('active', t('support.staff.active'), f.state)}
              {option('all', t('support.staff.allStates'), f.state)}
              {TICKET_STATES.map((s) => option(s, stateLabel(p.ctx, s), f.state))}
            </select>
          </div>
          <div class="field">
            <label for="f-category">{t('support.category')}</label>
            <select id="f-category" name="category">
              {option('', t('support.staff.any'), f.category)}
              {TICKET_CATEGORIES.map((c) => option(c, categoryLabel(p.ctx, c), f.category))}
            </select>
          </div>
          <div class="field">
            <label for="f-priority">{t('support.priority')}</label>
            <select id="f-priority" name="priority">
              {option('', t('support.staff.any'), f.priority)}
              {TICKET_PRIORITIES.map((c) => option(c, priorityLabel(p.ctx, c), f.priority))}
            </select>
          </div>
          <div class="field">
            <label for="f-assignee">{t('support.assignee')}</label>
            <select id="f-assignee" name="assignee">
              {option('', t('support.staff.any'), f.assignee)}
              {option('me', t('support.staff.me'), f.assignee)}
              {option('none', t('support.staff.nobody'), f.assignee)}
              {p.staff.map((s) => option(String(s.id), s.name, f.assignee))}
            </select>
          </div>
        </div>
        <button type="submit" class="button primary">
          {t('support.staff.filter')}
        </button>
      </form>
      {p.tickets.length === 0 ? (
        <p class="muted">{t('support.staff.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact queue">
            <thead>
              <tr>
                <th scope="col">{t('support.number')}</th>
                <th scope="col">{t('support.subject')}</th>
                <th scope="col">{t('support.staff.customer')}</th>
                <th scope="col">{t('support.category')}</th>
                <th scope="col">{t('support.state')}</th>
                <th scope="col">{t('support.priority')}</th>
                <th scope="col">{t('support.assignee')}</th>
                <th scope="col">{t('support.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tickets.map((ticket) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/tickets/${ticket.id}`}>{ticket.number}</a>
                  </th>
                  <td>
                    <UserText text={ticket.subject} />
                    {ticket.authenticated !== 1 && <span class="badge"> {t('support.staff.unauthenticated')}</span>}
                  </td>
                  <td>{ticket.customerNumber}</td>
                  <td>{categoryLabel(p.ctx, ticket.category)}</td>
                  <td>
                    <span class={`badge badge-ticket-${ticket.state}`}>{stateLabel(p.ctx, ticket.state)}</span>
                  </td>
                  <td>
                    <span class={`badge badge-priority-${ticket.priority}`}>{priorityLabel(p.ctx, ticket.priority)}</span>
                  </td>
                  <td>{ticket.assigneeName ?? '–'}</td>
                  <td>
                    <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface StaffTicketData {
  ticket: Ticket;
  messages: MessageView[];
  attachments: AttachmentMeta[];
  events: EventView[];
  actions: ActionView[];
  targets: LinkTargets;
  staff: Staff[];
  canned: { id: number; title: string }[];
  /** Why the admin-password action cannot run, or null when it can. */
  actionBlocked: MessageKey | null;
  adminAccount: string | null;
}

export function StaffTicketPage(p: { ctx: ViewContext; data: StaffTicketData; replyForm: FormState; noteForm: FormState; updateForm: FormState }) {
  const { t, lang } = p.ctx;
  const { ticket } = p.data;
  const base = `/staff/tickets/${ticket.id}`;
  const staffName = (id: string | null) => (id === null ? '–' : (p.data.staff.find((s) => String(s.id) === id)?.name ?? `#${id}`));
  const eventText = (e: EventView) => {
    const key = `support.staff.event.${e.kind}` as MessageKey;
    const show = (v: string | null) =>
      v === null ? '–' : e.kind === 'state' ? stateLabel(p.ctx, v) : e.kind === 'priority' ? priorityLabel(p.ctx, v) : e.kind === 'category' ? categoryLabel(p.ctx, v) : e.kind === 'assignee' ? staffName(v) : v;
    return t(key, { from: show(e.fromValue), to: show(e.toValue) });
  };
  const customerName = [ticket.customerFirstName, ticket.customerLastName].filter(Boolean).join(' ') || ticket.customerEmail;
  const replyStates = [ticket.state, ...staffTargets(ticket.state as TicketState)].filter((s) => s !== 'closed' || ticket.state === 'closed');
  return (
    <Layout ctx={p.ctx} title={t('support.ticketTitle', { number: ticket.number })}>
      <StaffSubnav ctx={p.ctx} />
      <h1>
        {t('support.ticketTitle', { number: ticket.number })}: <UserText text={ticket.subject} />
      </h1>
      <dl class="facts card">
        <div>
          <dt>{t('support.state')}</dt>
          <dd>
            <span class={`badge badge-ticket-${ticket.state}`}>{stateLabel(p.ctx, ticket.state)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('support.priority')}</dt>
          <dd>{priorityLabel(p.ctx, ticket.priority)}</dd>
        </div>
        <div>
          <dt>{t('support.category')}</dt>
          <dd>{categoryLabel(p.ctx, ticket.category)}</dd>
        </div>
        <div>
          <dt>{t('support.assignee')}</dt>
          <dd>{ticket.assigneeName ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('support.linkedTo')}</dt>
          <dd>
            <LinkedObject ctx={p.ctx} ticket={ticket} />
          </dd>
        </div>
        <div>
          <dt>{t('support.createdAt')}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, lang)}</time> · {t(`support.channel.${ticket.channel}` as MessageKey)}{' '}
            {ticket.authenticated === 1 ? <span class="badge badge-active">{t('support.authenticatedMark')}</span> : <span class="badge">{t('support.staff.unauthenticated')}</span>}
          </dd>
        </div>
      </dl>

      <div class="ticket-layout">
        <div class="ticket-main">
          <h2>{t('support.conversation')}</h2>
          <Conversation ctx={p.ctx} messages={p.data.messages} attachments={p.data.attachments} attachmentBase={`${base}/attachments`} viewer="staff" />

          {ticket.state !== 'closed' && (
            <section class="card" aria-labelledby="reply-heading">
              <h2 id="reply-heading">{t('support.staff.reply')}</h2>
              {p.data.canned.length > 0 && (
                <form method="get" action={base} class="row canned-picker">
                  <label for="f-canned" class="visually-hidden">
                    {t('support.staff.canned')}
                  </label>
                  <select id="f-canned" name="canned">
                    <option value="">{t('support.staff.cannedNone')}</option>
                    {p.data.canned.map((c) => (
                      <option value={String(c.id)}>{showHiddenCharacters(c.title)}</option>
                    ))}
                  </select>
                  <button type="submit" class="button">
                    {t('support.staff.cannedInsert')}
                  </button>
                </form>
              )}
              <ErrorSummary ctx={p.ctx} form={p.replyForm} />
              <form method="post" action={`${base}/reply`} class="form" enctype="multipart/form-data" novalidate>
                <Csrf ctx={p.ctx} />
                <TextArea ctx={p.ctx} form={p.replyForm} name="body" label="support.body" required rows={7} maxLength={MAX_BODY} />
                <SelectField
                  ctx={p.ctx}
                  form={{ ...p.replyForm, values: { state: p.replyForm.values.state ?? (replyStates.includes('waiting') ? 'waiting' : ticket.state), ...p.replyForm.values } }}
                  name="state"
                  label="support.staff.replyState"
                  options={replyStates.map((s) => ({ value: s, label: stateLabel(p.ctx, s) }))}
                />
                <AttachmentField ctx={p.ctx} form={p.replyForm} />
                <button type="submit" class="button primary">
                  {t('support.staff.replySubmit')}
                </button>
              </form>
            </section>
          )}

          <section class="card note-card" aria-labelledby="note-heading">
            <h2 id="note-heading">{t('support.staff.note')}</h2>
            <p class="hint">{t('support.staff.noteHint')}</p>
            <ErrorSummary ctx={p.ctx} form={p.noteForm} />
            <form method="post" action={`${base}/note`} class="form" enctype="multipart/form-data" novalidate>
              <Csrf ctx={p.ctx} />
              <TextArea ctx={p.ctx} form={p.noteForm} name="body" label="support.staff.note" required rows={3} maxLength={MAX_BODY} />
              <button type="submit" class="button">
                {t('support.staff.noteSubmit')}
              </button>
            </form>
          </section>
        </div>

        <aside class="ticket-side">
          <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t('support.staff.actions')}</h2>
            {p.data.actions.map((a) => (
              <p class="small">
                {t('support.staff.event.action', { to: a.mailAccount })} · <time dateTime={a.createdAt}>{formatDateTime(a.createdAt, lang)}</time>
                {a.staffName ? ` · ${a.staffName}` : ''}:{' '}
                {a.revealedAt
                  ? t('support.staff.actionState.revealed', { date: formatDateTime(a.revealedAt, lang) })
                  : a.revealable
                    ? t('support.staff.actionState.pending', { date: formatDateTime(a.expiresAt, lang) })
                    : t('support.staff.actionState.gone')}
              </p>
            ))}
            {p.data.actionBlocked ? (
              <p class="muted small">{t(p.data.actionBlocked)}</p>
            ) : (
              <>
                <p class="small">{t('support.staff.actionExplain', { account: p.data.adminAccount ?? '' })}</p>
                <PostButton ctx={p.ctx} action={`${base}/actions/admin-password`} class="button primary">
                  {t('support.staff.actionSetPassword')}
                </PostButton>
              </>
            )}
          </section>

          <section class="card" aria-labelledby="update-heading">
            <h2 id="update-heading">{t('support.staff.update')}</h2>
            <ErrorSummary ctx={p.ctx} form={p.updateForm} />
            <form method="post" action={`${base}/update`} class="form" novalidate>
              <Csrf ctx={p.ctx} />
              <SelectField ctx={p.ctx} form={p.updateForm} name="state" label="support.state" options={[ticket.state, ...staffTargets(ticket.state as TicketState)].map((s) => ({ value: s, label: stateLabel(p.ctx, s) }))} />
              <SelectField ctx={p.ctx} form={p.updateForm} name="priority" label="support.priority" options={TICKET_PRIORITIES.map((s) => ({ value: s, label: priorityLabel(p.ctx, s) }))} />
              <SelectField
                ctx={p.ctx}
                form={p.updateForm}
                name="assignee"
                label="support.assignee"
                options={[{ value: '', label: t('support.staff.unassigned') }, ...p.data.staff.map((s) => ({ value: String(s.id), label: s.name }))]}
              />
              <SelectField ctx={p.ctx} form={p.updateForm} name="category" label="support.category" options={TICKET_CATEGORIES.map((s) => ({ value: s, label: categoryLabel(p.ctx, s) }))} />
              <button type="submit" class="button">
                {t('support.staff.updateSubmit')}
              </button>
            </form>
          </section>

          <section class="card" aria-labelledby="customer-heading">
            <h2 id="customer-heading">{t('support.staff.customerAtGlance')}</h2>
            <p>
              <a href={`/staff/customers/${ticket.customerNumber}`}>{ticket.customerNumber}</a> · <UserText text={customerName} />
              {ticket.customerCompany ? (
                <>
                  {' · '}
                  <UserText text={ticket.customerCompany} />
                </>
              ) : (
                ''
              )}
              <br />
              <span class="small">{ticket.customerEmail}</span>
            </p>
            <h3>{t('support.staff.contracts')}</h3>
            {p.data.targets.length === 0 ? (
              <p class="muted small">{t('support.staff.noContracts')}</p>
            ) : (
              <ul class="plain small">
                {p.data.targets.map((c) => (
                  <li>
                    <strong>{c.contractNumber}</strong> · {c.tariffName} <span class={`badge badge-${c.status}`}>{t(`contract.status.${c.status}` as MessageKey)}</span>
                    <br />
                    {c.domains.map((d) => (
                      <span class="chip">
                        <DomainLabel unicode={d.nameUnicode} ascii={d.nameAscii} />
                      </span>
                    ))}
                    {c.mailAccounts.length > 0 && (
                      <>
                        <br />
                        {c.mailAccounts.map((a) => (
                          <span class="chip">
                            <code>{a.name}</code>
                          </span>
                        ))}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('support.staff.history')}</h2>
            <ol class="plain small history">
              {p.data.events.map((e) => (
                <li>
                  <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · <code>{e.actor}</code> · {eventText(e)}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </Layout>
  );
}

export function CannedRepliesPage(p: { ctx: ViewContext; replies: { id: number; title: string; body: string }[]; form: FormState }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.staff.cannedTitle')}>
      <StaffSubnav ctx={p.ctx} />
      <h1>{t('support.staff.cannedTitle')}</h1>
      {p.replies.length === 0 ? (
        <p class="muted">{t('support.staff.cannedEmpty')}</p>
      ) : (
        <ul class="plain">
          {p.replies.map((r) => (
            <li>
              <strong>
                <UserText text={r.title} />
              </strong>
              <div class="message-body small">
                <UserText text={r.body} />
              </div>
              <PostButton ctx={p.ctx} action={`/staff/tickets/canned/${r.id}/delete`} class="button danger">
                {t('support.staff.cannedDelete')}
              </PostButton>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('support.staff.cannedAdd')}</h2>
      <ErrorSummary ctx={p.ctx} form={p.form} />
      <form method="post" action="/staff/tickets/canned" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <TextField ctx={p.ctx} form={p.form} name="title" label="support.staff.cannedName" required maxLength={100} />
        <p class="hint">{t('support.staff.cannedHint')}</p>
        <TextArea ctx={p.ctx} form={p.form} name="body" label="support.staff.cannedText" required rows={5} maxLength={MAX_BODY} />
        <button type="submit" class="button primary">
          {t('support.staff.cannedAdd')}
        </button>
      </form>
    </Layout>
  );
}

export function OutboxPage(p: { ctx: ViewContext; notifications: Selectable<SupportNotificationsTable>[] }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.staff.outboxTitle')}>
      <StaffSubnav ctx={p.ctx} />
      <h1>{t('support.staff.outboxTitle')}</h1>
      <p class="lead">{t('support.staff.outboxIntro')}</p>
      {p.notifications.length === 0 ? (
        <p class="muted">{t('support.staff.outboxNone')}</p>
      ) : (
        <ul class="plain outbox">
          {p.notifications.map((n) => (
            <li>
              <p>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, lang)}</time> · {t('support.staff.recipient')}: {n.recipient || t('support.staff.noRecipient')} ·{' '}
                <span class="badge">{t(`support.staff.status.${n.status}` as MessageKey)}</span>
                {n.error ? ` · ${n.error}` : ''}
              </p>
              <p>
                <strong>
                  <UserText text={n.subject} />
                </strong>
              </p>
              <div class="message-body small">
                <UserText text={n.body} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function SettingsPage(p: { ctx: ViewContext; settings: SupportSettings; form: FormState }) {
  const { t } = p.ctx;
  const values = { autoCloseDays: String(p.settings.autoCloseDays), notifyTo: p.settings.notifyTo, ...p.form.values };
  const checked = p.form.values.selfService !== undefined || Object.keys(p.form.values).length > 0 ? p.form.values.selfService === 'on' : p.settings.selfServiceAdminPassword;
  return (
    <Layout ctx={p.ctx} title={t('support.staff.settingsTitle')}>
      <StaffSubnav ctx={p.ctx} />
      <h1>{t('support.staff.settingsTitle')}</h1>
      <ErrorSummary ctx={p.ctx} form={p.form} />
      <form method="post" action="/staff/tickets/settings" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <div class="field checkbox">
          <input id="f-selfService" type="checkbox" name="selfService" value="on" checked={checked} />{' '}
          <label for="f-selfService">{t('support.staff.settingSelfService')}</label>
        </div>
        <TextField ctx={p.ctx} form={{ ...p.form, values }} name="autoCloseDays" label="support.staff.settingAutoClose" inputMode="numeric" maxLength={3} />
        <TextField ctx={p.ctx} form={{ ...p.form, values }} name="notifyTo" label="support.staff.settingNotifyTo" type="email" maxLength={200} />
        <button type="submit" class="button primary">
          {t('support.staff.settingsSave')}
        </button>
      </form>
    </Layout>
  );
}

export function EmailTicketPage(p: { ctx: ViewContext; form: FormState }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.staff.emailTicketTitle')}>
      <StaffSubnav ctx={p.ctx} />
      <h1>{t('support.staff.emailTicketTitle')}</h1>
      <p class="lead">{t('support.staff.emailTicketIntro')}</p>
      <ErrorSummary ctx={p.ctx} form={p.form} />
      <form method="post" action="/staff/tickets/new" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <TextField ctx={p.ctx} form={p.form} name="customer" label="support.staff.emailCustomer" required inputMode="numeric" maxLength={12} />
        <TextField ctx={p.ctx} form={p.form} name="contract" label="support.staff.emailContract" inputMode="numeric" maxLength={12} />
        <SelectField
          ctx={p.ctx}
          form={p.form}
          name="category"
          label="support.category"
          options={TICKET_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(p.ctx, c) }))}
        />
        <TextField ctx={p.ctx} form={p.form} name="subject" label="support.subject" required maxLength={MAX_SUBJECT} />
        <TextArea ctx={p.ctx} form={p.form} name="body" label="support.staff.emailBody" required rows={8} maxLength={MAX_BODY} />
        <button type="submit" class="button primary">
          {t('support.staff.emailSubmit')}
        </button>
      </form>
    </Layout>
  );
}
