import { definePolicy } from '../../platform/policy.ts';

/**
 * Who may see a domain's DNS check: the customer holding the domain, and staff (support reads
 * it with the customer). A customer asking for anyone else's domain gets the 404 of a missing one.
 */
export const dnsCheckPolicy = definePolicy({
  checkDomain: (actor, domain: { customerId: number }) => (actor.kind === 'customer' && actor.customerId === domain.customerId) || actor.kind === 'staff',
});
