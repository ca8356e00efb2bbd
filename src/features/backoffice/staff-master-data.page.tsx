import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Customer } from '../accounts/index.ts';
import { MasterDataFields } from '../accounts/ui.ts';

/** Staff correct a customer's master data; the customer sees in their history that support changed it. */
export function StaffMasterDataPage({ ctx, customer, form }: { ctx: ViewContext; customer: Customer; form: FormState }) {
  const { t } = ctx;
  const base = `/staff/customers/${customer.customerNumber}`;
  return (
    <Layout ctx={ctx} title={t('backoffice.editMasterDataTitle', { number: customer.customerNumber })}>
      <p class="small">
        <a href={base}>{t('backoffice.backToCustomer', { number: customer.customerNumber })}</a>
      </p>
      <h1>{t('backoffice.editMasterDataTitle', { number: customer.customerNumber })}</h1>
      <FormCard ctx={ctx} form={form} action={`${base}/stammdaten`} submit={t('backoffice.saveMasterData')} intro={<p class="hint">{t('backoffice.editMasterDataIntro')}</p>}>
        <MasterDataFields ctx={ctx} form={form} ownData={false} />
      </FormCard>
    </Layout>
  );
}
