import type { TicketCategory, TicketPriority, TicketState } from './support.tables.ts';

// Tuples, so that the forms' zod enums parse to the tables' types.
export const TICKET_CATEGORIES = ['admin_password', 'email', 'domain', 'contract', 'other'] as const satisfies readonly TicketCategory[];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const TICKET_STATES = ['new', 'open', 'waiting', 'resolved', 'closed'] as const satisfies readonly TicketState[];

/** Which state may follow which, for staff. Customers only reply (reopening) and close. */
const STAFF_TRANSITIONS: Record<TicketState, readonly TicketState[]> = {
  new: ['open', 'waiting', 'resolved', 'closed'],
  open: ['waiting', 'resolved', 'closed'],
  waiting: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export function canStaffMove(from: TicketState, to: TicketState): boolean {
  return STAFF_TRANSITIONS[from].includes(to);
}

export function staffTargets(from: TicketState): readonly TicketState[] {
  return STAFF_TRANSITIONS[from];
}

/** States in which the customer can still write; a closed ticket takes no more replies. */
export const isOpenForReplies = (state: TicketState) => state !== 'closed';

/** The state after a customer's reply: anything that waited for them, or was resolved, opens again. */
export function stateAfterCustomerReply(state: TicketState): TicketState {
  return state === 'new' ? 'new' : 'open';
}

// Limits of what people may write and attach.
export const MAX_SUBJECT = 150;
export const MAX_BODY = 20_000;
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
