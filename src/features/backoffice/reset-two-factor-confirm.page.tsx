import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Csrf, ErrorSummary } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Customer } from '../accounts/index.ts';

/** Resetting a customer's second factor, asked first on a page of its own (a plain form, no JavaScript needed). */
export function ResetTwoFactorConfirmPage({ ctx, customer, form }: { ctx: ViewContext; customer: Customer; form: FormState }) {
  const { t } = ctx;
  const base = `/staff/customers/${customer.customerNumber}`;
  return (
    <Layout ctx={ctx} title={t('backoffice.resetTwoFactorTitle', { number: customer.customerNumber })}>
      <h1>{t('backoffice.resetTwoFactorTitle', { number: customer.customerNumber })}</h1>
      <section class="card" aria-labelledby="reset-what">
        <h2 id="reset-what">{t('backoffice.resetTwoFactorWhat')}</h2>
        <ul>
          <li>{t('backoffice.resetTwoFactorPassword')}</li>
          <li>{t('backoffice.resetTwoFactorMail', { email: customer.email })}</li>
          <li>{t('backoffice.resetTwoFactorIdentity')}</li>
          <li>{t('support.staff.confirmIrreversible')}</li>
        </ul>
        <ErrorSummary ctx={ctx} form={form} />
        <form method="post" action={`${base}/reset-2fa`} class="form" novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="confirm" value="yes" />
          <div class="actions">
            <button type="submit" class="button danger">
              {t('backoffice.resetTwoFactorSubmit')}
            </button>
            <a class="button" href={base}>
              {t('support.staff.confirmCancel')}
            </a>
          </div>
        </form>
      </section>
    </Layout>
  );
}
