import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, type MessageKey } from '../../platform/views/i18n.ts';
import { Csrf } from '../../platform/views/form.tsx';
import type { MailEndpoint } from '../../config.ts';
import type { PortfolioContract } from './contract.service.ts';
import type { ContractView } from './contract.repository.ts';

export function tariffLabel(ctx: ViewContext, c: Pick<PortfolioContract, 'tariffName' | 'panel' | 'pleskVersion'>): string {
  return `${c.tariffName} (${c.panel === 'plesk' ? ctx.t('panel.plesk', { version: c.pleskVersion ?? '' }) : ctx.t('panel.mailadmin')})`;
}

function PanelIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
      <path fill="currentColor" d="M3 4h18v4H3zm0 6h18v4H3zm0 6h18v4H3zM5 5.5h2v1H5zm0 6h2v1H5zm0 6h2v1H5z" />
    </svg>
  );
}

function DomainActions({ ctx, contract }: { ctx: ViewContext; contract: PortfolioContract }) {
  const { t } = ctx;
  if (contract.panel === 'plesk') {
    return (
      <span class="action-links">
        <form method="post" action={`/contracts/${contract.contractNumber}/panel`} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit" class="button icon-button" aria-label={t('domains.openPanel')} title={t('domains.openPanel')}>
            <PanelIcon />
            <span class="icon-label" aria-hidden="true">
              {t('domains.openPanel')}
            </span>
          </button>
        </form>
        <a class="button" href={`/contracts/${contract.contractNumber}/plesk-mail`}>
          {t('plesk.domains.mail')}
        </a>
      </span>
    );
  }
  return (
    <span class="action-links">
      <a class="button" href={`/contracts/${contract.contractNumber}/zugangsdaten#verwaltung`}>
        {t('domains.mailAdmin')}
      </a>
      <a class="button" href={`/contracts/${contract.contractNumber}/zugangsdaten`}>
        {t('domains.credentials')}
      </a>
    </span>
  );
}

export function DomainsPage(p: { ctx: ViewContext; name: string; contracts: PortfolioContract[] }) {
  const { t, lang } = p.ctx;
  const rows = p.contracts.flatMap((c) => c.domains.map((d) => ({ d, c })));
  return (
    <Layout ctx={p.ctx} title={t('domains.title')}>
      <p class="muted">{t('domains.welcome', { name: p.name })}</p>
      <h1>{t('domains.title')}</h1>
      <p class="lead">{t('domains.intro')}</p>
      <p class="help-link">
        <a href="/hilfe/zu/domains">{t('help.aboutThisPage')}</a>
      </p>
      {rows.length === 0 ? (
        <p class="card">{t('domains.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table domains">
            <thead>
              <tr>
                <th scope="col">{t('domains.domain')}</th>
                <th scope="col">{t('domains.contract')}</th>
                <th scope="col">{t('domains.tariff')}</th>
                <th scope="col" class="right">
                  {t('domains.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ d, c }) => (
                <tr>
                  <th scope="row" data-label={t('domains.domain')}>
                    <span class="domain">{d.nameUnicode}</span>
                    {d.nameUnicode !== d.nameAscii && <small class="muted block">{d.nameAscii}</small>}
                  </th>
                  <td data-label={t('domains.contract')}>{c.contractNumber}</td>
                  <td data-label={t('domains.tariff')}>{tariffLabel(p.ctx, c)}</td>
                  <td class="right">
                    <DomainActions ctx={p.ctx} contract={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('domains.contracts')}</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('domains.contract')}</th>
              <th scope="col">{t('domains.tariff')}</th>
              <th scope="col">{t('domains.status')}</th>
              <th scope="col">{t('domains.orderedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {p.contracts.map((c) => (
              <tr>
                <th scope="row" data-label={t('domains.contract')}>
                  {c.contractNumber}
                </th>
                <td data-label={t('domains.tariff')}>{tariffLabel(p.ctx, c)}</td>
                <td data-label={t('domains.status')}>
                  <span class={`badge badge-${c.status}`}>{t(`contract.status.${c.status}` as MessageKey)}</span>
                </td>
                <td data-label={t('domains.orderedAt')}>{formatDate(c.orderedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

interface AccountRow {
  name: string;
  quotaMb: number;
  active: number;
  passwordChangedAt: string;
}

export function CredentialsPage(p: { ctx: ViewContext; contract: ContractView; accounts: AccountRow[]; server: { imap: MailEndpoint; pop3: MailEndpoint; smtp: MailEndpoint } }) {
  const { t, lang } = p.ctx;
  const admin = `${p.contract.contractNumber}.001`;
  const sec = (e: MailEndpoint) => t(e.security === 'tls' ? 'credentials.tls' : 'credentials.starttls');
  const endpoints: [MessageKey, MailEndpoint][] = [
    ['credentials.imap', p.server.imap],
    ['credentials.pop3', p.server.pop3],
    ['credentials.outgoing', p.server.smtp],
  ];
  return (
    <Layout ctx={p.ctx} title={t('credentials.title', { contract: p.contract.contractNumber })}>
      <h1>{t('credentials.title', { contract: p.contract.contractNumber })}</h1>
      <p class="lead">{t('credentials.intro', { admin })}</p>
      <section class="card">
        <h2>{t('credentials.server')}</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('credentials.server')}</th>
                <th scope="col">Host</th>
                <th scope="col">{t('credentials.port')}</th>
                <th scope="col">{t('credentials.encryption')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map(([label, e]) => (
                <tr>
                  <th scope="row">{t(label)}</th>
                  <td>
                    <code>{e.host}</code>
                  </td>
                  <td>{e.port}</td>
                  <td>{sec(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" id="verwaltung">
        <h2>{t('credentials.account')}</h2>
        {p.accounts.length === 0 ? (
          <p>{t('credentials.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('credentials.userName')}</th>
                  <th scope="col">{t('credentials.quota')}</th>
                  <th scope="col">{t('credentials.passwordSet')}</th>
                </tr>
              </thead>
              <tbody>
                {p.accounts.map((a) => (
                  <tr>
                    <th scope="row">
                      <code>{a.name}</code> {a.active ? null : <span class="badge badge-suspended">{t('credentials.inactive')}</span>}
                    </th>
                    <td>{a.quotaMb} MB</td>
                    <td>{formatDate(a.passwordChangedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="muted">{t('credentials.passwordHint')}</p>
        <p>{t('credentials.lostPassword', { admin })}</p>
      </section>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}
