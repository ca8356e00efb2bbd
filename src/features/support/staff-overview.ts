import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/policy.ts';
import { supportPolicy } from './support.policies.ts';
import * as repo from './ticket.repository.ts';

const LIST = 5;

/**
 * The work as the staff home shows it: active tickets by state and age, the viewer's own, the
 * unassigned ones, and the customers waiting longest for an answer.
 */
export async function ticketWorkload(db: Db, actor: Actor, now: Date) {
  supportPolicy.authorize(actor, 'readQueue', 'queue', { reveal: true });
  const me = actor.kind === 'staff' ? actor.staffId : -1;
  const [byState, mineCount, mine, unassignedCount, unassigned, waitingLongest] = await Promise.all([
    repo.countActiveByStateAndAge(db, now),
    repo.countActiveAssigned(db, me),
    repo.listActiveAssigned(db, me, LIST),
    repo.countActiveAssigned(db, null),
    repo.listActiveAssigned(db, null, LIST),
    repo.listWaitingLongest(db, LIST),
  ]);
  return { byState, mine: { count: mineCount, tickets: mine }, unassigned: { count: unassignedCount, tickets: unassigned }, waitingLongest };
}
export type TicketWorkload = Awaited<ReturnType<typeof ticketWorkload>>;

/** A customer's tickets for the staff customer page, newest first. */
export async function listTicketsOfCustomer(db: Db, actor: Actor, customerId: number) {
  supportPolicy.authorize(actor, 'readQueue', 'queue', { reveal: true });
  return repo.listCustomerTickets(db, customerId);
}

/** The staff home's search over tickets: by number or subject. */
export async function findTickets(db: Db, actor: Actor, query: string, limit = 20) {
  supportPolicy.authorize(actor, 'readQueue', 'queue', { reveal: true });
  return repo.searchTicketsByNumberOrSubject(db, query, limit);
}
