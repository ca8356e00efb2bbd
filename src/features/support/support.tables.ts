import type { Generated, Selectable } from 'kysely';

/**
 * The SupportCenter: tickets, messages, attachments, events, staff actions, canned replies, notifications.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    supportTicketCounters: SupportTicketCountersTable;
    supportTickets: SupportTicketsTable;
    supportMessages: SupportMessagesTable;
    supportAttachments: SupportAttachmentsTable;
    supportEvents: SupportEventsTable;
    supportActions: SupportActionsTable;
    supportCannedReplies: SupportCannedRepliesTable;
    supportNotifications: SupportNotificationsTable;
  }
}

// SupportCenter: see migrations/005_support.ts.
export interface SupportTicketCountersTable {
  day: string;
  lastValue: number;
}

export type TicketState = 'new' | 'open' | 'waiting' | 'resolved' | 'closed';

export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export type TicketCategory = 'admin_password' | 'email' | 'domain' | 'contract' | 'other';

export type TicketChannel = 'web' | 'email';

export interface SupportTicketsTable {
  id: Generated<number>;
  /** Readable on the phone: `YYMMDD-NNNN-C` (day, counter, check digit); grants nothing. */
  number: string;
  customerId: number;
  subject: string;
  category: TicketCategory;
  state: TicketState;
  priority: TicketPriority;
  assigneeId: number | null;
  contractId: number | null;
  domainId: number | null;
  mailAccountId: number | null;
  channel: TicketChannel;
  /** 1 when the ticket was opened in the logged-in customer area. */
  authenticated: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export type SupportTicket = Selectable<SupportTicketsTable>;

export type MessageAuthorKind = 'customer' | 'staff' | 'system';

export interface SupportMessagesTable {
  id: Generated<number>;
  ticketId: number;
  authorKind: MessageAuthorKind;
  authorId: number | null;
  channel: TicketChannel;
  authenticated: number;
  /** 1 for an internal note, which the customer never sees. */
  internal: number;
  body: string;
  createdAt: string;
}

export type SupportMessage = Selectable<SupportMessagesTable>;

export interface SupportAttachmentsTable {
  id: Generated<number>;
  ticketId: number;
  messageId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
  createdAt: string;
}

/** What a line of a ticket's history records. */
export type TicketEventKind = 'created' | 'state' | 'priority' | 'assignee' | 'category' | 'note' | 'action' | 'reveal' | 'auto_reply';

export interface SupportEventsTable {
  id: Generated<number>;
  ticketId: number;
  at: string;
  actor: string;
  kind: TicketEventKind;
  fromValue: string | null;
  toValue: string | null;
}

export type SupportActionKind = 'set_admin_password';

export interface SupportActionsTable {
  id: Generated<number>;
  ticketId: number;
  kind: SupportActionKind;
  staffId: number | null;
  contractId: number;
  mailAccount: string;
  sealedSecret: string | null;
  createdAt: string;
  expiresAt: string;
  revealedAt: string | null;
  wipedAt: string | null;
}

export type SupportAction = Selectable<SupportActionsTable>;

export interface SupportCannedRepliesTable {
  id: Generated<number>;
  title: string;
  body: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NotificationStatus = 'sent' | 'outbox' | 'failed';

export interface SupportNotificationsTable {
  id: Generated<number>;
  ticketId: number | null;
  recipient: string;
  subject: string;
  body: string;
  status: NotificationStatus;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
