import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { FormCard, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { MAX_BODY, MAX_SUBJECT, TICKET_CATEGORIES } from './ticket.model.ts';
import { CATEGORY_LABEL, StaffSubnav } from './support.parts.tsx';

/** "Ticket aus E-Mail erfassen": a request that came by mail, recorded by staff (never authenticated). */
export function EmailTicketPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.staff.emailTicketTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.emailTicketTitle')}</h1>
      <p class="lead">{t('support.staff.emailTicketIntro')}</p>
      <FormCard ctx={ctx} form={form} action="/staff/tickets/new" submit={t('support.staff.emailSubmit')}>
        <TextField ctx={ctx} form={form} name="customer" label="support.staff.emailCustomer" required inputMode="numeric" maxLength={12} />
        <TextField ctx={ctx} form={form} name="contract" label="support.staff.emailContract" inputMode="numeric" maxLength={12} />
        <SelectField ctx={ctx} form={form} name="category" label="support.category" options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABEL[c]) }))} />
        <TextField ctx={ctx} form={form} name="subject" label="support.subject" required maxLength={MAX_SUBJECT} />
        <TextArea ctx={ctx} form={form} name="body" label="support.staff.emailBody" required rows={8} maxLength={MAX_BODY} />
      </FormCard>
    </Layout>
  );
}
