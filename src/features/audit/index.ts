export { recordAudit, listAuditEvents, searchAuditEvents, type AuditEntry, type AuditSearch } from './audit.ts';
export { AUDIT_EVENTS, STAFF_ONLY_EVENTS, isAuditEventCode, type AuditEventCode } from './audit-events.ts';
export type { AuditEvent } from './audit.tables.ts';
