import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate, type MessageKey } from '../../platform/views/i18n.ts';
import { Csrf } from '../../platform/views/form.tsx';
import type { PortfolioContract } from './contract.service.ts';
import type { Domain } from './contracts.tables.ts';
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

function DomainActions({ ctx, contract, domain }: { ctx: ViewContext; contract: PortfolioContract; domain: Pick<Domain, 'nameAscii'> }) {
  const { t } = ctx;
  // Mail on our servers: the DNS check (features/dns-check, above contracts) is reached by its URL only.
  const dnsCheck = (
    <a class="button" href={`/domains/${domain.nameAscii}/dns`}>
      {t('dnsCheck.link')}
    </a>
  );
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
      <a class="button" href={`/mail-admin/${contract.contractNumber}`}>
        {t('domains.mailAdmin')}
      </a>
      <a class="button" href={`/contracts/${contract.contractNumber}/zugangsdaten`}>
        {t('domains.credentials')}
      </a>
      {dnsCheck}
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
                    <DomainActions ctx={p.ctx} contract={c} domain={d} />
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
