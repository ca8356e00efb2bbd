import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { AuditEvent } from '../audit/index.ts';

/** The audit log, newest first, as recorded (actor, event and subject as their codes). */
export function AuditLogPage({ ctx, events }: { ctx: ViewContext; events: AuditEvent[] }) {
  const { t, lang } = ctx;
  const columns: Column<AuditEvent>[] = [
    { label: t('staff.auditAt'), cell: (event) => formatDateTime(event.at, lang) },
    { label: t('staff.auditActor'), cell: (event) => <code>{event.actor}</code> },
    { label: t('staff.auditEvent'), cell: (event) => <code>{event.event}</code> },
    { label: t('staff.auditSubject'), cell: (event) => event.subject ?? '—' },
    { label: t('staff.auditIp'), cell: (event) => event.ip ?? '—' },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.auditTitle')}>
      <h1>{t('staff.auditTitle')}</h1>
      <DataTable columns={columns} rows={events} compact />
    </Layout>
  );
}
