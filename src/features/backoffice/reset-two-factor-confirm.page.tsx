import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ConfirmActionForm } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Customer } from '../accounts/index.ts';

/** Resetting a customer's second factor, asked first on a page of its own (a plain form, no JavaScript needed). */
export function ResetTwoFactorConfirmPage({ ctx, customer, form }: { ctx: ViewContext; customer: Customer; form: FormState }) {
  const { t } = ctx;
  const base = `/staff/customers/${customer.customerNumber}`;
  return (
    <Layout ctx={ctx} title={t('backoffice.resetTwoFactorTitle', { number: customer.customerNumber })}>
      <h1>{t('backoffice.resetTwoFactorTitle', { number: customer.customerNumber })}</h1>
      <ConfirmActionForm
        ctx={ctx}
        form={form}
        id="reset"
        action={`${base}/reset-2fa`}
        cancelHref={base}
        title={t('backoffice.resetTwoFactorWhat')}
        consequences={[t('backoffice.resetTwoFactorPassword'), t('backoffice.resetTwoFactorMail', { email: customer.email }), t('backoffice.resetTwoFactorIdentity'), t('support.staff.confirmIrreversible')]}
        submit={t('backoffice.resetTwoFactorSubmit')}
      />
    </Layout>
  );
}
