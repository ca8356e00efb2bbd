import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { FormCard } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { CodeField } from './two-factor.parts.tsx';
import { Secret } from '../../platform/views/secret.tsx';

/** The QR code, the key for typing by hand and the first code that confirms them. */
export function EnrollmentPage({ ctx, action, secret, qrDataUri, form, staffRequired }: { ctx: ViewContext; action: string; secret: string; qrDataUri: string; form: FormState; staffRequired?: boolean }) {
  const { t } = ctx;
  const grouped = secret.match(/.{1,4}/g)!.join(' ');
  return (
    <Layout ctx={ctx} title={t('twoFactor.setupTitle')} narrow hideNav={staffRequired}>
      <h1>{t('twoFactor.setupTitle')}</h1>
      {staffRequired && <p class="flash flash-info">{t('twoFactor.staffRequired')}</p>}
      <p class="lead">{t('twoFactor.setupIntro')}</p>
      <div class="card enrollment">
        <img src={qrDataUri} alt={t('twoFactor.qrAlt')} width={220} height={220} class="qr" />
        <p>
          {t('twoFactor.secret')}:{' '}
          <Secret ctx={ctx} id="secret-totp-key" class="totp-secret" value={grouped} copyText={secret} />
        </p>
      </div>
      <FormCard ctx={ctx} form={form} action={action} submit={t('twoFactor.confirmSetup')}>
        <CodeField ctx={ctx} form={form} label="twoFactor.setupCode" />
      </FormCard>
    </Layout>
  );
}
