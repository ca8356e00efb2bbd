import { definePolicy, type Actor } from '../../platform/policy.ts';

const isStaff = (actor: Actor) => actor.kind === 'staff';

/**
 * Who may do what in the back office beyond what accounts, contracts, mail and support decide
 * for their own objects: the internal notes about a customer are staff's alone, both roles; a
 * customer never reads them, not even their own.
 */
export const backofficePolicy = definePolicy({
  readNotes: (actor: Actor, _customer: { id: number }) => isStaff(actor),
  writeNote: (actor: Actor, _customer: { id: number }) => isStaff(actor),
  /** The staff home: the work and the search. */
  viewHome: (actor: Actor, _home: 'staff-home') => isStaff(actor),
});
