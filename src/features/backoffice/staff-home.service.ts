import type { Db } from '../../platform/db/index.ts';
import { containsPattern } from '../../platform/db/like.ts';
import type { Actor } from '../../platform/policy.ts';
import { accountsPolicy, partyNamesOf } from '../accounts/index.ts';
import { searchAuditEvents, type AuditEventCode } from '../audit/index.ts';
import { searchDomains } from '../contracts/index.ts';
import { searchMailAccounts } from '../mail/index.ts';
import { findTickets, ticketWorkload } from '../support/index.ts';
import { backofficePolicy } from './backoffice.policies.ts';
import { findCustomers } from './customer-overview.service.ts';

/** Security events that want a person to look: failed and refused staff logins, locked logins, 2FA resets, refused staff actions. */
export const NEEDS_A_LOOK: readonly AuditEventCode[] = [
  'staff.login_failed',
  'staff.login_throttled',
  'customer.login_throttled',
  'mail.login_throttled',
  'two_factor.reset_by_staff',
  'support.admin_password_refused',
];
const LOOK_BACK_MS = 7 * 86_400_000;
const GROUP_LIMIT = 20;

/**
 * The staff home: the work (tickets by state and age, the viewer's, the unassigned, the longest
 * waiting) and, for administrators, who read the security log, the last week's events that need a look.
 */
export async function staffHome(db: Db, actor: Actor, now: Date) {
  backofficePolicy.authorize(actor, 'viewHome', 'staff-home', { reveal: true });
  const workload = await ticketWorkload(db, actor, now);
  if (!accountsPolicy.can(actor, 'readAuditLog', 'audit-log')) return { workload, security: null };
  const { events } = await searchAuditEvents(db, { events: NEEDS_A_LOOK, since: new Date(now.getTime() - LOOK_BACK_MS), limit: 10 });
  const names = await partyNamesOf(db, events.flatMap((event) => [event.actor, event.subject]));
  return { workload, security: { events, names } };
}
export type StaffHome = Awaited<ReturnType<typeof staffHome>>;

/**
 * The one search box: customers, domains, mailboxes and tickets, each group on its own (LIKE with
 * the text's wildcards escaped, the same on SQLite and PostgreSQL). Null when the query is too
 * short to search (fewer than two characters, unless digits).
 */
export async function searchEverything(db: Db, actor: Actor, query: string) {
  backofficePolicy.authorize(actor, 'viewHome', 'staff-home', { reveal: true });
  const customers = await findCustomers(db, actor, query);
  if (customers === null) return null;
  const pattern = containsPattern(query);
  const [domains, mailboxes, tickets] = await Promise.all([searchDomains(db, pattern, GROUP_LIMIT), searchMailAccounts(db, query, GROUP_LIMIT), findTickets(db, actor, query, GROUP_LIMIT)]);
  // Domains and mailboxes name their holder by customer number.
  const holders = await partyNamesOf(db, [...domains, ...mailboxes].map((row) => `customer:${row.customerId}`));
  const holder = (customerId: number) => holders.customers?.get(customerId) ?? null;
  return {
    customers: customers.slice(0, GROUP_LIMIT),
    domains: domains.map((domain) => ({ ...domain, holder: holder(domain.customerId) })),
    mailboxes: mailboxes.map((mailbox) => ({ ...mailbox, holder: holder(mailbox.customerId) })),
    tickets,
  };
}
export type SearchResults = NonNullable<Awaited<ReturnType<typeof searchEverything>>>;
