import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { describeParty, describeSecurityEvent } from '../audit/ui.ts';
import { DomainLabel } from '../contracts/ui.ts';
import { StaffTicketTable, WorkloadTable } from '../support/ui.ts';
import type { SearchResults, StaffHome } from './staff-home.service.ts';

function SearchForm({ ctx, query }: { ctx: ViewContext; query: string }) {
  const { t } = ctx;
  return (
    <form method="get" action="/staff" class="card form search" role="search">
      <div class="field">
        <label for="f-q">{t('staff.home.searchLabel')}</label>
        <div class="row">
          <input id="f-q" name="q" type="search" value={query} maxLength={200} autofocus={!query} />
          <button type="submit" class="button primary">
            {t('staff.searchSubmit')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** One group of results: a heading with its count, then links. */
function Group({ title, count, children }: { title: string; count: number; children: ComponentChildren }) {
  if (count === 0) return null;
  return (
    <section class="card" aria-label={title}>
      <h2>
        {title} <span class="badge">{count}</span>
      </h2>
      <ul class="plain">{children}</ul>
    </section>
  );
}

function Results({ ctx, results }: { ctx: ViewContext; results: SearchResults }) {
  const { t } = ctx;
  const total = results.customers.length + results.domains.length + results.mailboxes.length + results.tickets.length;
  if (total === 0) return <p role="status">{t('staff.home.nothingFound')}</p>;
  const holderOf = (row: { customerId: number; holder: { customerNumber: string; name: string } | null }) =>
    row.holder ? `${t('staff.customer', { number: row.holder.customerNumber })} · ${row.holder.name}` : '';
  return (
    <>
      <p class="muted" role="status">
        {t('staff.results', { count: total })}
      </p>
      <Group title={t('staff.home.groupCustomers')} count={results.customers.length}>
        {results.customers.map((customer) => (
          <li>
            <a href={`/staff/customers/${customer.customerNumber}`}>
              {customer.customerNumber} · <UserText text={`${customer.firstName} ${customer.lastName}`.trim() || customer.company || customer.email} />
            </a>
            <small class="muted block">
              <UserText text={[customer.company, customer.email, customer.city].filter(Boolean).join(' · ')} />
            </small>
          </li>
        ))}
      </Group>
      <Group title={t('staff.home.groupDomains')} count={results.domains.length}>
        {results.domains.map((domain) => (
          <li>
            <a href={domain.holder ? `/staff/customers/${domain.holder.customerNumber}` : '/staff'}>
              <DomainLabel unicode={domain.nameUnicode} ascii={domain.nameAscii} />
            </a>
            <small class="muted block">
              {t('staff.home.contract', { number: domain.contractNumber })} · <UserText text={holderOf(domain)} />
            </small>
          </li>
        ))}
      </Group>
      <Group title={t('staff.home.groupMailboxes')} count={results.mailboxes.length}>
        {results.mailboxes.map((mailbox) => (
          <li>
            <a href={`/staff/mail-accounts/${mailbox.id}/diagnose`}>
              <code>{mailbox.name}</code>
              {mailbox.matchedAddress && (
                <>
                  {' · '}
                  <UserText text={mailbox.matchedAddress} />
                </>
              )}
            </a>{' '}
            {mailbox.active !== 1 && <span class="badge badge-suspended">{t('staff.home.mailboxInactive')}</span>}
            <small class="muted block">
              <UserText text={holderOf(mailbox)} />
            </small>
          </li>
        ))}
      </Group>
      <Group title={t('staff.home.groupTickets')} count={results.tickets.length}>
        {results.tickets.map((ticket) => (
          <li>
            <a href={`/staff/tickets/${ticket.id}`}>
              {ticket.number} · <UserText text={ticket.subject} />
            </a>
            <small class="muted block">{t('staff.customer', { number: ticket.customerNumber })}</small>
          </li>
        ))}
      </Group>
    </>
  );
}

function Work({ ctx, home }: { ctx: ViewContext; home: StaffHome }) {
  const { t, lang } = ctx;
  const { workload, security } = home;
  return (
    <>
      <section aria-labelledby="work-heading">
        <h2 id="work-heading">{t('support.staff.workload')}</h2>
        <WorkloadTable ctx={ctx} workload={workload} />
        <p class="small">
          <a href="/staff/tickets">{t('staff.home.toQueue')}</a>
        </p>
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">
          {t('staff.home.mine')} <span class="badge">{workload.mine.count}</span>
        </h2>
        <StaffTicketTable ctx={ctx} tickets={workload.mine.tickets} empty={t('staff.home.mineNone')} />
        {workload.mine.count > workload.mine.tickets.length && (
          <p class="small">
            <a href="/staff/tickets?assignee=me">{t('staff.home.allMine', { count: workload.mine.count })}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading">
          {t('staff.home.unassigned')} <span class="badge">{workload.unassigned.count}</span>
        </h2>
        <StaffTicketTable ctx={ctx} tickets={workload.unassigned.tickets} empty={t('staff.home.unassignedNone')} />
        {workload.unassigned.count > workload.unassigned.tickets.length && (
          <p class="small">
            <a href="/staff/tickets?assignee=none">{t('staff.home.allUnassigned', { count: workload.unassigned.count })}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t('staff.home.waitingLongest')}</h2>
        <p class="hint">{t('staff.home.waitingHint')}</p>
        <StaffTicketTable ctx={ctx} tickets={workload.waitingLongest} empty={t('staff.home.waitingNone')} />
      </section>
      {security && (
        <section class="card" aria-labelledby="security-heading">
          <h2 id="security-heading">{t('staff.home.security')}</h2>
          <p class="hint">{t('staff.home.securityHint')}</p>
          {security.events.length === 0 ? (
            <p class="muted">{t('staff.home.securityNone')}</p>
          ) : (
            <ul class="plain">
              {security.events.map((event) => (
                <li>
                  <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time> · <strong>{describeSecurityEvent(t, event)}</strong>
                  {event.subject && <> · {describeParty(t, event.subject, security.names)}</>}
                  {event.ip && <span class="muted small"> · {event.ip}</span>}
                </li>
              ))}
            </ul>
          )}
          <p class="small">
            <a href="/staff/audit">{t('staff.home.toAudit')}</a>
          </p>
        </section>
      )}
    </>
  );
}

/**
 * The staff home: one search box over customers, domains, mailboxes and tickets (results grouped
 * by kind, each a link); without a search, the work.
 */
export function StaffHomePage({ ctx, query, results, home }: { ctx: ViewContext; query: string; results: SearchResults | null; home: StaffHome | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.home.title')}>
      <h1>{t('staff.home.title')}</h1>
      <SearchForm ctx={ctx} query={query} />
      {query ? (
        <>
          {results ? <Results ctx={ctx} results={results} /> : <p class="muted">{t('staff.searchHint')}</p>}
          <p class="small">
            <a href="/staff">{t('staff.home.back')}</a>
          </p>
        </>
      ) : (
        home && <Work ctx={ctx} home={home} />
      )}
    </Layout>
  );
}
