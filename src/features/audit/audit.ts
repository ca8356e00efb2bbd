import type { Db } from '../../platform/db/index.ts';
import type { AuditEventCode } from './audit-events.ts';

export interface AuditEntry {
  /** Who acted: `customer:12`, `staff:3`, `api-token:5`, `cli`, `system`, `anonymous`. */
  actor: string;
  event: AuditEventCode;
  subject?: string | null;
  ip?: string | null;
  /** Context for the reader; never a password, token or session id. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, entry: AuditEntry, at = new Date()): Promise<void> {
  await db
    .insertInto('auditEvents')
    .values({
      at: at.toISOString(),
      actor: entry.actor,
      event: entry.event,
      subject: entry.subject ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAuditEvents(db: Db, filter: { subject?: string; event?: string; since?: Date; limit?: number; excludeEvents?: string[] } = {}) {
  let q = db.selectFrom('auditEvents').selectAll().orderBy('id', 'desc').limit(filter.limit ?? 100);
  if (filter.subject) q = q.where('subject', '=', filter.subject);
  if (filter.event) q = q.where('event', '=', filter.event);
  if (filter.since) q = q.where('at', '>=', filter.since.toISOString());
  if (filter.excludeEvents?.length) q = q.where('event', 'not in', filter.excludeEvents);
  return q.execute();
}

/** What the staff security log filters by; every part is optional, all given parts must hold. */
export interface AuditSearch {
  events?: readonly string[];
  /** Who acted, as recorded (`staff:3`, `customer:12`). */
  actor?: string;
  /** A party the entry is about or by (`customer:12`): its subject or its actor. */
  party?: string;
  /** From this instant (inclusive) to that one (exclusive). */
  since?: Date;
  until?: Date;
  offset?: number;
  limit?: number;
}

/** The security log, newest first, filtered and paged; one row more than asked tells there is a next page. */
export async function searchAuditEvents(db: Db, search: AuditSearch) {
  const limit = search.limit ?? 50;
  let q = db.selectFrom('auditEvents').selectAll();
  if (search.events?.length) q = q.where('event', 'in', [...search.events]);
  if (search.actor) q = q.where('actor', '=', search.actor);
  if (search.party) {
    const party = search.party;
    q = q.where((eb) => eb.or([eb('subject', '=', party), eb('actor', '=', party)]));
  }
  if (search.since) q = q.where('at', '>=', search.since.toISOString());
  if (search.until) q = q.where('at', '<', search.until.toISOString());
  const rows = await q
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .offset(search.offset ?? 0)
    .execute();
  return { events: rows.slice(0, limit), more: rows.length > limit };
}
