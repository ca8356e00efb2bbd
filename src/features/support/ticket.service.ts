import { PostgresAdapter } from 'kysely';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Customer, StaffUser } from '../accounts/index.ts';
import type { TicketCategory, TicketChannel, TicketPriority, TicketState } from './support.tables.ts';
import { DomainError } from '../../platform/errors.ts';
import { translator } from '../../platform/views/i18n.ts';
import { getStaffUser } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import { listMailAccountsOfContracts } from '../mail/index.ts';
import { checkAttachments, type Upload } from './attachments.ts';
import { nextTicketNumber } from './ticket-number.ts';
import { canStaffMove, isOpenForReplies, stateAfterCustomerReply } from './ticket.model.ts';
import * as repo from './ticket.repository.ts';
import type { OpenTicketInput } from './ticket.forms.ts';
import { getSupportSettings } from './support.settings.ts';

export interface SupportDeps {
  db: Db;
  /** publicUrl for links in notifications; without smtpUrl they stay in the outbox. */
  config: { publicUrl: string; smtpUrl: string | undefined };
  mailer: Mailer;
  clock: () => Date;
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

const actorOfCustomer = (c: { id: number }) => `customer:${c.id}`;
const actorOfStaff = (s: { id: number }) => `staff:${s.id}`;

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

export interface OpenTicketRequest {
  customer: Customer;
  input: OpenTicketInput;
  uploads: Upload[];
  /** web + authenticated: written in the logged-in customer area; email: recorded by staff. */
  channel: TicketChannel;
  actor: string;
  ip: string | null;
}

/** Opens a ticket with its first message; the link must name one of the customer's own objects. */
export async function openTicket(deps: SupportDeps, req: OpenTicketRequest) {
  const { db } = deps;
  const now = deps.clock();
  const targets = await listLinkTargets(db, req.customer.id);
  const link = resolveLink(targets, req.input.link);
  if (!link) throw new DomainError('validation', 'support.linkUnknown', { link: { key: 'support.linkUnknown' } });
  if (req.input.category === 'admin_password' && link.contractPanel !== 'mailadmin') {
    throw new DomainError('validation', 'support.adminPasswordNeedsContract', { link: { key: 'support.adminPasswordNeedsContract' } });
  }
  const attachments = checkAttachments(req.uploads);
  const authenticated = req.channel === 'web';
  const ticket = await db.transaction().execute(async (trx) => {
    const number = await nextTicketNumber(trx, now);
    const at = now.toISOString();
    const row = await trx
      .insertInto('supportTickets')
      .values({
        number,
        customerId: req.customer.id,
        subject: req.input.subject,
        category: req.input.category as TicketCategory,
        state: 'new',
        priority: req.input.category === 'admin_password' ? 'high' : 'normal',
        assigneeId: null,
        contractId: link.contractId,
        domainId: link.domainId,
        mailAccountId: link.mailAccountId,
        channel: req.channel,
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
      { ticketId: row.id, authorKind: 'customer', authorId: req.customer.id, channel: req.channel, authenticated, internal: false, body: req.input.body },
      attachments,
      now,
    );
    await repo.insertEvent(trx, { ticketId: row.id, actor: req.actor, kind: 'created', toValue: req.channel }, now);
    await recordAudit(trx, { actor: req.actor, event: 'support.ticket_opened', subject: `ticket:${number}`, ip: req.ip, details: { category: req.input.category, channel: req.channel, attachments: attachments.length } }, now);
    return row;
  });
  await notifyStaffOfNewTicket(deps, ticket.id);
  return ticket;
}

function requireReplyable(ticket: { state: TicketState }) {
  if (!isOpenForReplies(ticket.state)) throw new DomainError('conflict', 'support.ticketClosed', { body: { key: 'support.ticketClosed' } });
}

/** A customer's reply from the customer area: authenticated, and it opens a waiting or resolved ticket again. */
export async function replyAsCustomer(deps: SupportDeps, req: { customer: Customer; ticketId: number; body: string; uploads: Upload[]; ip: string | null }) {
  const now = deps.clock();
  const attachments = checkAttachments(req.uploads);
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    if (ticket.customerId !== req.customer.id) throw new DomainError('not_found', 'error.notFound');
    requireReplyable(ticket);
    const actor = actorOfCustomer(req.customer);
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'customer', authorId: req.customer.id, channel: 'web', authenticated: true, internal: false, body: req.body }, attachments, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    await moveState(trx, ticket, stateAfterCustomerReply(ticket.state), actor, req.ip, now);
  });
}

export async function closeByCustomer(deps: SupportDeps, req: { customer: Customer; ticketId: number; ip: string | null }) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    if (ticket.customerId !== req.customer.id) throw new DomainError('not_found', 'error.notFound');
    if (ticket.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
    await moveState(trx, ticket, 'closed', actorOfCustomer(req.customer), req.ip, now);
  });
}

/** Staff reply, visible to the customer; the ticket moves to the chosen state (normally: waiting). */
export async function replyAsStaff(deps: SupportDeps, req: { staff: StaffUser; ticketId: number; body: string; state: TicketState; uploads: Upload[]; ip: string | null }) {
  const now = deps.clock();
  const attachments = checkAttachments(req.uploads);
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    requireReplyable(ticket);
    if (req.state !== ticket.state && !canStaffMove(ticket.state, req.state)) throw new DomainError('validation', 'support.stateNotAllowed', { state: { key: 'support.stateNotAllowed' } });
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'staff', authorId: req.staff.id, channel: 'web', authenticated: false, internal: false, body: req.body }, attachments, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    await moveState(trx, ticket, req.state, actorOfStaff(req.staff), req.ip, now);
  });
  await notifyCustomerOfReply(deps, req.ticketId);
}

/** An internal note: staff only, never shown to or mailed to the customer. */
export async function addInternalNote(deps: SupportDeps, req: { staff: StaffUser; ticketId: number; body: string; uploads: Upload[] }) {
  const now = deps.clock();
  const attachments = checkAttachments(req.uploads);
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    await insertMessage(trx, { ticketId: ticket.id, authorKind: 'staff', authorId: req.staff.id, channel: 'web', authenticated: false, internal: true, body: req.body }, attachments, now);
    await repo.insertEvent(trx, { ticketId: ticket.id, actor: actorOfStaff(req.staff), kind: 'note' }, now);
  });
}

/** State, priority, assignee and category from the staff ticket view; each change is recorded. */
export async function updateTicket(
  deps: SupportDeps,
  req: { staff: StaffUser; ticketId: number; state: TicketState; priority: TicketPriority; assigneeId: number | null; category: TicketCategory; ip: string | null },
) {
  const now = deps.clock();
  const actor = actorOfStaff(req.staff);
  if (req.assigneeId !== null) {
    const staff = await getStaffUser(deps.db, req.assigneeId);
    if (!staff) throw new DomainError('validation', 'support.assigneeUnknown', { assignee: { key: 'support.assigneeUnknown' } });
  }
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    if (req.state !== ticket.state && !canStaffMove(ticket.state, req.state)) throw new DomainError('validation', 'support.stateNotAllowed', { state: { key: 'support.stateNotAllowed' } });
    const subject = `ticket:${ticket.number}`;
    const changes: [string, string | null, string | null][] = [
      ['priority', ticket.priority, req.priority],
      ['assignee', ticket.assigneeId === null ? null : String(ticket.assigneeId), req.assigneeId === null ? null : String(req.assigneeId)],
      ['category', ticket.category, req.category],
    ];
    for (const [kind, from, to] of changes) {
      if (from === to) continue;
      await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind, fromValue: from, toValue: to }, now);
      await recordAudit(trx, { actor, event: `support.${kind}_changed`, subject, ip: req.ip, details: { from, to } }, now);
    }
    await trx
      .updateTable('supportTickets')
      .set({ priority: req.priority, assigneeId: req.assigneeId, category: req.category, updatedAt: now.toISOString() })
      .where('id', '=', ticket.id)
      .execute();
    await moveState(trx, ticket, req.state, actor, req.ip, now);
  });
}

/** A ticket staff look at for the first time leaves "new" behind. */
export async function markSeenByStaff(deps: SupportDeps, staff: StaffUser, ticketId: number) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId);
    if (ticket.state === 'new') await moveState(trx, ticket, 'open', actorOfStaff(staff), null, now);
  });
}

/**
 * Closes resolved tickets older than the configured number of days and wipes revealable
 * secrets nobody fetched in time. Run by `hostdesk support-maintenance` (cron) and whenever
 * staff open the queue.
 */
export async function runSupportMaintenance(deps: { db: Db; clock: () => Date }): Promise<{ closed: number; wiped: number }> {
  const now = deps.clock();
  const { autoCloseDays } = await getSupportSettings(deps.db);
  const before = new Date(now.getTime() - autoCloseDays * 86_400_000).toISOString();
  const stale = await deps.db.selectFrom('supportTickets').select(['id', 'number', 'state']).where('state', '=', 'resolved').where('resolvedAt', '<', before).execute();
  let closed = 0;
  for (const t of stale) {
    await deps.db.transaction().execute(async (trx) => {
      const ticket = await lockTicket(trx, t.id);
      if (ticket.state !== 'resolved') return;
      await moveState(trx, ticket, 'closed', 'system', null, now);
      closed += 1;
    });
  }
  const wiped = await deps.db
    .updateTable('supportActions')
    .set({ sealedSecret: null, wipedAt: now.toISOString() })
    .where('sealedSecret', 'is not', null)
    .where('expiresAt', '<', now.toISOString())
    .executeTakeFirst();
  return { closed, wiped: Number(wiped.numUpdatedRows) };
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

async function notify(deps: SupportDeps, notice: { ticketId: number; recipient: string; subject: string; body: string }) {
  const now = deps.clock();
  // A subject carries a customer's words into every mail program; hidden characters there are
  // written out (only tickets from before they were refused can still have them).
  const n = { ...notice, subject: showHiddenCharacters(notice.subject) };
  const row = await deps.db
    .insertInto('supportNotifications')
    .values({ ticketId: n.ticketId, recipient: n.recipient, subject: n.subject, body: n.body, status: 'outbox', error: null, createdAt: now.toISOString(), sentAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!n.recipient) return;
  try {
    await deps.mailer.send({ to: n.recipient, subject: n.subject, text: n.body });
    // Without SMTP the mailer only files the message; it stays in the outbox for staff to read.
    if (deps.config.smtpUrl) await deps.db.updateTable('supportNotifications').set({ status: 'sent', sentAt: deps.clock().toISOString() }).where('id', '=', row.id).execute();
  } catch (error) {
    await deps.db
      .updateTable('supportNotifications')
      .set({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 500) })
      .where('id', '=', row.id)
      .execute();
  }
}

async function notifyStaffOfNewTicket(deps: SupportDeps, ticketId: number) {
  const ticket = await repo.findTicket(deps.db, ticketId);
  if (!ticket) return;
  const { notifyTo } = await getSupportSettings(deps.db);
  const t = translator('de');
  await notify(deps, {
    ticketId,
    recipient: notifyTo,
    subject: t('support.mail.newTicketSubject', { number: ticket.number, subject: ticket.subject }),
    body: t('support.mail.newTicketBody', { number: ticket.number, customer: ticket.customerNumber, link: `${deps.config.publicUrl}/staff/tickets/${ticket.id}` }),
  });
}

export async function notifyCustomerOfReply(deps: SupportDeps, ticketId: number) {
  const ticket = await repo.findTicket(deps.db, ticketId);
  if (!ticket) return;
  const t = translator(ticket.customerLanguage);
  await notify(deps, {
    ticketId,
    recipient: ticket.customerEmail,
    subject: t('support.mail.replySubject', { number: ticket.number }),
    body: t('support.mail.replyBody', { number: ticket.number, link: `${deps.config.publicUrl}/support/tickets/${ticket.number}` }),
  });
}
