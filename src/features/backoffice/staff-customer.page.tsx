import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Csrf, ErrorSummary, PostButton, TextArea } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatDateTime, type Translate } from '../../platform/views/i18n.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import { COUNTRY_LABELS, labelOf, SALUTATION_LABELS, type Customer } from '../accounts/index.ts';
import { ContractStatusBadge, DomainLabel, panelLabel } from '../contracts/ui.ts';
import { ContractLoginActivityDetails, MailboxUsageTable } from '../mail/ui.ts';
import { StaffTicketTable } from '../support/ui.ts';
import type { CustomerOverview } from './customer-overview.service.ts';

type OverviewContract = CustomerOverview['contracts'][number];

/** A label without its "(optional)": the customer's form says it, the overview need not. */
const short = (text: string) => text.replace(/ \(.*\)$/, '');

/** A stored value, or a dash when there is none. */
const valueOrDash = (text: string) => (text ? <UserText text={text} /> : '—');

function customerFacts(t: Translate, lang: ViewContext['lang'], customer: Customer, twoFactor: boolean) {
  const salutation = labelOf(SALUTATION_LABELS, customer.salutation);
  const country = labelOf(COUNTRY_LABELS, customer.country);
  const name = [customer.salutation && salutation ? t(salutation) : '', customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return [
    { label: short(t('field.email')), value: valueOrDash(customer.email) },
    { label: short(t('staff.name')), value: valueOrDash(name) },
    { label: short(t('field.company')), value: valueOrDash(customer.company) },
    { label: short(t('field.street')), value: valueOrDash(customer.street) },
    { label: short(t('field.city')), value: valueOrDash(`${customer.postcode} ${customer.city}`.trim()) },
    { label: short(t('field.country')), value: valueOrDash(country ? t(country) : customer.country) },
    { label: short(t('field.phone')), value: valueOrDash(customer.phone) },
    { label: short(t('staff.confirmedAt')), value: valueOrDash(customer.confirmedAt ? formatDateTime(customer.confirmedAt, lang) : t('staff.never')) },
    { label: short(t('twoFactor.title')), value: valueOrDash(twoFactor ? t('twoFactor.enabled') : t('twoFactor.disabled')) },
  ];
}

function ContractCard({ ctx, contract }: { ctx: ViewContext; contract: OverviewContract }) {
  const { t, lang } = ctx;
  return (
    <section class="card">
      <h3>
        {contract.contractNumber} · {contract.tariffName} <ContractStatusBadge ctx={ctx} status={contract.status} />
      </h3>
      <p class="muted">
        {panelLabel(ctx, contract)}
        {contract.panelServerName ? ` · ${contract.panelServerName}` : ''} · {t('domains.orderedAt')} {formatDate(contract.orderedAt, lang)}
      </p>
      <ul class="plain">
        {contract.domains.map((domain) => (
          <li>
            <DomainLabel unicode={domain.nameUnicode} ascii={domain.nameAscii} />
            {contract.panel === 'mailadmin' && (
              <>
                {' · '}
                <a href={`/staff/domains/${domain.nameAscii}/dns`}>{t('dnsCheck.link')}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {contract.mailAccounts.length > 0 && (
        <>
          <p>
          {t('staff.mailAccounts')}:{' '}
          {contract.mailAccounts.map((account) => (
            <a class="chip" href={`/staff/mail-accounts/${account.id}/diagnose`}>
              <code>{account.name}</code> {account.active === 1 ? t('staff.mailboxActive') : <span class="badge badge-suspended">{t('staff.home.mailboxInactive')}</span>}
            </a>
          ))}
          </p>
          <MailboxUsageTable ctx={ctx} accounts={contract.mailAccounts} />
        </>
      )}
      <ContractLoginActivityDetails ctx={ctx} activity={contract.mailActivity} />
    </section>
  );
}

export interface CustomerForms {
  reset?: FormState;
  note?: FormState;
}

function NotesCard({ ctx, overview, form }: { ctx: ViewContext; overview: CustomerOverview; form: FormState }) {
  const { t, lang } = ctx;
  const { customer, notes } = overview;
  return (
    <section class="card note-card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('backoffice.notes')}</h2>
      <p class="hint">{t('backoffice.notesHint')}</p>
      {notes.length === 0 ? (
        <p class="muted">{t('backoffice.notesNone')}</p>
      ) : (
        <ol class="plain conversation">
          {notes.map((note) => (
            <li class="message message-internal">
              <p class="message-meta">
                <strong>{note.authorName ?? '–'}</strong> · <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, lang)}</time>
              </p>
              <div class="message-body">
                <UserText text={note.body} />
              </div>
            </li>
          ))}
        </ol>
      )}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`/staff/customers/${customer.customerNumber}/notes`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="body" label="backoffice.noteLabel" required rows={3} maxLength={5000} />
        <button type="submit" class="button">
          {t('backoffice.noteSubmit')}
        </button>
      </form>
    </section>
  );
}

/**
 * The customer for staff to act on: master data (staff may correct it), the password-reset link,
 * the second factor (admins may reset it), tickets, contracts with domains and mailboxes and
 * their states, internal notes.
 */
export function StaffCustomerPage({ ctx, overview, forms = {} }: { ctx: ViewContext; overview: CustomerOverview; forms?: CustomerForms }) {
  const { t, lang } = ctx;
  const { customer, contracts } = overview;
  const base = `/staff/customers/${customer.customerNumber}`;
  const staffChange = overview.history.find((entry) => entry.kind === 'changed' && entry.actor.startsWith('staff:'));
  return (
    <Layout ctx={ctx} title={t('staff.customer', { number: customer.customerNumber })}>
      <h1>{t('staff.customer', { number: customer.customerNumber })}</h1>
      <section class="card" aria-labelledby="master-heading">
        <h2 id="master-heading">{t('backoffice.masterData')}</h2>
        <Facts items={customerFacts(t, lang, customer, overview.twoFactor)} />
        {staffChange && <p class="small muted">{t('backoffice.lastStaffChange', { date: formatDateTime(staffChange.createdAt, lang) })}</p>}
        {overview.canEdit && (
          <p>
            <a class="button" href={`${base}/stammdaten`}>
              {t('backoffice.editMasterData')}
            </a>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="access-heading">
        <h2 id="access-heading">{t('backoffice.access')}</h2>
        <p>{t('backoffice.resetLinkIntro', { email: customer.email })}</p>
        <ErrorSummary ctx={ctx} form={forms.reset ?? { values: {}, errors: {} }} />
        <PostButton ctx={ctx} action={`${base}/password-reset`} class="button">
          {t('backoffice.resetLinkSend')}
        </PostButton>
        {overview.canResetTwoFactor && (
          <>
            <h3>{t('twoFactor.resetByStaff')}</h3>
            <p>{t('twoFactor.resetByStaffIntro')}</p>
            {/* Irreversible: the link leads to the confirmation step, which runs it. */}
            <a class="button danger" href={`${base}/reset-2fa`}>
              {t('twoFactor.resetByStaff')}
            </a>
          </>
        )}
      </section>
      <section aria-labelledby="tickets-heading">
        <h2 id="tickets-heading">{t('backoffice.tickets')}</h2>
        <StaffTicketTable ctx={ctx} tickets={overview.tickets} empty={t('backoffice.ticketsNone')} customer="none" />
      </section>
      <h2>{t('staff.contracts')}</h2>
      {contracts.length === 0 && <p class="muted">{t('backoffice.contractsNone')}</p>}
      {contracts.map((contract) => (
        <ContractCard ctx={ctx} contract={contract} />
      ))}
      <NotesCard ctx={ctx} overview={overview} form={forms.note ?? { values: {}, errors: {} }} />
    </Layout>
  );
}
