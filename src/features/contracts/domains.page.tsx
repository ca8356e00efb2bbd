import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Csrf } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import type { PortfolioContract } from './contract.service.ts';
import { ContractStatusBadge, tariffLabel } from './contracts.parts.tsx';

type PortfolioDomain = PortfolioContract['domains'][number];

function PanelIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
      <path fill="currentColor" d="M3 4h18v4H3zm0 6h18v4H3zm0 6h18v4H3zM5 5.5h2v1H5zm0 6h2v1H5zm0 6h2v1H5z" />
    </svg>
  );
}

/** To the right of a domain: "Paket verwalten" for Plesk tariffs, "E-Mail-Administration", "Zugangsdaten" and "DNS prüfen" for the others. */
function DomainActions({ ctx, contract, domain }: { ctx: ViewContext; contract: PortfolioContract; domain: PortfolioDomain }) {
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
      <a class="button" href={`/mail-admin/${contract.contractNumber}`}>
        {t('domains.mailAdmin')}
      </a>
      <a class="button" href={`/contracts/${contract.contractNumber}/zugangsdaten`}>
        {t('domains.credentials')}
      </a>
      {/* Mail on our servers: the DNS check (features/dns-check, above contracts) is reached by its URL only. */}
      <a class="button" href={`/domains/${domain.nameAscii}/dns`}>
        {t('dnsCheck.link')}
      </a>
    </span>
  );
}

/** Domainverwaltung: every domain of the customer with its contract and tariff, then the contracts. */
export function DomainsPage({ ctx, name, contracts }: { ctx: ViewContext; name: string; contracts: PortfolioContract[] }) {
  const { t, lang } = ctx;
  const domainRows = contracts.flatMap((contract) => contract.domains.map((domain) => ({ domain, contract })));
  const domainColumns: Column<{ domain: PortfolioDomain; contract: PortfolioContract }>[] = [
    {
      label: t('domains.domain'),
      rowHeader: true,
      cell: ({ domain }) => (
        <>
          <span class="domain">{domain.nameUnicode}</span>
          {domain.nameUnicode !== domain.nameAscii && <small class="muted block">{domain.nameAscii}</small>}
        </>
      ),
    },
    { label: t('domains.contract'), cell: ({ contract }) => contract.contractNumber },
    { label: t('domains.tariff'), cell: ({ contract }) => tariffLabel(ctx, contract) },
    { label: t('domains.actions'), actions: true, cell: ({ contract, domain }) => <DomainActions ctx={ctx} contract={contract} domain={domain} /> },
  ];
  const contractColumns: Column<PortfolioContract>[] = [
    { label: t('domains.contract'), rowHeader: true, cell: (contract) => contract.contractNumber },
    { label: t('domains.tariff'), cell: (contract) => tariffLabel(ctx, contract) },
    { label: t('domains.status'), cell: (contract) => <ContractStatusBadge ctx={ctx} status={contract.status} /> },
    { label: t('domains.orderedAt'), cell: (contract) => formatDate(contract.orderedAt, lang) },
  ];
  return (
    <Layout ctx={ctx} title={t('domains.title')}>
      <p class="muted">{t('domains.welcome', { name })}</p>
      <h1>{t('domains.title')}</h1>
      <p class="lead">{t('domains.intro')}</p>
      <p class="help-link">
        <a href="/hilfe/zu/domains">{t('help.aboutThisPage')}</a>
      </p>
      {domainRows.length === 0 ? <p class="card">{t('domains.none')}</p> : <DataTable columns={domainColumns} rows={domainRows} class="domains" />}
      <h2>{t('domains.contracts')}</h2>
      <DataTable columns={contractColumns} rows={contracts} />
    </Layout>
  );
}
