import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { SecretListActions } from '../../platform/views/secret.tsx';

/** The fresh backup codes, shown this once. */
export function BackupCodesPage({ ctx, codes, next }: { ctx: ViewContext; codes: string[]; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.backupTitle')} narrow>
      <h1>{t('twoFactor.backupTitle')}</h1>
      <div class="secret card">
        <p>{t('twoFactor.backupIntro')}</p>
        <ul class="backup-codes" id="backup-codes" data-secret={codes.join('\n')}>
          {codes.map((code) => (
            <li>
              <code class="secret-value">{code}</code>
            </li>
          ))}
        </ul>
        <SecretListActions ctx={ctx} target="backup-codes" filename={t('twoFactor.backupFile')} />
      </div>
      <p>
        <a class="button primary" href={next}>
          {t('twoFactor.continue')}
        </a>
      </p>
    </Layout>
  );
}
