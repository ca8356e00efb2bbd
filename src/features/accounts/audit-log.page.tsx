import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { ErrorSummary, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime, type MessageKey, type Translate } from '../../platform/views/i18n.ts';
import { AUDIT_EVENTS, type AuditEvent, type AuditEventCode } from '../audit/index.ts';
import { describeParty, describeSecurityEvent, type PartyNames } from '../audit/ui.ts';
import type { AuditFilterInput } from './staff.forms.ts';

/** The event codes by what they are about, for the filter's groups. */
const GROUP_LABEL: Record<string, MessageKey> = {
  customer: 'staff.auditGroup.customer',
  staff: 'staff.auditGroup.staff',
  two_factor: 'staff.auditGroup.twoFactor',
  sessions: 'staff.auditGroup.sessions',
  mail: 'staff.auditGroup.mail',
  support: 'staff.auditGroup.support',
  panel: 'staff.auditGroup.panel',
  panel_server: 'staff.auditGroup.panel',
  order: 'staff.auditGroup.other',
  api_token: 'staff.auditGroup.other',
  help: 'staff.auditGroup.other',
};

function eventGroups(t: Translate) {
  const groups = new Map<MessageKey, { code: AuditEventCode; label: string }[]>();
  for (const code of AUDIT_EVENTS) {
    const group = GROUP_LABEL[code.slice(0, code.indexOf('.'))] ?? 'staff.auditGroup.other';
    const list = groups.get(group) ?? [];
    list.push({ code, label: t(`audit.event.${code}`) });
    groups.set(group, list);
  }
  return [...groups].map(([group, events]) => ({ label: t(group), events: events.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** The query string of the filter, for the page links (only the fields that are set). */
function queryOf(filter: AuditFilterInput, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['event', 'actor', 'customer', 'from', 'to'] as const) if (filter[key]) params.set(key, filter[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/staff/audit?${query}` : '/staff/audit';
}

function Filters({ ctx, filter, form }: { ctx: ViewContext; filter: AuditFilterInput; form: FormState }) {
  const { t } = ctx;
  const error = form.errors.event;
  return (
    <form method="get" action="/staff/audit" class="card form" role="search" aria-label={t('staff.auditFilter')} novalidate>
      <ErrorSummary ctx={ctx} form={form} />
      <div class="filter-grid">
        <div class={`field${error ? ' has-error' : ''}`}>
          <label for="f-event">{t('staff.auditEvent')}</label>
          {error && (
            <p class="field-error" id="f-event-error">
              {t(error.key)}
            </p>
          )}
          <select id="f-event" name="event" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-event-error' : undefined}>
            <option value="">{t('staff.auditAnyEvent')}</option>
            {eventGroups(t).map((group) => (
              <optgroup label={group.label}>
                {group.events.map((event) => (
                  <option value={event.code} selected={event.code === filter.event}>
                    {event.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <TextField ctx={ctx} form={form} name="actor" label="staff.auditActorField" hint="staff.auditActorHint" maxLength={64} />
        <TextField ctx={ctx} form={form} name="customer" label="staff.auditCustomerField" maxLength={20} inputMode="numeric" />
        <TextField ctx={ctx} form={form} name="from" label="staff.auditFrom" type="date" />
        <TextField ctx={ctx} form={form} name="to" label="staff.auditTo" type="date" />
      </div>
      <div class="actions">
        <button type="submit" class="button primary">
          {t('staff.auditFilterSubmit')}
        </button>
        <a href="/staff/audit">{t('staff.auditFilterReset')}</a>
      </div>
    </form>
  );
}

/** The security log, newest first: who did what to what, in words and names; filters as a GET form, paged. */
export function AuditLogPage(props: { ctx: ViewContext; filter: AuditFilterInput; form: FormState; events: AuditEvent[] | null; names: PartyNames; more: boolean }) {
  const { ctx, filter, events } = props;
  const { t, lang } = ctx;
  const columns: Column<AuditEvent>[] = [
    { label: t('staff.auditAt'), rowHeader: true, cell: (event) => <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time> },
    { label: t('staff.auditActor'), cell: (event) => describeParty(t, event.actor, props.names) },
    { label: t('staff.auditEvent'), cell: (event) => describeSecurityEvent(t, event) },
    { label: t('staff.auditSubject'), cell: (event) => (event.subject ? describeParty(t, event.subject, props.names) : '—') },
    { label: t('staff.auditIp'), cell: (event) => event.ip ?? '—' },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.auditTitle')}>
      <h1>{t('staff.auditTitle')}</h1>
      <Filters ctx={ctx} filter={filter} form={props.form} />
      {events && (
        <>
          <DataTable columns={columns} rows={events} compact empty={t('staff.auditNone')} caption={t('staff.auditTitle')} />
          {(filter.page > 1 || props.more) && (
            <nav class="actions" aria-label={t('staff.auditPages')}>
              {filter.page > 1 && <a href={queryOf(filter, filter.page - 1)}>{t('staff.auditNewer')}</a>}
              <span class="muted small">{t('staff.auditPage', { page: filter.page })}</span>
              {props.more && <a href={queryOf(filter, filter.page + 1)}>{t('staff.auditOlder')}</a>}
            </nav>
          )}
        </>
      )}
    </Layout>
  );
}
