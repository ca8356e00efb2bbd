import { definePolicy, type Actor } from '../../platform/policy.ts';

/** What the ticket rules look at: whose ticket (or contract) it is. */
export interface OwnedByCustomer {
  customerId: number;
}

const isStaff = (actor: Actor) => actor.kind === 'staff';
const isCustomer = (actor: Actor, subject: OwnedByCustomer) => actor.kind === 'customer' && actor.customerId === subject.customerId;

/**
 * Who may do what in the SupportCenter. Customers see and act on their own tickets only (anyone
 * else's is a 404, like a ticket that does not exist); staff of either role work every ticket;
 * the settings are an administrator's. Routes ask before they load a page or a form, services
 * again where they lock the ticket, so a caller that skips the route cannot skip the rule.
 */
export const supportPolicy = definePolicy({
  /** A customer opens tickets for themselves; staff record one that came by e-mail for any customer. */
  openTicket: (actor: Actor, customer: OwnedByCustomer) => isCustomer(actor, customer) || isStaff(actor),
  readTicket: (actor: Actor, ticket: OwnedByCustomer) => isCustomer(actor, ticket) || isStaff(actor),
  /** Internal notes and their attachments never reach the customer. */
  readInternal: (actor: Actor, _ticket: OwnedByCustomer) => isStaff(actor),
  downloadAttachment: (actor: Actor, file: OwnedByCustomer & { internal: boolean }) => isStaff(actor) || (!file.internal && isCustomer(actor, file)),
  replyAsCustomer: isCustomer,
  closeAsCustomer: isCustomer,
  /** The one-time reveal of a password staff set: for the ticket's customer alone, never for staff. */
  revealSecret: isCustomer,
  /** Replies, notes, state, priority, assignment: any staff role. */
  workTicket: (actor: Actor, _ticket: OwnedByCustomer) => isStaff(actor),
  /**
   * "Neues Administrationspasswort setzen": agents and admins alike, because the password is
   * sealed for the customer and no staff member ever sees it; the ticket's own rules (written in
   * the customer area, about a contract with the E-Mail-Administration) are the service's.
   */
  setAdminPassword: (actor: Actor, _ticket: OwnedByCustomer) => actor.kind === 'staff' && (actor.role === 'agent' || actor.role === 'admin'),
  /** The queue and every list of tickets across customers (staff home, a customer's tickets, search). */
  readQueue: (actor: Actor, _queue: 'queue') => isStaff(actor),
  /** "Abwesenheitsnotiz setzen" for a mailbox of the ticket's contract: any staff role (no secret involved). */
  setAutoReply: (actor: Actor, _ticket: OwnedByCustomer) => isStaff(actor),
  manageCannedReplies: (actor: Actor, _replies: 'canned-replies') => isStaff(actor),
  changeSettings: (actor: Actor, _settings: 'support-settings') => actor.kind === 'staff' && actor.role === 'admin',
});
