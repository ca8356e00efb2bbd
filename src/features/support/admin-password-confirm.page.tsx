import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Csrf, ErrorSummary, TextArea } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { StaffSubnav, type Ticket } from './support.parts.tsx';

/**
 * "Neues Administrationspasswort setzen", asked first: what the action does and what stops
 * working, then the one button that runs it. From the second run on a ticket a reason is
 * required (it is written to the audit log). A plain form: works without JavaScript.
 */
export function AdminPasswordConfirmPage(props: { ctx: ViewContext; ticket: Ticket; account: string; contractNumber: string; runs: number; form: FormState }) {
  const { ctx, ticket, account, runs, form } = props;
  const { t } = ctx;
  const base = `/staff/tickets/${ticket.id}`;
  return (
    <Layout ctx={ctx} title={t('support.staff.confirmTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.confirmTitle')}</h1>
      <p>
        {t('support.ticketTitle', { number: ticket.number })}: <UserText text={ticket.subject} /> · <a href={`/staff/customers/${ticket.customerNumber}`}>{ticket.customerNumber}</a>
      </p>
      <section class="card" aria-labelledby="confirm-what">
        <h2 id="confirm-what">{t('support.staff.confirmWhat', { account })}</h2>
        <ul>
          <li>{t('support.staff.confirmOldPassword', { account })}</li>
          <li>{t('support.staff.confirmSessions')}</li>
          <li>{t('support.staff.confirmReveal')}</li>
          <li>{t('support.staff.confirmIrreversible')}</li>
        </ul>
        {runs > 0 && <p class="warning-box">{t('support.staff.confirmRepeat', { count: runs })}</p>}
        <ErrorSummary ctx={ctx} form={form} />
        <form method="post" action={`${base}/actions/admin-password`} class="form" novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="confirm" value="yes" />
          {runs > 0 && <TextArea ctx={ctx} form={form} name="reason" label="support.staff.reasonLabel" required rows={3} maxLength={500} />}
          <div class="actions">
            <button type="submit" class="button danger">
              {t('support.staff.confirmSubmit')}
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
