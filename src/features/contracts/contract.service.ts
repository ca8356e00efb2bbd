import type { Db, Dialect } from '../../platform/db/index.ts';
import { nextNumber } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Tariff } from './contracts.tables.ts';
import * as repo from './contract.repository.ts';
import { parseDomainName, type DomainName } from './domain-name.ts';
import { isAsciiSkeleton, mixedScriptsOf, skeletonOf } from './confusables.ts';

export const MAX_DOMAINS_PER_ORDER = 50;

/** Parses every domain of an order; repeated names and names taken by any contract are refused. */
export async function validateNewDomains(db: Db, inputs: string[]): Promise<DomainName[]> {
  const cleaned = inputs.map((d) => d.trim()).filter((d) => d.length > 0);
  if (cleaned.length === 0) throw new DomainError('validation', 'domain.required', { domains: { key: 'domain.required' } });
  if (cleaned.length > MAX_DOMAINS_PER_ORDER) {
    throw new DomainError('validation', 'domain.tooMany', { domains: { key: 'domain.tooMany', params: { max: MAX_DOMAINS_PER_ORDER } } }, { max: MAX_DOMAINS_PER_ORDER });
  }
  const names: DomainName[] = [];
  for (const input of cleaned) {
    const name = parseDomainName(input, 'domains');
    if (names.some((n) => n.ascii === name.ascii)) {
      throw fieldError('validation', 'domain.repeated', name.unicode);
    }
    names.push(name);
  }
  const taken = await repo.findTakenDomains(db, names.map((n) => n.ascii));
  if (taken.length > 0) {
    const first = names.find((n) => n.ascii === taken[0]!.nameAscii)!;
    throw fieldError('conflict', 'domain.duplicate', first.unicode);
  }
  return names;
}

/** Why a new domain may pass for another: the scripts it mixes, the name it looks like, or both. */
export interface LookalikeDomain {
  domain: DomainName;
  mixedScripts: string[] | null;
  similar: DomainName | null;
}

/**
 * The new domains (already validated) that mix scripts or share a skeleton with a domain of any
 * contract or with another domain of the same order. Nothing is refused here: whether such an
 * order goes through is the caller's decision, made explicitly.
 */
export async function findLookalikeDomains(db: Db, names: DomainName[]): Promise<LookalikeDomain[]> {
  const skeletons = names.map((n) => skeletonOf(n.unicode));
  const existing = await repo.findLookalikeCandidates(db, [...new Set(skeletons.filter(isAsciiSkeleton))]);
  const known = [...existing.map((d) => ({ ascii: d.nameAscii, unicode: d.nameUnicode, skeleton: skeletonOf(d.nameUnicode) })), ...names.map((n, i) => ({ ...n, skeleton: skeletons[i]! }))];
  return names.flatMap((domain, i) => {
    const mixedScripts = mixedScriptsOf(domain.unicode);
    const twin = known.find((k) => k.ascii !== domain.ascii && k.skeleton === skeletons[i]);
    const similar = twin ? { ascii: twin.ascii, unicode: twin.unicode } : null;
    return mixedScripts || similar ? [{ domain, mixedScripts, similar }] : [];
  });
}

function fieldError(code: 'validation' | 'conflict', key: 'domain.repeated' | 'domain.duplicate', domain: string) {
  return new DomainError(code, key, { domains: { key, params: { domain } } }, { domain });
}

export async function requireTariff(db: Db, code: string): Promise<Tariff> {
  const tariff = await repo.findTariffByCode(db, code);
  if (!tariff) throw new DomainError('validation', 'tariff.unknown', { tariff: { key: 'tariff.unknown', params: { code } } }, { code: code.slice(0, 40) });
  return tariff;
}

/**
 * Creates a contract with its domains inside the caller's transaction. Plesk contracts are
 * placed on a server of the tariff's Plesk version; their Plesk login is the contract number.
 */
export async function createContract(
  trx: Db,
  dialect: Dialect,
  input: { customerId: number; tariff: Tariff; domains: DomainName[] },
  now: Date,
) {
  const contractNumber = String(await nextNumber(trx, dialect, 'contract_number_seq'));
  const server = input.tariff.panel === 'plesk' ? await repo.findPanelServerForVersion(trx, input.tariff.pleskVersion) : undefined;
  const contract = await repo.insertContract(trx, {
    contractNumber,
    customerId: input.customerId,
    tariffId: input.tariff.id,
    status: 'active',
    panelServerId: server?.id ?? null,
    panelLogin: input.tariff.panel === 'plesk' ? `p${contractNumber}` : null,
    orderedAt: now.toISOString(),
  });
  const domains = await repo.insertDomains(trx, contract.id, input.domains, now);
  return { contract, domains };
}

/** Everything the Domainverwaltung shows: contracts of a customer, each with its domains. */
export async function listCustomerPortfolio(db: Db, customerId: number) {
  const rows = await repo.listContractsWithDomainsOfCustomer(db, customerId);
  type Domain = { id: number; contractId: number; nameAscii: string; nameUnicode: string };
  const contracts: (Omit<(typeof rows)[number], 'domainId' | 'domainNameAscii' | 'domainNameUnicode'> & { domains: Domain[] })[] = [];
  for (const { domainId, domainNameAscii, domainNameUnicode, ...contract } of rows) {
    let last = contracts.at(-1);
    if (last?.id !== contract.id) contracts.push((last = { ...contract, domains: [] }));
    if (domainId !== null) last.domains.push({ id: domainId, contractId: contract.id, nameAscii: domainNameAscii!, nameUnicode: domainNameUnicode! });
  }
  return contracts;
}
export type PortfolioContract = Awaited<ReturnType<typeof listCustomerPortfolio>>[number];
