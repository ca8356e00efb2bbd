import type { ViewContext } from '../../platform/views/context.ts';
import { Csrf } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import type { DnsRecord } from './client-setup.ts';
import type { MailServerSettings } from './mail.config.ts';
import { ServerTable } from './server-table.views.tsx';
import type { MailOverview } from './mail-admin.service.ts';
import type { MailAccess } from './mail-admin.views.tsx';

/**
 * Zugangsdaten: for every mailbox of a contract, every user name that works, the servers with
 * ports and encryption, the client setup and where a new password comes from. One screen.
 */
export function CredentialsPage(p: {
  ctx: ViewContext;
  access: MailAccess;
  overview: MailOverview;
  server: MailServerSettings;
  dns: { domain: string; records: DnsRecord[] }[];
  publicUrl: string;
  mobileconfigError?: number;
}) {
  const { t, lang } = p.ctx;
  const o = p.overview;
  const number = o.contract.contractNumber;
  const admin = `${number}.001`;
  return (
    <Layout ctx={p.ctx} title={t('mail.cred.title', { contract: number })} hideNav={p.access.via === 'password'}>
      <h1>{t('mail.cred.title', { contract: number })}</h1>
      <p class="lead">{t('mail.cred.intro')}</p>
      <section class="card">
        <h2>{t('mail.cred.servers')}</h2>
        <ServerTable ctx={p.ctx} server={p.server} />
        <p class="small muted">{t('mail.cred.serverHint')}</p>
      </section>

      {o.accounts.map((a) => {
        const userNames = [{ login: a.name, shown: null as string | null }, ...a.addresses.map((x) => ({ login: x.address, shown: `${x.localPart}@${x.domainUnicode}` }))];
        const shownAddress = a.addresses[0] ? `${a.addresses[0].localPart}@${a.addresses[0].domainUnicode}` : undefined;
        return (
          <section class="card" id={`postfach-${a.id}`}>
            <h2>
              {t('mail.cred.mailbox')} <code>{a.name}</code> {a.active ? null : <span class="badge badge-suspended">{t('mail.account.inactive')}</span>}
            </h2>
            <dl class="facts">
              <div>
                <dt>{t('mail.cred.userNames')}</dt>
                <dd>
                  <ul class="plain">
                    {userNames.map((u) => (
                      <li>
                        <code>{u.login}</code>
                        {u.shown && u.shown !== u.login && <small class="muted block">{u.shown}</small>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div>
                <dt>{t('mail.cred.password')}</dt>
                <dd>
                  {t('mail.cred.passwordSetAt', { date: formatDate(a.passwordChangedAt, lang) })}
                  <span class="block small muted">{t('mail.cred.passwordHidden')}</span>
                </dd>
              </div>
              <div>
                <dt>{t('mail.account.protocols')}</dt>
                <dd>{[a.imap && 'IMAP', a.pop3 && 'POP3', a.smtp && 'SMTP'].filter(Boolean).join(', ') || t('mail.account.noProtocols')}</dd>
              </div>
              <div>
                <dt>{t('mail.account.quota')}</dt>
                <dd>{a.quotaMb} MB</dd>
              </div>
            </dl>
            <p>
              {a.isAdmin ? t('mail.cred.newPasswordAdmin', { admin }) : t('mail.cred.newPassword', { admin })}{' '}
              <a href={`/mail-admin/${number}/accounts/${a.id}#passwort`}>{t('mail.cred.setPassword')}</a>
            </p>
            <p>
              <a href={`/contracts/${number}/zugangsdaten/${a.id}/diagnose`}>{t('mail.diag.link')}</a>
            </p>
            <details>
              <summary>{t('mail.cred.clientSetup')}</summary>
              <ul>
                <li>{t('mail.cred.thunderbird', { address: shownAddress ?? a.name })}</li>
                <li>{t('mail.cred.outlook')}</li>
                <li>
                  {t('mail.cred.apple')}{' '}
                  {shownAddress ? (
                    <>
                      <a href={`/contracts/${number}/zugangsdaten/${a.id}/apple.mobileconfig`} download>
                        {t('mail.cred.appleDownload')}
                      </a>
                      <form method="post" action={`/contracts/${number}/zugangsdaten/${a.id}/apple.mobileconfig`} class="form">
                        <Csrf ctx={p.ctx} />
                        <div class={`field${p.mobileconfigError === a.id ? ' has-error' : ''}`}>
                          <label for={`mc-${a.id}`}>{t('mail.cred.appleWithPassword')}</label>
                          {p.mobileconfigError === a.id && <p class="field-error">{t('mail.cred.appleWrongPassword')}</p>}
                          <input id={`mc-${a.id}`} name="password" type="password" autocomplete="current-password" maxLength={256} />
                        </div>
                        <button type="submit" class="button">
                          {t('mail.cred.appleDownloadWithPassword')}
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
      })}

      <section class="card">
        <h2>{t('mail.cred.dns')}</h2>
        <p class="small muted">{t('mail.cred.dnsIntro', { url: `${p.publicUrl}/.well-known/autoconfig/mail/config-v1.1.xml` })}</p>
        {p.dns.map((d) => (
          <details>
            <summary>{d.domain}</summary>
            <div class="table-wrap">
              <table class="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t('mail.cred.dnsName')}</th>
                    <th scope="col">{t('mail.cred.dnsType')}</th>
                    <th scope="col">{t('mail.cred.dnsValue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.records.map((r) => (
                    <tr>
                      <td>
                        <code>{r.name}</code>
                      </td>
                      <td>{r.type}</td>
                      <td>
                        <code>{r.value}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
      </section>
      <p>
        <a href={p.access.via === 'sso' ? '/domains' : `/mail-admin/${number}`}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}
