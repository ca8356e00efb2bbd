export { parseDomainName, type DomainName } from './domain-name.ts';
export {
  validateNewDomains,
  findLookalikeDomains,
  type LookalikeDomain,
  requireTariff,
  createContract,
  listCustomerPortfolio,
  MAX_DOMAINS_PER_ORDER,
  type PortfolioContract,
} from './contract.service.ts';
export {
  listTariffs,
  createTariff,
  createPanelServer,
  findMailContract,
  findContractIdByNumber,
  listDomainsOfContracts,
  type MailContract,
} from './contract.repository.ts';
export type { Contract, ContractStatus, Domain, Panel, PanelServer, PanelServersTable, Tariff } from './contracts.tables.ts';
export { contractDirectory, domainDirectory, domainHolderIds, searchDomains } from './read-models.ts';
export {
  listPanelServers,
  findPanelServer,
  findPanelServerByName,
  listSimulatedPanelServers,
  insertPanelServer,
  updatePanelServer,
  listSubscriptionsOnServer,
} from './panel-server.repository.ts';
export { contractsPolicy } from './contracts.policies.ts';
