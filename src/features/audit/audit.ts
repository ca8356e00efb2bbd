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
