import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { LookalikeDomain, Tariff } from '../contracts/index.ts';
import { panelLabel } from '../contracts/ui.ts';
import { MasterDataFields } from '../accounts/ui.ts';
import { lookalikeMessage } from './order.service.ts';

/** The warning for lookalike domains, and the one checkbox that lets the order through. */
function LookalikeWarning({ ctx, form, lookalikes }: { ctx: ViewContext; form: FormState; lookalikes: LookalikeDomain[] }) {
  const { t } = ctx;
  const error = form.errors.acceptConfusableDomains;
  return (
    <section class="warning-box" aria-labelledby="lookalikes-heading">
      <h2 id="lookalikes-heading">{t('order.lookalikesTitle')}</h2>
      <p>{t('order.lookalikesIntro')}</p>
      <ul>
        {lookalikes.map((lookalike) => (
          <li>
            {lookalike.mixedScripts && (
              <span class="block">{t('domain.mixedScripts', { domain: lookalike.domain.unicode, ascii: lookalike.domain.ascii, scripts: lookalike.mixedScripts.join(', ') })}</span>
            )}
            {lookalike.similar && <span class="block">{t(lookalikeMessage(lookalike).key, lookalikeMessage(lookalike).params)}</span>}
          </li>
        ))}
      </ul>
      <input type="hidden" name="warnedDomains" value={lookalikes.map((lookalike) => lookalike.domain.ascii).join('\n')} />
      {error && (
        <p class="field-error" id="f-acceptConfusableDomains-error">
          {t(error.key, error.params)}
        </p>
      )}
      <div class={`field checkbox${error ? ' has-error' : ''}`}>
        <input id="f-acceptConfusableDomains" type="checkbox" name="acceptConfusableDomains" value="1" aria-describedby={error ? 'f-acceptConfusableDomains-error' : undefined} />{' '}
        <label for="f-acceptConfusableDomains">{t('order.confirmLookalikes')}</label>
      </div>
    </section>
  );
}

/** The customer's master data as the shop knows it: the Stammdaten page's fields, all optional here. */
function OrderMasterData({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="master-data-heading">
      <h2 id="master-data-heading">{t('order.masterDataTitle')}</h2>
      <p class="muted">{t('order.masterDataIntro')}</p>
      <MasterDataFields ctx={ctx} form={form} ownData={false} required={false} emptyCountry="order.countryNone">
        <SelectField
          ctx={ctx}
          form={form}
          name="language"
          label="order.language"
          // Empty is German, the default, and leaves an existing customer's language as it is.
          options={[
            { value: '', label: t('order.languageDefault') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
      </MasterDataFields>
    </section>
  );
}

/** Erstbestellung in the back office: tariff, domains, e-mail and, for an existing customer, the number. */
export function OrderFormPage({ ctx, tariffs, form, lookalikes }: { ctx: ViewContext; tariffs: Tariff[]; form: FormState; lookalikes?: LookalikeDomain[] | undefined }) {
  const { t } = ctx;
  const options = tariffs.map((tariff) => ({ value: tariff.code, label: `${tariff.name} – ${panelLabel(ctx, tariff)}` }));
  return (
    <Layout ctx={ctx} title={t('order.title')}>
      <h1>{t('order.title')}</h1>
      <p class="lead">{t('order.intro')}</p>
      <FormCard ctx={ctx} form={form} action="/staff/orders" submit={t('order.submit')}>
        <SelectField ctx={ctx} form={form} name="tariff" label="order.tariff" required options={options} />
        <TextArea ctx={ctx} form={form} name="domains" label="order.domains" required rows={4} />
        <TextField ctx={ctx} form={form} name="email" label="order.email" type="email" autocomplete="off" required maxLength={254} />
        <TextField ctx={ctx} form={form} name="customerNumber" label="order.customerNumber" inputMode="numeric" maxLength={20} />
        <OrderMasterData ctx={ctx} form={form} />
        {lookalikes && lookalikes.length > 0 && <LookalikeWarning ctx={ctx} form={form} lookalikes={lookalikes} />}
      </FormCard>
    </Layout>
  );
}
