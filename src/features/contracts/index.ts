export { parseDomainName, type DomainName } from './domain-name.ts';
export {
  validateNewDomains,
  findLookalikeDomains,
  type LookalikeDomain,
  requireTariff,
  createContract,
  listCustomerPortfolio,
  findCustomerContract,
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
