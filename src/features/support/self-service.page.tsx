import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Alert, FormCard, SelectField, TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { BackToSupport } from './support.parts.tsx';

/** "Administrationspasswort neu setzen": the customer's own reset of `.001`, behind their password. */
export function SelfServicePage(props: { ctx: ViewContext; form: FormState; contracts: { contractNumber: string; tariffName: string }[]; enabled: boolean; message?: MessageKey }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const options = props.contracts.map((c) => ({ value: c.contractNumber, label: t('support.linkContract', { number: c.contractNumber, tariff: c.tariffName }) }));
  return (
    <Layout ctx={ctx} title={t('support.selfTitle')} narrow>
      <BackToSupport ctx={ctx} />
      <h1>{t('support.selfTitle')}</h1>
      {!props.enabled ? (
        <p class="flash flash-info">
          {t('support.selfOff')} <a href="/support/tickets/new?category=admin_password">{t('support.newTicket')}</a>
        </p>
      ) : props.contracts.length === 0 ? (
        <p class="flash flash-info">{t('support.selfNone')}</p>
      ) : (
        <>
          <p>{t('support.selfIntro')}</p>
          <Alert ctx={ctx} message={props.message} />
          <FormCard ctx={ctx} form={form} action="/support/admin-password" submit={t('support.selfSubmit')}>
            {options.length === 1 ? (
              // One contract with an administration: nothing to choose, it is named and sent along.
              <div class="field">
                <span class="label">{t('support.selfContract')}</span>
                <p class="fixed-value">{options[0]!.label}</p>
                <input type="hidden" name="contract" value={options[0]!.value} />
              </div>
            ) : (
              <SelectField ctx={ctx} form={form} name="contract" label="support.selfContract" options={options} required />
            )}
            <TextField ctx={ctx} form={form} name="password" label="support.selfPassword" type="password" autocomplete="current-password" required />
          </FormCard>
        </>
      )}
    </Layout>
  );
}
