import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { ErrorSummary, PostButton } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatDateTime, type Translate } from '../../platform/views/i18n.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import { COUNTRY_LABELS, labelOf, SALUTATION_LABELS, type Customer } from '../accounts/index.ts';
import { ContractStatusBadge, DomainLabel, panelLabel } from '../contracts/ui.ts';
import { ContractLoginActivityDetails, MailboxUsageTable } from '../mail/ui.ts';
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
          <h4>{t('staff.mailAccounts')}</h4>
          <MailboxUsageTable ctx={ctx} accounts={contract.mailAccounts} />
        </>
      )}
      <ContractLoginActivityDetails ctx={ctx} activity={contract.mailActivity} />
    </section>
  );
}

/** The customer at a glance for staff: master data, the second factor (admins may reset it), contracts. */
export function StaffCustomerPage({ ctx, overview, resetForm }: { ctx: ViewContext; overview: CustomerOverview; resetForm: FormState }) {
  const { t, lang } = ctx;
  const { customer, contracts } = overview;
  return (
    <Layout ctx={ctx} title={t('staff.customer', { number: customer.customerNumber })}>
      <h1>{t('staff.customer', { number: customer.customerNumber })}</h1>
      <Facts class="card" items={customerFacts(t, lang, customer, overview.twoFactor)} />
      {overview.canResetTwoFactor && (
        <section class="card">
          <h2>{t('twoFactor.resetByStaff')}</h2>
          <p>{t('twoFactor.resetByStaffIntro')}</p>
          <ErrorSummary ctx={ctx} form={resetForm} />
          <PostButton ctx={ctx} action={`/staff/customers/${customer.customerNumber}/reset-2fa`} class="button danger">
            {t('twoFactor.resetByStaff')}
          </PostButton>
        </section>
      )}
      <h2>{t('staff.contracts')}</h2>
      {contracts.map((contract) => (
        <ContractCard ctx={ctx} contract={contract} />
      ))}
    </Layout>
  );
}
