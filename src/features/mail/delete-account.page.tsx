import type { ViewContext } from '../../platform/views/context.ts';
import { Csrf } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { OverviewAccount } from './mail-admin.service.ts';
import { adminCrumb, adminUrl, MailHeader, shownAddress, type MailAccess } from './mail-admin.parts.tsx';

/** "Postfach … löschen?": what goes with it, and the one button. */
export function DeleteAccountPage({ ctx, access, contractNumber, account }: { ctx: ViewContext; access: MailAccess; contractNumber: string; account: OverviewAccount }) {
  const { t } = ctx;
  const url = `${adminUrl(contractNumber)}/accounts/${account.id}`;
  return (
    <Layout ctx={ctx} title={t('mail.delete.title', { account: account.name })} narrow hideNav={access.via === 'password'}>
      <MailHeader
        ctx={ctx}
        access={access}
        contractNumber={contractNumber}
        trail={[adminCrumb(ctx, contractNumber), { label: t('mail.account.title', { account: account.name }), href: url }, { label: t('mail.crumb.delete') }]}
      />
      <h1>{t('mail.delete.title', { account: account.name })}</h1>
      <p class="error-summary">{t('mail.delete.warning', { account: account.name })}</p>
      {account.addresses.length > 0 && (
        <p>
          {t('mail.delete.addresses')} {account.addresses.map(shownAddress).join(', ')}
        </p>
      )}
      <form method="post" action={`${url}/delete`} class="actions">
        <Csrf ctx={ctx} />
        <button type="submit" class="button danger">
          {t('mail.delete.confirm')}
        </button>
        <a href={url}>{t('mail.delete.cancel')}</a>
      </form>
    </Layout>
  );
}
