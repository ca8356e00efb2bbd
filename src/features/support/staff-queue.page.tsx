import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { QueueFilterInput } from './ticket.forms.ts';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATES } from './ticket.model.ts';
import { CATEGORY_LABEL, PRIORITY_LABEL, STAFF_STATE_LABEL, StaffSubnav, type Ticket } from './support.parts.tsx';
import { StaffTicketTable } from './staff-overview.views.tsx';

export type StaffName = { id: number; name: string; login: string };

function Choice({ value, label, current }: { value: string; label: string; current: string }) {
  return (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
}

/** The queue's filters: a GET form, so that a filtered queue is a link staff can share. */
function QueueFilters({ ctx, filter, staff }: { ctx: ViewContext; filter: QueueFilterInput; staff: StaffName[] }) {
  const { t } = ctx;
  return (
    <form method="get" action="/staff/tickets" class="card form filters" role="search">
      <div class="filter-grid">
        <div class="field">
          <label for="f-q">{t('support.staff.search')}</label>
          <input id="f-q" name="q" type="search" value={filter.q} maxLength={100} placeholder={t('support.staff.searchHint')} />
        </div>
        <div class="field">
          <label for="f-state">{t('support.state')}</label>
          <select id="f-state" name="state">
            <Choice value="active" label={t('support.staff.active')} current={filter.state} />
            <Choice value="all" label={t('support.staff.allStates')} current={filter.state} />
            {TICKET_STATES.map((state) => (
              <Choice value={state} label={t(STAFF_STATE_LABEL[state])} current={filter.state} />
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-category">{t('support.category')}</label>
          <select id="f-category" name="category">
            <Choice value="" label={t('support.staff.any')} current={filter.category} />
            {TICKET_CATEGORIES.map((category) => (
              <Choice value={category} label={t(CATEGORY_LABEL[category])} current={filter.category} />
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-priority">{t('support.priority')}</label>
          <select id="f-priority" name="priority">
            <Choice value="" label={t('support.staff.any')} current={filter.priority} />
            {TICKET_PRIORITIES.map((priority) => (
              <Choice value={priority} label={t(PRIORITY_LABEL[priority])} current={filter.priority} />
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-assignee">{t('support.assignee')}</label>
          <select id="f-assignee" name="assignee">
            <Choice value="" label={t('support.staff.any')} current={filter.assignee} />
            <Choice value="me" label={t('support.staff.me')} current={filter.assignee} />
            <Choice value="none" label={t('support.staff.nobody')} current={filter.assignee} />
            {staff.map((member) => (
              <Choice value={String(member.id)} label={member.name} current={filter.assignee} />
            ))}
          </select>
        </div>
      </div>
      <button type="submit" class="button primary">
        {t('support.staff.filter')}
      </button>
    </form>
  );
}

/** The staff queue: filters, then the tickets as rows (stacked cards on a phone), most urgent first. */
export function StaffQueuePage({ ctx, filter, tickets, staff }: { ctx: ViewContext; filter: QueueFilterInput; tickets: Ticket[]; staff: StaffName[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.staff.queueTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.queueTitle')}</h1>
      <QueueFilters ctx={ctx} filter={filter} staff={staff} />
      <StaffTicketTable ctx={ctx} tickets={tickets} empty={t('support.staff.none')} customer="text" flagUnauthenticated class="queue" />
    </Layout>
  );
}
