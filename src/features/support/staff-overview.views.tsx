import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import type { TicketWorkload } from './staff-overview.ts';
import { CATEGORY_LABEL, PRIORITY_LABEL, STAFF_STATE_LABEL, StateBadge, type Ticket } from './support.parts.tsx';

/** Tickets as staff list them elsewhere (staff home, a customer's page): number, subject, state, assignee, last change. */
export function StaffTicketTable({ ctx, tickets, empty, customer = true }: { ctx: ViewContext; tickets: Ticket[]; empty: string; customer?: boolean }) {
  const { t, lang } = ctx;
  const href = (ticket: Ticket) => `/staff/tickets/${ticket.id}`;
  const columns: Column<Ticket>[] = [
    { label: t('support.number'), rowHeader: true, cell: (ticket) => <a href={href(ticket)}>{ticket.number}</a> },
    {
      label: t('support.subject'),
      cell: (ticket) => (
        <a href={href(ticket)}>
          <UserText text={ticket.subject} />
        </a>
      ),
    },
    ...(customer ? [{ label: t('support.staff.customer'), cell: (ticket: Ticket) => <a href={`/staff/customers/${ticket.customerNumber}`}>{ticket.customerNumber}</a> }] : []),
    { label: t('support.category'), cell: (ticket) => t(CATEGORY_LABEL[ticket.category]) },
    { label: t('support.state'), cell: (ticket) => <StateBadge ctx={ctx} state={ticket.state} labels={STAFF_STATE_LABEL} /> },
    { label: t('support.priority'), cell: (ticket) => <span class={`badge badge-priority-${ticket.priority}`}>{t(PRIORITY_LABEL[ticket.priority])}</span> },
    { label: t('support.assignee'), cell: (ticket) => ticket.assigneeName ?? '–' },
    { label: t('support.updatedAt'), cell: (ticket) => <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time> },
  ];
  return <DataTable columns={columns} rows={tickets} empty={empty} compact />;
}

/** Active tickets by state and age; each count leads to the queue of that state. */
export function WorkloadTable({ ctx, workload }: { ctx: ViewContext; workload: TicketWorkload }) {
  const { t } = ctx;
  type Row = TicketWorkload['byState'][number];
  const columns: Column<Row>[] = [
    { label: t('support.state'), rowHeader: true, cell: (row) => <a href={`/staff/tickets?state=${row.state}`}>{t(STAFF_STATE_LABEL[row.state])}</a> },
    { label: t('support.staff.ageFresh'), cell: (row) => row.fresh },
    { label: t('support.staff.ageDays'), cell: (row) => row.days },
    { label: t('support.staff.ageOld'), cell: (row) => (row.old > 0 ? <strong>{row.old}</strong> : row.old) },
    { label: t('support.staff.ageTotal'), cell: (row) => row.total },
  ];
  return <DataTable columns={columns} rows={workload.byState} compact caption={t('support.staff.workload')} />;
}
