import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import type { TicketWorkload } from './staff-overview.ts';
import { CATEGORY_LABEL, PRIORITY_LABEL, STAFF_STATE_LABEL, StateBadge, type Ticket } from './support.parts.tsx';

/**
 * Tickets as staff list them (the queue, staff home, a customer's page): number, subject, customer,
 * state, assignee, last change. `customer`: the customer's number as a link to their page, as
 * plain text, or left out (on the customer's own page); `flagUnauthenticated` marks the tickets
 * that were not written in the customer area.
 */
export function StaffTicketTable({
  ctx,
  tickets,
  empty,
  customer = 'link',
  flagUnauthenticated = false,
  class: className,
}: {
  ctx: ViewContext;
  tickets: Ticket[];
  empty: string;
  customer?: 'link' | 'text' | 'none';
  flagUnauthenticated?: boolean;
  class?: string;
}) {
  const { t, lang } = ctx;
  const href = (ticket: Ticket) => `/staff/tickets/${ticket.id}`;
  const customerCell = (ticket: Ticket) => (customer === 'link' ? <a href={`/staff/customers/${ticket.customerNumber}`}>{ticket.customerNumber}</a> : ticket.customerNumber);
  const columns: Column<Ticket>[] = [
    { label: t('support.number'), rowHeader: true, cell: (ticket) => <a href={href(ticket)}>{ticket.number}</a> },
    {
      label: t('support.subject'),
      cell: (ticket) => (
        <>
          <a href={href(ticket)}>
            <UserText text={ticket.subject} />
          </a>
          {flagUnauthenticated && ticket.authenticated !== 1 && <span class="badge"> {t('support.staff.unauthenticated')}</span>}
        </>
      ),
    },
    ...(customer === 'none' ? [] : [{ label: t('support.staff.customer'), cell: customerCell }]),
    { label: t('support.category'), cell: (ticket) => t(CATEGORY_LABEL[ticket.category]) },
    { label: t('support.state'), cell: (ticket) => <StateBadge ctx={ctx} state={ticket.state} labels={STAFF_STATE_LABEL} /> },
    { label: t('support.priority'), cell: (ticket) => <span class={`badge badge-priority-${ticket.priority}`}>{t(PRIORITY_LABEL[ticket.priority])}</span> },
    { label: t('support.assignee'), cell: (ticket) => ticket.assigneeName ?? '–' },
    { label: t('support.updatedAt'), cell: (ticket) => <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time> },
  ];
  return <DataTable columns={columns} rows={tickets} empty={empty} compact class={className} />;
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
