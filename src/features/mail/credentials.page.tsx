import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Facts } from '../../platform/views/facts.tsx';
import { Csrf } from '../../platform/views/form.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { DnsRecord } from './client-setup.ts';
import type { MailServerSettings } from './mail.config.ts';
import type { MailOverview, OverviewAccount } from './mail-admin.service.ts';
import { adminCrumb, adminUrl, MailHeader, Protocols, shownAddress, type MailAccess } from './mail-admin.parts.tsx';
import { ServerTable } from './server-table.views.tsx';
import { RevealButton } from '../../platform/views/secret.tsx';
import { usageOfAccount } from './mail-quota.service.ts';
import { UsageCell } from './mail-quota.views.tsx';

/** An Apple profile with a new app password that could not be made: for which mailbox, and why. */
export interface AppProfileError {
  accountId: number;
  message: string;
}

/** The DNS records of one domain that let mail clients find their settings. */
export interface DomainRecords {
  domain: string;
  records: DnsRecord[];
}

/** Every user name that logs into a mailbox: its account name and each address (shown in Unicode where that differs). */
function userNamesOf(account: OverviewAccount) {
  return [{ login: account.name, shown: null as string | null }, ...account.addresses.map((address) => ({ login: address.address, shown: shownAddress(address) }))];
}

/** One mailbox's card: user names, password, protocols, quota and its client setup. */
function MailboxCredentials({ ctx, account, contractNumber, mobileconfigError, appProfileError }: { ctx: ViewContext; account: OverviewAccount; contractNumber: string; mobileconfigError?: number; appProfileError?: AppProfileError }) {
  const { t, lang } = ctx;
  const admin = `${contractNumber}.001`;
  const firstAddress = account.addresses[0] ? shownAddress(account.addresses[0]) : undefined;
  const profileUrl = `/contracts/${contractNumber}/zugangsdaten/${account.id}/apple.mobileconfig`;
  const wrongPassword = mobileconfigError === account.id;
  const deviceError = appProfileError?.accountId === account.id ? appProfileError.message : undefined;
  const appPasswordsUrl = `${adminUrl(contractNumber)}/accounts/${account.id}`;
  return (
    <section class="card" id={`postfach-${account.id}`}>
      <h2>
        {t('mail.cred.mailbox')} <code>{account.name}</code> {account.active ? null : <span class="badge badge-suspended">{t('mail.account.inactive')}</span>}
      </h2>
      <Facts
        items={[
          {
            label: t('mail.cred.userNames'),
            value: (
              <ul class="plain">
                {userNamesOf(account).map((userName) => (
                  <li>
                    <code>{userName.login}</code>
                    {userName.shown && userName.shown !== userName.login && <small class="muted block">{userName.shown}</small>}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            label: t('mail.cred.password'),
            value: (
              <>
                {t('mail.cred.passwordSetAt', { date: formatDate(account.passwordChangedAt, lang) })}
                <span class="block small muted">{t('mail.cred.passwordHidden')}</span>
              </>
            ),
          },
          { label: t('mail.account.protocols'), value: <Protocols ctx={ctx} account={account} /> },
          { label: t('mail.quota.title'), value: <UsageCell ctx={ctx} usage={usageOfAccount(account)} /> },
        ]}
      />
      <p>
        {account.isAdmin ? t('mail.cred.newPasswordAdmin', { admin }) : t('mail.cred.newPassword', { admin })}{' '}
        <a href={`${adminUrl(contractNumber)}/accounts/${account.id}#passwort`}>{t('mail.cred.setPassword')}</a>
      </p>
      <p>
        <a href={`/contracts/${contractNumber}/zugangsdaten/${account.id}/diagnose`}>{t('mail.diag.link')}</a>
      </p>
      <details>
        <summary>{t('mail.cred.clientSetup')}</summary>
        <ul>
          <li>{t('mail.cred.thunderbird', { address: firstAddress ?? account.name })}</li>
          <li>{t('mail.cred.outlook')}</li>
          <li>
            {t('mail.cred.appPasswordHint')} <a href={`${appPasswordsUrl}#app-passwoerter`}>{t('mail.cred.appPasswordLink')}</a>
          </li>
          <li>
            {t('mail.cred.apple')}{' '}
            {firstAddress ? (
              <>
                <a href={profileUrl} download>
                  {t('mail.cred.appleDownload')}
                </a>
                <form method="post" action={profileUrl} class="form">
                  <Csrf ctx={ctx} />
                  <div class={`field${wrongPassword ? ' has-error' : ''}`}>
                    <label for={`mc-${account.id}`}>{t('mail.cred.appleWithPassword')}</label>
                    {wrongPassword && <p class="field-error">{t('mail.cred.appleWrongPassword')}</p>}
                    <div class="password-input">
                      <input id={`mc-${account.id}`} name="password" type="password" autocomplete="current-password" maxLength={256} />
                      <RevealButton ctx={ctx} target={`mc-${account.id}`} />
                    </div>
                  </div>
                  <button type="submit" class="button">
                    {t('mail.cred.appleDownloadWithPassword')}
                  </button>
                </form>
                <form method="post" action={`/contracts/${contractNumber}/zugangsdaten/${account.id}/apple-app-password.mobileconfig`} class="form">
                  <Csrf ctx={ctx} />
                  <div class={`field${deviceError ? ' has-error' : ''}`}>
                    <label for={`mca-${account.id}`}>{t('mail.cred.appleWithAppPassword')}</label>
                    <p class="hint" id={`mca-${account.id}-hint`}>
                      {t('mail.cred.appleWithAppPasswordHint')}
                    </p>
                    {deviceError && (
                      <p class="field-error" id={`mca-${account.id}-error`}>
                        {deviceError}
                      </p>
                    )}
                    <input id={`mca-${account.id}`} name="device" type="text" maxLength={60} autocomplete="off" placeholder="iPhone" aria-describedby={`mca-${account.id}-hint${deviceError ? ` mca-${account.id}-error` : ''}`} />
                  </div>
                  <button type="submit" class="button">
                    {t('mail.cred.appleDownloadWithAppPassword')}
                  </button>
                </form>
              </>
            ) : (
              <span class="muted">{t('mail.cred.appleNeedsAddress')}</span>
            )}
          </li>
        </ul>
      </details>
    </section>
  );
}

/**
 * Zugangsdaten: for every mailbox of a contract, every user name that works, the servers with
 * ports and encryption, the client setup and where a new password comes from. One screen.
 */
export function CredentialsPage(props: {
  ctx: ViewContext;
  access: MailAccess;
  overview: MailOverview;
  server: MailServerSettings;
  dns: DomainRecords[];
  publicUrl: string;
  mobileconfigError?: number;
  appProfileError?: AppProfileError;
}) {
  const { ctx, access, overview } = props;
  const { t } = ctx;
  const contractNumber = overview.contract.contractNumber;
  const recordColumns: Column<DnsRecord>[] = [
    { label: t('mail.cred.dnsName'), cell: (record) => <code>{record.name}</code> },
    { label: t('mail.cred.dnsType'), cell: (record) => record.type },
    { label: t('mail.cred.dnsValue'), cell: (record) => <code>{record.value}</code> },
  ];
  return (
    <Layout ctx={ctx} title={t('mail.cred.title', { contract: contractNumber })} hideNav={access.via === 'password'}>
      <MailHeader
        ctx={ctx}
        access={access}
        contractNumber={contractNumber}
        trail={access.via === 'sso' ? [{ label: t('mail.crumb.credentials') }] : [adminCrumb(ctx, contractNumber), { label: t('mail.crumb.credentials') }]}
      />
      <h1>{t('mail.cred.title', { contract: contractNumber })}</h1>
      <p class="lead">{t('mail.cred.intro')}</p>
      <section class="card">
        <h2>{t('mail.cred.servers')}</h2>
        <ServerTable ctx={ctx} server={props.server} />
        <p class="small muted">{t('mail.cred.serverHint')}</p>
      </section>

      {overview.accounts.map((account) => (
        <MailboxCredentials ctx={ctx} account={account} contractNumber={contractNumber} mobileconfigError={props.mobileconfigError} appProfileError={props.appProfileError} />
      ))}

      <section class="card">
        <h2>{t('mail.cred.dns')}</h2>
        <p class="small muted">{t('mail.cred.dnsIntro', { url: `${props.publicUrl}/.well-known/autoconfig/mail/config-v1.1.xml` })}</p>
        {props.dns.map((domainRecords) => (
          <details>
            <summary>{domainRecords.domain}</summary>
            <DataTable columns={recordColumns} rows={domainRecords.records} compact />
          </details>
        ))}
      </section>
      <p>
        <a href={access.via === 'sso' ? '/domains' : adminUrl(contractNumber)}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}
