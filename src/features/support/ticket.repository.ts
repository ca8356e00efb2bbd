import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { customerDirectory, staffDirectory } from '../accounts/index.ts';
import { contractDirectory, domainDirectory } from '../contracts/index.ts';
import { mailAccountDirectory } from '../mail/index.ts';
import type { TicketEventKind } from './support.tables.ts';
import type { QueueFilterInput } from './ticket.forms.ts';
import { parseTicketNumber } from './ticket-number.ts';

const TICKET_COLUMNS = [
  'supportTickets.id',
  'supportTickets.number',
  'supportTickets.customerId',
  'supportTickets.subject',
  'supportTickets.category',
  'supportTickets.state',
  'supportTickets.priority',
  'supportTickets.assigneeId',
  'supportTickets.contractId',
  'supportTickets.domainId',
  'supportTickets.mailAccountId',
  'supportTickets.channel',
  'supportTickets.authenticated',
  'supportTickets.createdAt',
  'supportTickets.updatedAt',
  'supportTickets.resolvedAt',
  'supportTickets.closedAt',
] as const;

/**
 * A ticket with what its pages name: the customer, the linked contract, domain and mail account,
 * the assignee; joined from their owners' read models, in one query.
 */
function ticketQuery(db: Db) {
  return db
    .selectFrom('supportTickets')
    .innerJoin(customerDirectory(db).as('customers'), 'customers.id', 'supportTickets.customerId')
    .leftJoin(contractDirectory(db).as('contracts'), 'contracts.id', 'supportTickets.contractId')
    .leftJoin(domainDirectory(db).as('domains'), 'domains.id', 'supportTickets.domainId')
    .leftJoin(mailAccountDirectory(db).as('mailAccounts'), 'mailAccounts.id', 'supportTickets.mailAccountId')
    .leftJoin(staffDirectory(db).as('staffUsers'), 'staffUsers.id', 'supportTickets.assigneeId')
    .select(TICKET_COLUMNS)
    .select([
      'customers.customerNumber',
      'customers.email as customerEmail',
      'customers.firstName as customerFirstName',
      'customers.lastName as customerLastName',
      'customers.company as customerCompany',
      'customers.language as customerLanguage',
      'contracts.contractNumber',
      'domains.nameUnicode as domainName',
      'domains.nameAscii as domainAscii',
      'mailAccounts.name as mailAccountName',
      'staffUsers.name as assigneeName',
    ]);
}
export type TicketView = Awaited<ReturnType<typeof findTicket>> & {};

export function findTicket(db: Db, id: number) {
  return ticketQuery(db).where('supportTickets.id', '=', id).executeTakeFirst();
}

/** A ticket by its number; whose it is, the policy decides. */
export function findTicketByNumber(db: Db, number: string) {
  return ticketQuery(db).where('supportTickets.number', '=', number).executeTakeFirst();
}

export function listCustomerTickets(db: Db, customerId: number) {
  return ticketQuery(db).where('supportTickets.customerId', '=', customerId).orderBy('supportTickets.updatedAt', 'desc').orderBy('supportTickets.id', 'desc').limit(200).execute();
}

/** The staff queue: filters combine; the search looks at number, subject, customer and messages. */
export function listQueue(db: Db, filter: QueueFilterInput, staffId: number) {
  let q = ticketQuery(db);
  if (filter.state === 'active') q = q.where('supportTickets.state', 'in', ['new', 'open', 'waiting']);
  else if (filter.state !== 'all') q = q.where('supportTickets.state', '=', filter.state);
  if (filter.category) q = q.where('supportTickets.category', '=', filter.category);
  if (filter.priority) q = q.where('supportTickets.priority', '=', filter.priority);
  if (filter.assignee === 'me') q = q.where('supportTickets.assigneeId', '=', staffId);
  else if (filter.assignee === 'none') q = q.where('supportTickets.assigneeId', 'is', null);
  else if (filter.assignee) q = q.where('supportTickets.assigneeId', '=', Number(filter.assignee));
  const term = filter.q.trim();
  if (term) {
    const number = parseTicketNumber(term);
    if (number) q = q.where('supportTickets.number', '=', number);
    else {
      const pattern = containsPattern(term);
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`lower(${eb.ref('supportTickets.subject')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('customers.email')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('customers.lastName')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('customers.company')}) like ${pattern} escape '\\'`,
          eb('customers.customerNumber', '=', term),
          eb('contracts.contractNumber', '=', term),
          eb.exists(
            eb
              .selectFrom('supportMessages')
              .select('supportMessages.id')
              .whereRef('supportMessages.ticketId', '=', 'supportTickets.id')
              .where(sql<boolean>`lower(${sql.ref('support_messages.body')}) like ${pattern} escape '\\'`),
          ),
        ]),
      );
    }
  }
  const priorityOrder = sql<number>`case ${sql.ref('supportTickets.priority')} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  return q.orderBy(priorityOrder).orderBy('supportTickets.updatedAt', 'asc').limit(200).execute();
}

/** Resolved tickets whose resolution is older than `before`, for the auto-close. */
export function listResolvedBefore(db: Db, before: string) {
  return db.selectFrom('supportTickets').select(['id', 'number', 'state']).where('state', '=', 'resolved').where('resolvedAt', '<', before).execute();
}

/** Wipes the sealed passwords nobody revealed in time; returns how many. */
export async function wipeExpiredSecrets(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('supportActions')
    .set({ sealedSecret: null, wipedAt: now.toISOString() })
    .where('sealedSecret', 'is not', null)
    .where('expiresAt', '<', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listMessages(db: Db, ticketId: number, options: { includeInternal: boolean }) {
  let q = db
    .selectFrom('supportMessages')
    .leftJoin(staffDirectory(db).as('staffUsers'), (join) => join.onRef('staffUsers.id', '=', 'supportMessages.authorId').on('supportMessages.authorKind', '=', 'staff'))
    .select([
      'supportMessages.id',
      'supportMessages.authorKind',
      'supportMessages.authorId',
      'supportMessages.channel',
      'supportMessages.authenticated',
      'supportMessages.internal',
      'supportMessages.body',
      'supportMessages.createdAt',
      'staffUsers.name as staffName',
    ])
    .where('supportMessages.ticketId', '=', ticketId)
    .orderBy('supportMessages.id');
  if (!options.includeInternal) q = q.where('supportMessages.internal', '=', 0);
  return q.execute();
}
export type MessageView = Awaited<ReturnType<typeof listMessages>>[number];

/** Attachment metadata (never the bytes) of the messages given. */
export function listAttachments(db: Db, ticketId: number) {
  return db
    .selectFrom('supportAttachments')
    .select(['id', 'messageId', 'filename', 'contentType', 'size'])
    .where('ticketId', '=', ticketId)
    .orderBy('id')
    .execute();
}
export type AttachmentMeta = Awaited<ReturnType<typeof listAttachments>>[number];

export function findAttachment(db: Db, ticketId: number, attachmentId: number) {
  return db
    .selectFrom('supportAttachments')
    .innerJoin('supportMessages', 'supportMessages.id', 'supportAttachments.messageId')
    .select(['supportAttachments.id', 'supportAttachments.filename', 'supportAttachments.contentType', 'supportAttachments.size', 'supportAttachments.data', 'supportMessages.internal'])
    .where('supportAttachments.ticketId', '=', ticketId)
    .where('supportAttachments.id', '=', attachmentId)
    .executeTakeFirst();
}

export function listEvents(db: Db, ticketId: number) {
  return db.selectFrom('supportEvents').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute();
}
export type EventView = Awaited<ReturnType<typeof listEvents>>[number];

export function insertEvent(db: Db, e: { ticketId: number; actor: string; kind: TicketEventKind; fromValue?: string | null; toValue?: string | null }, now: Date) {
  return db
    .insertInto('supportEvents')
    .values({ ticketId: e.ticketId, actor: e.actor, kind: e.kind, fromValue: e.fromValue ?? null, toValue: e.toValue ?? null, at: now.toISOString() })
    .execute();
}

export function listActions(db: Db, ticketId: number) {
  return db
    .selectFrom('supportActions')
    .leftJoin(staffDirectory(db).as('staffUsers'), 'staffUsers.id', 'supportActions.staffId')
    .select([
      'supportActions.id',
      'supportActions.kind',
      'supportActions.mailAccount',
      'supportActions.createdAt',
      'supportActions.expiresAt',
      'supportActions.revealedAt',
      'supportActions.wipedAt',
      'staffUsers.name as staffName',
      // Whether something is still there to reveal; the sealed value itself never leaves the service.
      sql<number>`case when ${sql.ref('supportActions.sealedSecret')} is null then 0 else 1 end`.as('revealable'),
    ])
    .where('supportActions.ticketId', '=', ticketId)
    .orderBy('supportActions.id')
    .execute();
}
export type ActionView = Awaited<ReturnType<typeof listActions>>[number];

export function listCannedReplies(db: Db) {
  return db.selectFrom('supportCannedReplies').selectAll().orderBy('title').execute();
}

export function findCannedReply(db: Db, id: number) {
  return db.selectFrom('supportCannedReplies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertCannedReply(db: Db, reply: { title: string; body: string; createdBy: number }, now: Date) {
  const at = now.toISOString();
  return db.insertInto('supportCannedReplies').values({ ...reply, createdAt: at, updatedAt: at }).execute();
}

/** True when there was such a reply. */
export async function deleteCannedReply(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('supportCannedReplies').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function listNotifications(db: Db, limit = 100) {
  return db.selectFrom('supportNotifications').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

// --- The staff home's view of the work (the back office reads these through index.ts). ---

const ACTIVE_STATES = ['new', 'open', 'waiting'] as const;

/**
 * Active tickets by state and by how long since anything happened on them: under a day, one to
 * three days, longer. One grouped query; the boundaries are the caller's `now`.
 */
export async function countActiveByStateAndAge(db: Db, now: Date) {
  const day = new Date(now.getTime() - 86_400_000).toISOString();
  const threeDays = new Date(now.getTime() - 3 * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('supportTickets')
    .select((eb) => [
      'state',
      eb.fn.sum<number>(eb.case().when('updatedAt', '>=', day).then(1).else(0).end()).as('fresh'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('updatedAt', '<', day), eb('updatedAt', '>=', threeDays)])).then(1).else(0).end()).as('days'),
      eb.fn.sum<number>(eb.case().when('updatedAt', '<', threeDays).then(1).else(0).end()).as('old'),
    ])
    .where('state', 'in', [...ACTIVE_STATES])
    .groupBy('state')
    .execute();
  return ACTIVE_STATES.map((state) => {
    const row = rows.find((r) => r.state === state);
    const fresh = Number(row?.fresh ?? 0);
    const days = Number(row?.days ?? 0);
    const old = Number(row?.old ?? 0);
    return { state, fresh, days, old, total: fresh + days + old };
  });
}

/** How many active tickets are someone's (`assigneeId`) or nobody's (null). */
export async function countActiveAssigned(db: Db, assigneeId: number | null) {
  let q = db.selectFrom('supportTickets').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', [...ACTIVE_STATES]);
  q = assigneeId === null ? q.where('assigneeId', 'is', null) : q.where('assigneeId', '=', assigneeId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Active tickets of one assignee (or nobody's), most urgent and oldest first. */
export function listActiveAssigned(db: Db, assigneeId: number | null, limit: number) {
  let q = ticketQuery(db).where('supportTickets.state', 'in', [...ACTIVE_STATES]);
  q = assigneeId === null ? q.where('supportTickets.assigneeId', 'is', null) : q.where('supportTickets.assigneeId', '=', assigneeId);
  return q.orderBy('supportTickets.updatedAt', 'asc').orderBy('supportTickets.id').limit(limit).execute();
}

/** The customers waiting longest for us: new and in-work tickets, by their last change, oldest first. */
export function listWaitingLongest(db: Db, limit: number) {
  return ticketQuery(db).where('supportTickets.state', 'in', ['new', 'open']).orderBy('supportTickets.updatedAt', 'asc').orderBy('supportTickets.id').limit(limit).execute();
}

/** Tickets by number (typed with or without dashes) or by words of their subject. */
export function searchTicketsByNumberOrSubject(db: Db, query: string, limit: number) {
  const number = parseTicketNumber(query);
  const q = number
    ? ticketQuery(db).where('supportTickets.number', '=', number)
    : ticketQuery(db).where(sql<boolean>`lower(${sql.ref('supportTickets.subject')}) like ${containsPattern(query)} escape '\\'`);
  return q.orderBy('supportTickets.updatedAt', 'desc').orderBy('supportTickets.id', 'desc').limit(limit).execute();
}
