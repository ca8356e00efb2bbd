import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { AuditEvent } from '../audit/index.ts';
import { SecurityEventsTable } from '../audit/ui.ts';
import type { FailedLogins } from './login-throttle.ts';
import { FailedLoginsCard } from './login-throttle.views.tsx';

/** "Mein Konto": a staff user's new password, and what happened to the account lately. */
export function StaffAccountPage({ ctx, login, form, failedLogins, events }: { ctx: ViewContext; login: string; form: FormState; failedLogins: FailedLogins; events: AuditEvent[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.account.title')}>
      <h1>{t('staff.account.title')}</h1>
      <p class="lead">{t('staff.account.intro', { login })}</p>
      <FormCard ctx={ctx} form={form} action="/staff/account/password" title={t('staff.account.passwordTitle')} intro={<p>{t('staff.account.passwordIntro')}</p>} submit={t('staff.account.save')}>
        <TextField ctx={ctx} form={form} name="currentPassword" label="staff.account.current" type="password" autocomplete="current-password" required maxLength={256} />
        <TextField ctx={ctx} form={form} name="password" label="staff.account.new" type="password" autocomplete="new-password" required maxLength={256} />
        <TextField ctx={ctx} form={form} name="passwordRepeat" label="staff.account.repeat" type="password" autocomplete="new-password" required maxLength={256} />
      </FormCard>
      <FailedLoginsCard ctx={ctx} failedLogins={failedLogins} />
      <section class="card">
        <h2>{t('security.eventsTitle')}</h2>
        <SecurityEventsTable ctx={ctx} events={events} />
      </section>
    </Layout>
  );
}
