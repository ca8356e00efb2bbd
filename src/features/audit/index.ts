export { recordAudit, listAuditEvents, type AuditEntry } from './audit.ts';
