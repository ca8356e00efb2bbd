import { PostgresAdapter } from 'kysely';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import { inTransaction, type Db } from '../../platform/db/index.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import type { TicketCategory, TicketChannel, TicketPriority, TicketState } from './support.tables.ts';
import { DomainError } from '../../platform/errors.ts';
import { translator } from '../../platform/views/i18n.ts';
import { findCustomerByNumber, getStaffUser } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import { listMailAccountsOfContracts } from '../mail/index.ts';
import { checkAttachments, type Upload } from './attachments.ts';
import { nextTicketNumber } from './ticket-number.ts';
import { canStaffMove, isOpenForReplies, stateAfterCustomerReply } from './ticket.model.ts';
import * as repo from './ticket.repository.ts';
import { supportPolicy } from './support.policies.ts';
import { getSupportSettings } from './support.settings.ts';

/** How notifications leave: the mailer, and the portal address their links point to. */
export interface Notifier {
  mailer: Mailer;
  publicUrl: string;
  /** Without it the mailer only files the message, and it stays in the outbox for staff to read. */
  smtpUrl: string | undefined;
}

/** Everything of a customer a ticket may point at: contracts, their domains and mail accounts. */
export async function listLinkTargets(db: Db, customerId: number) {
  const contracts = await listCustomerPortfolio(db, customerId);
  const accounts = await listMailAccountsOfContracts(db, contracts.map((c) => c.id));
  return contracts.map((c) => ({ ...c, mailAccounts: accounts.filter((a) => a.contractId === c.id) }));
}
export type LinkTargets = Awaited<ReturnType<typeof listLinkTargets>>;

interface ResolvedLink {
  contractId: number | null;
  domainId: number | null;
  mailAccountId: number | null;
  contractPanel: string | null;
}

/** `contract:<number>`, `domain:<id>` or `mail:<id>`, if it names an object of this customer. */
export function resolveLink(targets: LinkTargets, link: string): ResolvedLink | null {
  const none: ResolvedLink = { contractId: null, domainId: null, mailAccountId: null, contractPanel: null };
  if (!link) return none;
  const [kind, value] = link.split(':');
  for (const c of targets) {
    if (kind === 'contract' && c.contractNumber === value) return { ...none, contractId: c.id, contractPanel: c.panel };
    const domain = kind === 'domain' ? c.domains.find((d) => String(d.id) === value) : undefined;
    if (domain) return { ...none, contractId: c.id, domainId: domain.id, contractPanel: c.panel };
    const account = kind === 'mail' ? c.mailAccounts.find((a) => String(a.id) === value) : undefined;
    if (account) return { ...none, contractId: c.id, mailAccountId: account.id, contractPanel: c.panel };
  }
  return null;
}

async function insertMessage(
  trx: Db,
  m: { ticketId: number; authorKind: 'customer' | 'staff' | 'system'; authorId: number | null; channel: TicketChannel; authenticated: boolean; internal: boolean; body: string },
  attachments: ReturnType<typeof checkAttachments>,
  now: Date,
) {
  const message = await trx
    .insertInto('supportMessages')
    .values({ ...m, authenticated: m.authenticated ? 1 : 0, internal: m.internal ? 1 : 0, createdAt: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const a of attachments) {
    await trx
      .insertInto('supportAttachments')
      .values({ ticketId: m.ticketId, messageId: message.id, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, data: a.data, createdAt: now.toISOString() })
      .execute();
  }
  return message.id;
}

/** Moves a ticket to another state with its history entry and audit record, inside the caller's transaction. */
async function moveState(trx: Db, ticket: { id: number; number: string; state: TicketState }, to: TicketState, actor: string, ip: string | null, now: Date) {
  if (ticket.state === to) return;
  const at = now.toISOString();
  await trx
    .updateTable('supportTickets')
    .set({ state: to, updatedAt: at, resolvedAt: to === 'resolved' ? at : null, closedAt: to === 'closed' ? at : null })
    .where('id', '=', ticket.id)
    .execute();
  await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'state', fromValue: ticket.state, toValue: to }, now);
  await recordAudit(trx, { actor, event: 'support.state_changed', subject: `ticket:${ticket.number}`, ip, details: { from: ticket.state, to } }, now);
}

export interface NewTicket {
  subject: string;
  category: TicketCategory;
  /** `contract:<number>`, `domain:<id>`, `mail:<id>` or '' — checked against the customer's own objects. */
  link: string;
  body: string;
}

export interface OpenTicketRequest {
  actor: Actor;
  customerId: number;
  input: NewTicket;
  uploads: Upload[];
  /** web + authenticated: written in the logged-in customer area; email: recorded by staff. */
  channel: TicketChannel;
  ip: string | null;
}

/** Opens a ticket with its first message; the link must name one of the customer's own objects. */
export function openTicket(db: Db, notifier: Notifier, request: OpenTicketRequest, now: Date) {
  return createTicket(db, notifier, request, 'link', now);
}

/**
 * A request that came by e-mail, recorded by staff for the customer it names: never
 * authenticated, so no staff action can run on it.
 */
export async function recordEmailTicket(
  db: Db,
  notifier: Notifier,
  request: { actor: Actor; customerNumber: string; contractNumber: string; subject: string; category: TicketCategory; body: string; ip: string | null },
  now: Date,
) {
  const customer = await findCustomerByNumber(db, request.customerNumber);
  if (!customer) throw new DomainError('validation', 'support.customerUnknown', { customer: { key: 'support.customerUnknown' } });
  const input = { subject: request.subject, category: request.category, link: request.contractNumber ? `contract:${request.contractNumber}` : '', body: request.body };
  return createTicket(db, notifier, { actor: request.actor, customerId: customer.id, input, uploads: [], channel: 'email', ip: request.ip }, 'contract', now);
}

/** `linkField`: the form field that named the link, for its message. */
async function createTicket(db: Db, notifier: Notifier, request: OpenTicketRequest, linkField: string, now: Date) {
  supportPolicy.authorize(request.actor, 'openTicket', { customerId: request.customerId });
  const { input } = request;
  const targets = await listLinkTargets(db, request.customerId);
  const link = resolveLink(targets, input.link);
  if (!link) throw new DomainError('validation', 'support.linkUnknown', { [linkField]: { key: 'support.linkUnknown' } });
  if (input.category === 'admin_password' && link.contractPanel !== 'mailadmin') {
    throw new DomainError('validation', 'support.adminPasswordNeedsContract', { [linkField]: { key: 'support.adminPasswordNeedsContract' } });
  }
  const attachments = checkAttachments(request.uploads);
  const authenticated = request.channel === 'web';
  const actor = auditActor(request.actor);
  const ticket = await inTransaction(db, async (trx) => {
    const number = await nextTicketNumber(trx, now);
    const at = now.toISOString();
    const row = await trx
      .insertInto('supportTickets')
      .values({
        number,
        customerId: request.customerId,
        subject: input.subject,
        category: input.category,
        state: 'new',
        priority: input.category === 'admin_password' ? 'high' : 'normal',
        assigneeId: null,
        contractId: link.contractId,
        domainId: link.domainId,
        mailAccountId: link.mailAccountId,
        channel: request.channel,
        authenticated: authenticated ? 1 : 0,
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        closedAt: null,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await insertMessage(
      trx,
      { ticketId: row.id, authorKind: 'customer', authorId: request.customerId, channel: request.channel, authenticated, internal: false, body: input.body },
      attachments,
      now,
    );
    await repo.insertEvent(trx, { ticketId: row.id, actor, kind: 'created', toValue: request.channel }, now);
    await recordAudit(trx, { actor, event: 'support.ticket_opened', subject: `ticket:${number}`, ip: request.ip, details: { category: input.category, channel: request.channel, attachments: attachments.length } }, now);
    return row;
  });
  await notifyStaffOfNewTicket(db, notifier, ticket.id, now);
  return ticket;
}

function requireReplyable(ticket: { state: TicketState }) {
  if (!isOpenForReplies(ticket.state)) throw new DomainError('conflict', 'support.ticketClosed', { body: { key: 'support.ticketClosed' } });
}

/** A customer's reply from the customer area: authenticated, and it opens a waiting or resolved ticket again. */
export async function replyAsCustomer(db: Db, request: { actor: Actor; ticketId: number; body: string; uploads: Upload[]; ip: string | null }, now: Date) {
  const attachments = checkAttachments(request.uploads);
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'replyAsCustomer', ticket);
    requireReplyable(ticket);
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'customer', authorId: ticket.customerId, channel: 'web', authenticated: true, internal: false, body: request.body }, attachments, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    await moveState(trx, ticket, stateAfterCustomerReply(ticket.state), auditActor(request.actor), request.ip, now);
  });
}

export async function closeByCustomer(db: Db, request: { actor: Actor; ticketId: number; ip: string | null }, now: Date) {
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'closeAsCustomer', ticket);
    if (ticket.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
    await moveState(trx, ticket, 'closed', auditActor(request.actor), request.ip, now);
  });
}

/** The staff member behind an actor, for the author of a message. */
export function staffIdOf(actor: Actor): number {
  if (actor.kind !== 'staff') throw new DomainError('not_found', 'error.notFound');
  return actor.staffId;
}

/** Staff reply, visible to the customer; the ticket moves to the chosen state (normally: waiting). */
export async function replyAsStaff(
  db: Db,
  notifier: Notifier,
  request: { actor: Actor; ticketId: number; body: string; state: TicketState; uploads: Upload[]; ip: string | null },
  now: Date,
) {
  const attachments = checkAttachments(request.uploads);
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'workTicket', ticket);
    requireReplyable(ticket);
    if (request.state !== ticket.state && !canStaffMove(ticket.state, request.state)) throw new DomainError('validation', 'support.stateNotAllowed', { state: { key: 'support.stateNotAllowed' } });
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'staff', authorId: staffIdOf(request.actor), channel: 'web', authenticated: false, internal: false, body: request.body }, attachments, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    await moveState(trx, ticket, request.state, auditActor(request.actor), request.ip, now);
  });
  await notifyCustomerOfReply(db, notifier, request.ticketId, now);
}

/** An internal note: staff only, never shown to or mailed to the customer. */
export async function addInternalNote(db: Db, request: { actor: Actor; ticketId: number; body: string; uploads: Upload[] }, now: Date) {
  const attachments = checkAttachments(request.uploads);
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'workTicket', ticket);
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'staff', authorId: staffIdOf(request.actor), channel: 'web', authenticated: false, internal: true, body: request.body }, attachments, now);
    await repo.insertEvent(trx, { ticketId: ticket.id, actor: auditActor(request.actor), kind: 'note' }, now);
  });
}

/** State, priority, assignee and category from the staff ticket view; each change is recorded. */
export async function updateTicket(
  db: Db,
  request: { actor: Actor; ticketId: number; state: TicketState; priority: TicketPriority; assigneeId: number | null; category: TicketCategory; ip: string | null },
  now: Date,
) {
  const actor = auditActor(request.actor);
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'workTicket', ticket);
    if (request.assigneeId !== null && !(await getStaffUser(trx, request.assigneeId))) {
      throw new DomainError('validation', 'support.assigneeUnknown', { assignee: { key: 'support.assigneeUnknown' } });
    }
    if (request.state !== ticket.state && !canStaffMove(ticket.state, request.state)) throw new DomainError('validation', 'support.stateNotAllowed', { state: { key: 'support.stateNotAllowed' } });
    const subject = `ticket:${ticket.number}`;
    const changes: ['priority' | 'assignee' | 'category', string | null, string | null][] = [
      ['priority', ticket.priority, request.priority],
      ['assignee', ticket.assigneeId === null ? null : String(ticket.assigneeId), request.assigneeId === null ? null : String(request.assigneeId)],
      ['category', ticket.category, request.category],
    ];
    for (const [kind, from, to] of changes) {
      if (from === to) continue;
      await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind, fromValue: from, toValue: to }, now);
      await recordAudit(trx, { actor, event: `support.${kind}_changed`, subject, ip: request.ip, details: { from, to } }, now);
    }
    await trx
      .updateTable('supportTickets')
      .set({ priority: request.priority, assigneeId: request.assigneeId, category: request.category, updatedAt: now.toISOString() })
      .where('id', '=', ticket.id)
      .execute();
    await moveState(trx, ticket, request.state, actor, request.ip, now);
  });
}

/**
 * "Übernehmen": the staff member takes the ticket. It is assigned to them, and a new ticket is
 * in work from now on. Only this leaves "new" behind: looking at a ticket changes nothing.
 */
export async function takeTicket(db: Db, request: { actor: Actor; ticketId: number; ip: string | null }, now: Date) {
  const actor = auditActor(request.actor);
  const staffId = staffIdOf(request.actor);
  await inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'workTicket', ticket);
    if (ticket.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
    if (ticket.assigneeId !== staffId) {
      const from = ticket.assigneeId === null ? null : String(ticket.assigneeId);
      await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'assignee', fromValue: from, toValue: String(staffId) }, now);
      await recordAudit(trx, { actor, event: 'support.assignee_changed', subject: `ticket:${ticket.number}`, ip: request.ip, details: { from, to: String(staffId) } }, now);
      await trx.updateTable('supportTickets').set({ assigneeId: staffId, updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    }
    if (ticket.state === 'new') await moveState(trx, ticket, 'open', actor, request.ip, now);
  });
}

/**
 * Closes resolved tickets older than the configured number of days and wipes revealable
 * secrets nobody fetched in time. Run by `hostdesk support-maintenance` (cron) and whenever
 * staff open the queue. Each ticket closes in a transaction of its own, so one that changed
 * meanwhile holds up none of the others.
 */
export async function runSupportMaintenance(db: Db, now: Date): Promise<{ closed: number; wiped: number }> {
  const { autoCloseDays } = await getSupportSettings(db);
  const before = new Date(now.getTime() - autoCloseDays * 86_400_000).toISOString();
  const stale = await repo.listResolvedBefore(db, before);
  let closed = 0;
  for (const t of stale) {
    await inTransaction(db, async (trx) => {
      const ticket = await lockTicket(trx, t.id);
      if (ticket.state !== 'resolved') return;
      await moveState(trx, ticket, 'closed', 'system', null, now);
      closed += 1;
    });
  }
  const wiped = await repo.wipeExpiredSecrets(db, now);
  return { closed, wiped };
}

/** Reads a ticket row for change; on PostgreSQL the row stays locked until the transaction ends. */
export async function lockTicket(trx: Db, ticketId: number) {
  let q = trx.selectFrom('supportTickets').selectAll().where('id', '=', ticketId);
  if (isPostgres(trx)) q = q.forUpdate();
  const ticket = await q.executeTakeFirst();
  if (!ticket) throw new DomainError('not_found', 'error.notFound');
  return ticket;
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// --- Notifications: a link to the portal, never a secret. ---

async function notify(db: Db, notifier: Notifier, notice: { ticketId: number; recipient: string; subject: string; body: string }, now: Date) {
  // A subject carries a customer's words into every mail program; hidden characters there are
  // written out (only tickets from before they were refused can still have them).
  const n = { ...notice, subject: showHiddenCharacters(notice.subject) };
  const row = await db
    .insertInto('supportNotifications')
    .values({ ticketId: n.ticketId, recipient: n.recipient, subject: n.subject, body: n.body, status: 'outbox', error: null, createdAt: now.toISOString(), sentAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!n.recipient) return;
  try {
    await notifier.mailer.send({ to: n.recipient, subject: n.subject, text: n.body });
    if (notifier.smtpUrl) await db.updateTable('supportNotifications').set({ status: 'sent', sentAt: now.toISOString() }).where('id', '=', row.id).execute();
  } catch (error) {
    await db
      .updateTable('supportNotifications')
      .set({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 500) })
      .where('id', '=', row.id)
      .execute();
  }
}

async function notifyStaffOfNewTicket(db: Db, notifier: Notifier, ticketId: number, now: Date) {
  const ticket = await repo.findTicket(db, ticketId);
  if (!ticket) return;
  const { notifyTo } = await getSupportSettings(db);
  const t = translator('de');
  await notify(
    db,
    notifier,
    {
      ticketId,
      recipient: notifyTo,
      subject: t('support.mail.newTicketSubject', { number: ticket.number, subject: ticket.subject }),
      body: t('support.mail.newTicketBody', { number: ticket.number, customer: ticket.customerNumber, link: `${notifier.publicUrl}/staff/tickets/${ticket.id}` }),
    },
    now,
  );
}

export async function notifyCustomerOfReply(db: Db, notifier: Notifier, ticketId: number, now: Date) {
  const ticket = await repo.findTicket(db, ticketId);
  if (!ticket) return;
  const t = translator(ticket.customerLanguage);
  await notify(
    db,
    notifier,
    {
      ticketId,
      recipient: ticket.customerEmail,
      subject: t('support.mail.replySubject', { number: ticket.number }),
      body: t('support.mail.replyBody', { number: ticket.number, link: `${notifier.publicUrl}/support/tickets/${ticket.number}` }),
    },
    now,
  );
}
