import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Csrf, ErrorSummary, SelectField, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { Customer } from './accounts.tables.ts';
import { COUNTRIES, SALUTATIONS } from './master-data.ts';

const SALUTATION_KEYS: Record<(typeof SALUTATIONS)[number], MessageKey> = { '': 'salutation.none', mr: 'salutation.mr', ms: 'salutation.ms', diverse: 'salutation.diverse' };

export function MasterDataPage(p: {
  ctx: ViewContext;
  customer: Customer;
  form: FormState;
  due: boolean;
  history: { kind: string; changes: Record<string, unknown>; createdAt: string }[];
}) {
  const { t, lang } = p.ctx;
  const title = p.due ? t('masterData.confirmTitle') : t('masterData.title');
  const fieldLabel = (f: string) => t(`field.${f}` as MessageKey).replace(/ \(.*\)$/, '');
  return (
    <Layout ctx={p.ctx} title={title} hideNav={p.due}>
      <h1>{title}</h1>
      {p.due && <p class="lead">{t('masterData.confirmIntro')}</p>}
      <p class="muted">{p.customer.confirmedAt ? t('masterData.lastConfirmed', { date: formatDate(p.customer.confirmedAt, lang) }) : t('masterData.neverConfirmed')}</p>
      <form method="post" action="/stammdaten" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <dl class="facts">
          <div>
            <dt>{t('masterData.customerNumber')}</dt>
            <dd>{p.customer.customerNumber}</dd>
          </div>
          <div>
            <dt>{t('field.email')}</dt>
            <dd>{p.customer.email}</dd>
          </div>
        </dl>
        <div class="grid-2">
          <SelectField ctx={p.ctx} form={p.form} name="salutation" label="field.salutation" options={SALUTATIONS.map((s) => ({ value: s, label: t(SALUTATION_KEYS[s]) }))} />
          <TextField ctx={p.ctx} form={p.form} name="company" label="field.company" autocomplete="organization" maxLength={200} />
          <TextField ctx={p.ctx} form={p.form} name="firstName" label="field.firstName" autocomplete="given-name" required maxLength={100} />
          <TextField ctx={p.ctx} form={p.form} name="lastName" label="field.lastName" autocomplete="family-name" required maxLength={100} />
          <TextField ctx={p.ctx} form={p.form} name="street" label="field.street" autocomplete="street-address" required maxLength={200} />
          <TextField ctx={p.ctx} form={p.form} name="postcode" label="field.postcode" autocomplete="postal-code" required maxLength={20} />
          <TextField ctx={p.ctx} form={p.form} name="city" label="field.city" autocomplete="address-level2" required maxLength={100} />
          <SelectField ctx={p.ctx} form={p.form} name="country" label="field.country" options={COUNTRIES.map((c) => ({ value: c, label: t(`country.${c}` as MessageKey) }))} />
          <TextField ctx={p.ctx} form={p.form} name="phone" label="field.phone" type="tel" autocomplete="tel" maxLength={40} />
        </div>
        <div class="actions">
          <button type="submit" class="button primary">
            {p.due ? t('masterData.confirm') : t('masterData.save')}
          </button>
        </div>
      </form>
      {!p.due && (
        <>
          {p.history.length > 0 && (
            <section class="card">
              <h2>{t('masterData.history')}</h2>
              <ul class="plain">
                {p.history.map((h) => (
                  <li>
                    <time dateTime={h.createdAt}>{formatDateTime(h.createdAt, lang)}</time>{' '}
                    {h.kind === 'confirmed' ? t('masterData.historyConfirmed') : t('masterData.historyChanged', { fields: Object.keys(h.changes).map(fieldLabel).join(', ') })}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
