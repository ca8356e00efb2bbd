import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Tariff } from '../contracts/index.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { DomainLabel } from '../contracts/ui.ts';
import type { DomainName, LookalikeDomain } from '../contracts/index.ts';
import { lookalikeMessage, type FirstOrderResult } from './order.service.ts';

/** The warning for lookalike domains, and the one checkbox that lets the order through. */
function LookalikeWarning(p: { ctx: ViewContext; form: FormState; lookalikes: LookalikeDomain[] }) {
  const { t } = p.ctx;
  const error = p.form.errors.acceptConfusableDomains;
  return (
    <section class="warning-box" aria-labelledby="lookalikes-heading">
      <h2 id="lookalikes-heading">{t('order.lookalikesTitle')}</h2>
      <p>{t('order.lookalikesIntro')}</p>
      <ul>
        {p.lookalikes.map((l) => (
          <li>
            {l.mixedScripts && <span class="block">{t('domain.mixedScripts', { domain: l.domain.unicode, ascii: l.domain.ascii, scripts: l.mixedScripts.join(', ') })}</span>}
            {l.similar && <span class="block">{t(lookalikeMessage(l).key, lookalikeMessage(l).params)}</span>}
          </li>
        ))}
      </ul>
      <input type="hidden" name="warnedDomains" value={p.lookalikes.map((l) => l.domain.ascii).join('\n')} />
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

export function OrderFormPage(p: { ctx: ViewContext; tariffs: Tariff[]; form: FormState; message?: { key: MessageKey; params?: Record<string, string | number> }; lookalikes?: LookalikeDomain[] }) {
  const { t } = p.ctx;
  const options = p.tariffs.map((x) => ({
    value: x.code,
    label: `${x.name} – ${x.panel === 'plesk' ? t('panel.plesk', { version: x.pleskVersion ?? '' }) : t('panel.mailadmin')}`,
  }));
  return (
    <Layout ctx={p.ctx} title={t('order.title')}>
      <h1>{t('order.title')}</h1>
      <p class="lead">{t('order.intro')}</p>
      <form method="post" action="/staff/orders" class="card form" novalidate>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} message={p.message?.key} />
        <SelectField ctx={p.ctx} form={p.form} name="tariff" label="order.tariff" required options={options} />
        <TextArea ctx={p.ctx} form={p.form} name="domains" label="order.domains" required rows={4} />
        <TextField ctx={p.ctx} form={p.form} name="email" label="order.email" type="email" autocomplete="off" required maxLength={254} />
        <TextField ctx={p.ctx} form={p.form} name="customerNumber" label="order.customerNumber" inputMode="numeric" maxLength={20} />
        {p.lookalikes && p.lookalikes.length > 0 && <LookalikeWarning ctx={p.ctx} form={p.form} lookalikes={p.lookalikes} />}
        <div class="actions">
          <button type="submit" class="button primary">
            {t('order.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The one place a generated password is ever shown; the page is sent with no-store. */
export function OrderDonePage({ ctx, result, domainNames }: { ctx: ViewContext; result: FirstOrderResult; domainNames: DomainName[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('order.done')}>
      <h1>{t('order.done')}</h1>
      <dl class="facts card">
        <div>
          <dt>{t('masterData.customerNumber')}</dt>
          <dd>
            <a href={`/staff/customers/${result.customerNumber}`}>{result.customerNumber}</a>
          </dd>
        </div>
        <div>
          <dt>{t('domains.contract')}</dt>
          <dd>{result.contractNumber}</dd>
        </div>
        <div>
          <dt>{t('domains.domain')}</dt>
          <dd>
            <ul class="plain">
              {domainNames.map((d) => (
                <li>
                  <DomainLabel unicode={d.unicode} ascii={d.ascii} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {(result.customerPassword || result.mailAccount) && (
        <section class="secret card" aria-labelledby="secrets-heading">
          <h2 id="secrets-heading">{t('order.secretsOnce')}</h2>
          <dl class="facts">
            {result.customerPassword && (
              <div>
                <dt>{t('order.customerPassword')}</dt>
                <dd>
                  <code class="secret-value">{result.customerPassword}</code>
                </dd>
              </div>
            )}
            {result.mailAccount && (
              <>
                <div>
                  <dt>{t('order.mailAccount')}</dt>
                  <dd>
                    <code>{result.mailAccount.name}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t('order.mailPassword')}</dt>
                  <dd>
                    <code class="secret-value">{result.mailAccount.password}</code>
                  </dd>
                </div>
              </>
            )}
          </dl>
        </section>
      )}
      {!result.customerPassword && <p>{t('order.existingCustomer')}</p>}
    </Layout>
  );
}
