import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { AuditEvent } from '../audit/index.ts';
import { describeParty, describeSecurityEvent, type PartyNames } from '../audit/ui.ts';

/** The audit log, newest first: who did what to what, in words and names. */
export function AuditLogPage({ ctx, events, names }: { ctx: ViewContext; events: AuditEvent[]; names: PartyNames }) {
  const { t, lang } = ctx;
  const columns: Column<AuditEvent>[] = [
    { label: t('staff.auditAt'), cell: (event) => formatDateTime(event.at, lang) },
    { label: t('staff.auditActor'), cell: (event) => describeParty(t, event.actor, names) },
    { label: t('staff.auditEvent'), cell: (event) => describeSecurityEvent(t, event) },
    { label: t('staff.auditSubject'), cell: (event) => (event.subject ? describeParty(t, event.subject, names) : '—') },
    { label: t('staff.auditIp'), cell: (event) => event.ip ?? '—' },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.auditTitle')}>
      <h1>{t('staff.auditTitle')}</h1>
      <DataTable columns={columns} rows={events} compact />
    </Layout>
  );
}
