import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { Alert, FormCard, type Message } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { CodeField } from './two-factor.parts.tsx';

/** The second login step (customers and staff): a code from the app or a backup code. */
export function SecondFactorPage({ ctx, action, form, message, notice }: { ctx: ViewContext; action: string; form: FormState; message?: Message; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.codeTitle')} narrow>
      <h1>{t('twoFactor.codeTitle')}</h1>
      <p class="lead">{t('twoFactor.codeIntro')}</p>
      <Alert ctx={ctx} message={message} />
      {notice && (
        <p class="flash flash-info" role="status">
          {t(notice)}
        </p>
      )}
      <FormCard ctx={ctx} form={form} action={action} submit={t('twoFactor.submit')}>
        <CodeField ctx={ctx} form={form} />
      </FormCard>
    </Layout>
  );
}
