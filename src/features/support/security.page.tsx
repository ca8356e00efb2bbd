import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { AuditEvent } from '../audit/index.ts';
import { SecurityEventsTable } from '../audit/ui.ts';
import type { FailedLogins } from '../accounts/index.ts';
import { FailedLoginsCard } from '../accounts/ui.ts';
import { BackToSupport } from './support.parts.tsx';

/** The customer's security events in words, and the failed login attempts summed up per burst. */
export function SecurityPage({ ctx, events, failedLogins }: { ctx: ViewContext; events: AuditEvent[]; failedLogins: FailedLogins }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.securityTitle')}>
      <BackToSupport ctx={ctx} />
      <h1>{t('support.securityTitle')}</h1>
      <p class="lead">{t('support.securityIntro')}</p>
      <FailedLoginsCard ctx={ctx} failedLogins={failedLogins} />
      <SecurityEventsTable ctx={ctx} events={events} />
    </Layout>
  );
}
