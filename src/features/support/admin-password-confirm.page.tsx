import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ConfirmActionForm } from '../../platform/views/form.tsx';
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
      <ConfirmActionForm
        ctx={ctx}
        form={form}
        action={`${base}/actions/admin-password`}
        cancelHref={base}
        title={t('support.staff.confirmWhat', { account })}
        consequences={[t('support.staff.confirmOldPassword', { account }), t('support.staff.confirmSessions'), t('support.staff.confirmReveal'), t('support.staff.confirmIrreversible')]}
        notice={runs > 0 && <p class="warning-box">{t('support.staff.confirmRepeat', { count: runs })}</p>}
        reason={runs > 0 ? { label: 'support.staff.reasonLabel', required: true } : undefined}
        submit={t('support.staff.confirmSubmit')}
      />
    </Layout>
  );
}
