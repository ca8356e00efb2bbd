import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { FormCard } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatDateTime, type Translate } from '../../platform/views/i18n.ts';
import type { Customer } from './accounts.tables.ts';
import { labelOf, MASTER_DATA_FIELD_LABELS } from './master-data.labels.ts';
import { MasterDataFields } from './master-data.parts.tsx';

interface HistoryEntry {
  kind: string;
  /** Who: the customer themself, or staff (`staff:3`), which the customer is told. */
  actor: string;
  changes: Record<string, unknown>;
  createdAt: string;
}

/** A field's label without its "(optional)". */
const fieldLabel = (t: Translate, field: string) => {
  const key = labelOf(MASTER_DATA_FIELD_LABELS, field);
  return key ? t(key).replace(/ \(.*\)$/, '') : field;
};

/** "Stammdaten" (and, when due, "Stammdaten bestätigen" before anything else): the form and its history. */
export function MasterDataPage({ ctx, customer, form, due, history }: { ctx: ViewContext; customer: Customer; form: FormState; due: boolean; history: HistoryEntry[] }) {
  const { t, lang } = ctx;
  const title = due ? t('masterData.confirmTitle') : t('masterData.title');
  return (
    <Layout ctx={ctx} title={title} hideNav={due}>
      <h1>{title}</h1>
      {due && <p class="lead">{t('masterData.confirmIntro')}</p>}
      <p class="muted">{customer.confirmedAt ? t('masterData.lastConfirmed', { date: formatDate(customer.confirmedAt, lang) }) : t('masterData.neverConfirmed')}</p>
      <FormCard ctx={ctx} form={form} action="/stammdaten" submit={due ? t('masterData.confirm') : t('masterData.save')}>
        <Facts
          items={[
            { label: t('masterData.customerNumber'), value: customer.customerNumber },
            {
              label: t('field.email'),
              value: (
                <>
                  {customer.email}
                  {/* No self-service changes the login e-mail: support does, after checking who asks. */}
                  <span class="block small muted note">
                    {t('masterData.emailChange')}{' '}
                    {due ? null : <a href={`/support/tickets/new?category=other&subject=${encodeURIComponent(t('masterData.emailChangeSubject'))}`}>{t('masterData.emailChangeLink')}</a>}
                  </span>
                </>
              ),
            },
          ]}
        />
        <MasterDataFields ctx={ctx} form={form} />
      </FormCard>
      {!due && history.length > 0 && (
        <section class="card">
          <h2>{t('masterData.history')}</h2>
          <ul class="plain">
            {history.map((entry) => (
              <li>
                <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, lang)}</time>{' '}
                {entry.kind === 'confirmed'
                  ? t('masterData.historyConfirmed')
                  : t('masterData.historyChanged', { fields: Object.keys(entry.changes).map((field) => fieldLabel(t, field)).join(', ') })}
                {entry.actor.startsWith('staff:') && (
                  <>
                    {' '}
                    <span class="badge">{t('masterData.changedByStaff')}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
