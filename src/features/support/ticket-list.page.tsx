import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { CATEGORY_LABEL, StateBadge, type Ticket } from './support.parts.tsx';

/** The SupportCenter's home in the customer area: the customer's tickets and the ways to open one. */
export function TicketListPage({ ctx, tickets, selfService }: { ctx: ViewContext; tickets: Ticket[]; selfService: boolean }) {
  const { t, lang } = ctx;
  const columns: Column<Ticket>[] = [
    { label: t('support.number'), rowHeader: true, cell: (ticket) => <a href={`/support/tickets/${ticket.number}`}>{ticket.number}</a> },
    { label: t('support.subject'), cell: (ticket) => <UserText text={ticket.subject} /> },
    { label: t('support.category'), cell: (ticket) => t(CATEGORY_LABEL[ticket.category]) },
    { label: t('support.state'), cell: (ticket) => <StateBadge ctx={ctx} state={ticket.state} /> },
    { label: t('support.updatedAt'), cell: (ticket) => <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time> },
  ];
  return (
    <Layout ctx={ctx} title={t('support.title')}>
      <h1>{t('support.title')}</h1>
      <p class="lead">{t('support.intro')}</p>
      <p class="actions">
        <a class="button primary" href="/support/tickets/new">
          {t('support.newTicket')}
        </a>
      </p>
      <h2>{t('support.myTickets')}</h2>
      <DataTable columns={columns} rows={tickets} empty={t('support.noTickets')} class="tickets" />
      <ul class="plain more-links">
        {selfService && (
          <li>
            <a href="/support/admin-password">{t('support.selfLink')}</a>
          </li>
        )}
        <li>
          <a href="/support/security">{t('support.securityLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}
