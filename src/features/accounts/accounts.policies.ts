import { auditActor, definePolicy, type Actor } from '../../platform/policy.ts';

/** The customer a rule looks at (a `Customer` row, or anything with its id). */
export interface CustomerRef {
  id: number;
}

const isStaff = (actor: Actor) => actor.kind === 'staff';
const isAdmin = (actor: Actor) => actor.kind === 'staff' && actor.role === 'admin';
const isTheCustomer = (actor: Actor, customer: CustomerRef) => actor.kind === 'customer' && actor.customerId === customer.id;

/**
 * Who may do what to accounts. A customer manages their own account (master data, second
 * factor, sessions) and nobody else's; staff of either role look customers up and see them at a
 * glance; what reaches every account at once (API tokens, the audit log) and the recovery of a
 * customer's second factor are an administrator's. The guards ask `enterAdminArea`; routes ask
 * before they load a page; `disableTwoFactor` asks again, so no caller can skip the rule.
 */
export const accountsPolicy = definePolicy({
  manageOwnAccount: isTheCustomer,
  /** A staff user's own password and security events. */
  manageOwnStaffAccount: (actor: Actor, staff: { id: number }) => actor.kind === 'staff' && actor.staffId === staff.id,
  /** The back office's customer search. */
  findCustomers: (actor: Actor, _directory: 'customers') => isStaff(actor),
  /** The back office: the customer at a glance with contracts and mailboxes. */
  viewCustomer: (actor: Actor, _customer: CustomerRef) => isStaff(actor),
  /** The back office corrects a customer's master data (audited; the customer sees it). */
  editCustomer: (actor: Actor, _customer: CustomerRef) => isStaff(actor),
  /** The back office sends the customer the password-reset link, to the customer's own address. */
  sendPasswordReset: (actor: Actor, _customer: CustomerRef) => isStaff(actor),
  /** Recovery of a customer who lost authenticator and backup codes: admins only, never agents. */
  resetTwoFactor: (actor: Actor, _customer: CustomerRef) => isAdmin(actor),
  /**
   * Removing a second factor (subject `customer:12`, `staff:3`): its owner, or an admin
   * recovering a customer's account. An admin cannot remove another staff user's factor.
   */
  removeSecondFactor: (actor: Actor, subject: string) => (actor.kind !== 'anonymous' && auditActor(actor) === subject) || (isAdmin(actor) && subject.startsWith('customer:')),
  manageApiTokens: (actor: Actor, _tokens: 'api-tokens') => isAdmin(actor),
  readAuditLog: (actor: Actor, _log: 'audit-log') => isAdmin(actor),
  /** What `guards.admin` lets through: the admin pages of every feature. */
  enterAdminArea: (actor: Actor, _area: 'admin') => isAdmin(actor),
});
