import type { Db } from '../../platform/db/index.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { isAuditEventCode, searchAuditEvents, type AuditSearch } from '../audit/index.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { findCustomerByNumber } from './customer.repository.ts';
import { partyNamesOf } from './party-names.ts';
import { findStaffIdByLogin } from './staff.repository.ts';
import type { AuditFilterInput } from './staff.forms.ts';

export const AUDIT_PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a day (UTC) written YYYY-MM-DD, or null when it is no real day. */
function dayStart(text: string): Date | null {
  if (!DAY.test(text)) return null;
  const at = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(at.getTime()) || !at.toISOString().startsWith(text) ? null : at;
}

/** Who the actor field names: a customer number, or a staff login. */
async function actorCode(db: Db, text: string): Promise<string | null> {
  if (/^\d{1,12}$/.test(text)) {
    const customer = await findCustomerByNumber(db, text);
    if (customer) return `customer:${customer.id}`;
  }
  const staff = await findStaffIdByLogin(db, text.toLowerCase());
  return staff ? `staff:${staff.id}` : null;
}

export type SecurityLog =
  | { ok: true; events: Awaited<ReturnType<typeof searchAuditEvents>>['events']; more: boolean; names: Awaited<ReturnType<typeof partyNamesOf>> }
  | { ok: false; errors: FieldErrors };

/**
 * The security log for an administrator, filtered and paged. Every filter that names nothing
 * (an unknown event, login or customer number, a day that does not exist, a range that ends
 * before it starts) is reported on its own field, and nothing is listed.
 */
export async function readSecurityLog(db: Db, actor: Actor, filter: AuditFilterInput): Promise<SecurityLog> {
  accountsPolicy.authorize(actor, 'readAuditLog', 'audit-log', { reveal: true });
  const errors: FieldErrors = {};
  const search: AuditSearch = { limit: AUDIT_PAGE_SIZE, offset: (filter.page - 1) * AUDIT_PAGE_SIZE };
  if (filter.event) {
    if (isAuditEventCode(filter.event)) search.events = [filter.event];
    else errors.event = { key: 'staff.auditEventUnknown' };
  }
  if (filter.actor) {
    const code = await actorCode(db, filter.actor);
    if (code) search.actor = code;
    else errors.actor = { key: 'staff.auditActorUnknown' };
  }
  if (filter.customer) {
    const customer = /^\d{1,12}$/.test(filter.customer) ? await findCustomerByNumber(db, filter.customer) : undefined;
    if (customer) search.party = `customer:${customer.id}`;
    else errors.customer = { key: 'staff.auditCustomerUnknown' };
  }
  if (filter.from) {
    const since = dayStart(filter.from);
    if (since) search.since = since;
    else errors.from = { key: 'staff.auditDateInvalid' };
  }
  if (filter.to) {
    const last = dayStart(filter.to);
    if (last) search.until = new Date(last.getTime() + 86_400_000);
    else errors.to = { key: 'staff.auditDateInvalid' };
  }
  if (search.since && search.until && search.since >= search.until) errors.to = { key: 'staff.auditRangeInvalid' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { events, more } = await searchAuditEvents(db, search);
  const names = await partyNamesOf(db, events.flatMap((event) => [event.actor, event.subject]));
  return { ok: true, events, more, names };
}
