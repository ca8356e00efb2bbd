import { definePolicy, type Actor } from '../../platform/policy.ts';

/** What the contract rules look at: whose contract (or domain, or portfolio) it is. */
export interface OwnedByCustomer {
  customerId: number;
}

const isOwner = (actor: Actor, subject: OwnedByCustomer) => actor.kind === 'customer' && actor.customerId === subject.customerId;
const isStaff = (actor: Actor) => actor.kind === 'staff';

/**
 * Who sees which contracts and domains. A customer sees their own (the Domainverwaltung); a
 * contract or domain of anyone else is a 404, like one that does not exist. Staff of either role
 * see every customer's (the back office). A mail administrator sees their contract through the
 * mail feature's own rules, not these.
 */
export const contractsPolicy = definePolicy({
  /** All contracts of one customer, with their domains. */
  readPortfolio: (actor: Actor, customer: OwnedByCustomer) => isOwner(actor, customer) || isStaff(actor),
  readContract: (actor: Actor, contract: OwnedByCustomer) => isOwner(actor, contract) || isStaff(actor),
  /** A domain belongs to the customer of its contract. */
  readDomain: (actor: Actor, domain: OwnedByCustomer) => isOwner(actor, domain) || isStaff(actor),
});
