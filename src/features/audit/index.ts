export { recordAudit, listAuditEvents, type AuditEntry } from './audit.ts';
export type { AuditEvent } from './audit.tables.ts';
