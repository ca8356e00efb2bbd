import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { emptyForm, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { FormCard, PostButton, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MailOverview, OverviewAccount } from './mail-admin.service.ts';
import { formatMb, formatQuotaMb, sumUsage, usageOfAccount } from './mail-quota.service.ts';
import { UsageCell } from './mail-quota.views.tsx';
import { adminCrumb, adminUrl, domainOptions, MailHeader, PasswordFields, PasswordMeter, Protocols, shownAddress, StatusBadge, type MailAccess } from './mail-admin.parts.tsx';

/** The forms of the administration's main page, one of them shown again with its errors. */
export interface AdminForms {
  account?: FormState;
  forwarder?: FormState;
  catchAll?: FormState;
}

type Forwarding = MailOverview['forwarders'][number] | MailOverview['catchAlls'][number];

/** The E-Mail-Administration of one contract: its mailboxes, a new one, forwarders and catch-alls. */
export function MailAdminPage({ ctx, access, overview, forms, userInputs }: { ctx: ViewContext; access: MailAccess; overview: MailOverview; forms: AdminForms; userInputs: string[] }) {
  const { t } = ctx;
  const { contract } = overview;
  const base = adminUrl(contract.contractNumber);
  const domains = domainOptions(overview.domains);
  const full = overview.accounts.length >= contract.mailAccountLimit;
  const accountForm = forms.account ?? emptyForm({ quotaMb: String(contract.mailQuotaMb) });
  const forwarderForm = forms.forwarder ?? emptyForm();
  const catchAllForm = forms.catchAll ?? emptyForm();

  const accountColumns: Column<OverviewAccount>[] = [
    {
      label: t('mail.account.name'),
      rowHeader: true,
      cell: (account) => (
        <>
          <code>{account.name}</code>
          {account.isAdmin && <small class="muted block">{t('mail.account.adminNote')}</small>}
        </>
      ),
    },
    {
      label: t('mail.account.addresses'),
      cell: (account) =>
        account.addresses.length === 0 ? <span class="muted">{t('mail.account.noAddresses')}</span> : account.addresses.map((address) => <span class="chip">{shownAddress(address)}</span>),
    },
    { label: t('mail.quota.title'), cell: (account) => <UsageCell ctx={ctx} usage={usageOfAccount(account)} /> },
    { label: t('mail.account.protocols'), cell: (account) => <Protocols ctx={ctx} account={account} /> },
    { label: t('mail.account.status'), cell: (account) => <StatusBadge ctx={ctx} active={account.active} /> },
    {
      label: t('domains.actions'),
      actions: true,
      cell: (account) => (
        <a class="button" href={`${base}/accounts/${account.id}`} aria-label={t('mail.account.manageLabel', { account: account.name })}>
          {t('mail.account.manage')}
        </a>
      ),
    },
  ];

  const forwardingColumns: Column<Forwarding>[] = [
    {
      label: t('mail.forward.address'),
      rowHeader: true,
      cell: (forwarding) => (forwarding.kind === 'catchall' ? t('mail.forward.catchAllOf', { domain: forwarding.domainUnicode }) : shownAddress(forwarding)),
    },
    { label: t('mail.forward.targets'), cell: (forwarding) => forwarding.targets.join(', ') },
    {
      label: t('domains.actions'),
      actions: true,
      cell: (forwarding) => (
        <PostButton ctx={ctx} action={`${base}/addresses/${forwarding.id}/delete`} class="button danger">
          {t('mail.forward.remove')}
        </PostButton>
      ),
    },
  ];

  return (
    <Layout ctx={ctx} title={t('mail.admin.title', { contract: contract.contractNumber })} hideNav={access.via === 'password'}>
      <MailHeader ctx={ctx} access={access} contractNumber={contract.contractNumber} trail={[adminCrumb(ctx, contract.contractNumber, true)]} />
      <h1>{t('mail.admin.title', { contract: contract.contractNumber })}</h1>
      <p class="lead">{t('mail.admin.intro', { tariff: contract.tariffName, used: overview.accounts.length, limit: contract.mailAccountLimit })}</p>
      <p>
        <a class="button wrap" href={`/contracts/${contract.contractNumber}/zugangsdaten`}>
          {t('mail.admin.credentialsLink')}
        </a>
      </p>

      <h2 id="postfaecher">{t('mail.admin.accounts')}</h2>
      <DataTable columns={accountColumns} rows={overview.accounts} class="mail-accounts" />
      <UsageSum ctx={ctx} accounts={overview.accounts} />

      <section class="card" id="neu">
        <h2>{t('mail.admin.newAccount')}</h2>
        {full ? (
          <p>{t('mail.error.limit', { limit: contract.mailAccountLimit })}</p>
        ) : (
          <FormCard ctx={ctx} form={accountForm} action={`${base}/accounts`} submit={t('mail.admin.create')} plain>
            <div class="grid-2">
              <TextField ctx={ctx} form={accountForm} name="quotaMb" label="mail.account.quotaMb" inputMode="numeric" hint="mail.account.quotaHint" required maxLength={7} />
              <div />
              <TextField ctx={ctx} form={accountForm} name="localPart" label="mail.address.localPart" hint="mail.address.firstHint" maxLength={64} autocomplete="off" />
              <SelectField ctx={ctx} form={accountForm} name="domainId" label="mail.address.domain" options={domains} />
            </div>
            <PasswordFields ctx={ctx} form={accountForm} userInputs={userInputs} />
          </FormCard>
        )}
      </section>

      <h2 id="weiterleitungen">{t('mail.admin.forwarders')}</h2>
      <p class="muted">{t('mail.admin.forwardersIntro')}</p>
      <DataTable columns={forwardingColumns} rows={[...overview.forwarders, ...overview.catchAlls]} empty={null} class="mail-forwarders" />
      <div class="grid-2">
        <FormCard ctx={ctx} form={forwarderForm} action={`${base}/forwarders`} title={t('mail.forward.new')} level={3} submit={t('mail.forward.create')}>
          <TextField ctx={ctx} form={forwarderForm} name="localPart" label="mail.address.localPart" maxLength={64} autocomplete="off" required />
          <SelectField ctx={ctx} form={forwarderForm} name="domainId" label="mail.address.domain" options={domains} />
          <TextArea ctx={ctx} form={forwarderForm} name="targets" label="mail.forward.targetsLabel" rows={3} required />
          <p class="hint small muted">{t('mail.forward.targetsHint')}</p>
        </FormCard>
        <FormCard ctx={ctx} form={catchAllForm} action={`${base}/catch-all`} title={t('mail.catchAll.title')} level={3} submit={t('mail.catchAll.save')} intro={<p class="small muted">{t('mail.catchAll.intro')}</p>}>
          <SelectField ctx={ctx} form={catchAllForm} name="domainId" label="mail.address.domain" options={domains} />
          <TextArea ctx={ctx} form={catchAllForm} name="targets" label="mail.forward.targetsLabel" rows={2} required />
        </FormCard>
      </div>
      <PasswordMeter />
    </Layout>
  );
}

/** The contract's mailboxes together, below their table. */
function UsageSum({ ctx, accounts }: { ctx: ViewContext; accounts: OverviewAccount[] }) {
  if (accounts.length === 0) return null;
  const sum = sumUsage(accounts);
  return <p class="small">{ctx.t('mail.quota.sum', { used: formatMb(sum.usedBytes, ctx.lang), quota: formatQuotaMb(sum.quotaMb, ctx.lang) })}</p>;
}
