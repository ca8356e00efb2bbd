import type { Db } from '../../platform/db/index.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { Insertable } from 'kysely';
import type { ContractsTable, Panel } from './contracts.tables.ts';

export function findTariffByCode(db: Db, code: string) {
  return db.selectFrom('tariffs').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listTariffs(db: Db) {
  return db.selectFrom('tariffs').selectAll().orderBy('panel').orderBy('code').execute();
}

export async function createTariff(
  db: Db,
  t: { code: string; name: string; panel: Panel; pleskVersion: string | null; mailAccountLimit: number; mailQuotaMb: number },
  now: Date,
) {
  return db
    .insertInto('tariffs')
    .values({ ...t, createdAt: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createPanelServer(db: Db, s: { name: string; url: string; version: string | null }, now: Date) {
  return db
    .insertInto('panelServers')
    .values({ ...s, createdAt: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The panel server a new Plesk contract goes to: the first one whose version matches the tariff. */
export function findPanelServerForVersion(db: Db, version: string | null) {
  let q = db.selectFrom('panelServers').selectAll().orderBy('id').limit(1);
  if (version) q = q.where('version', '=', version);
  return q.executeTakeFirst();
}

export async function insertContract(db: Db, contract: Insertable<ContractsTable>) {
  return db.insertInto('contracts').values(contract).returningAll().executeTakeFirstOrThrow();
}

export function findTakenDomains(db: Db, asciiNames: string[]) {
  if (asciiNames.length === 0) return Promise.resolve([]);
  return db.selectFrom('domains').select('nameAscii').where('nameAscii', 'in', asciiNames).execute();
}

/**
 * Domains that may share a skeleton with the given ones: those named exactly like an ASCII-only
 * skeleton (an ASCII name is its own skeleton), and every internationalised domain, whose
 * skeleton is computed by the caller. Internationalised names are a small part of a portfolio.
 */
export function findLookalikeCandidates(db: Db, asciiSkeletons: string[]) {
  return db
    .selectFrom('domains')
    .select(['nameAscii', 'nameUnicode'])
    .where((eb) => eb.or([eb('nameAscii', 'like', '%xn--%'), ...(asciiSkeletons.length > 0 ? [eb('nameAscii', 'in', asciiSkeletons)] : [])]))
    .execute();
}

export async function insertDomains(db: Db, contractId: number, names: { ascii: string; unicode: string }[], now: Date) {
  if (names.length === 0) return [];
  return db
    .insertInto('domains')
    .values(names.map((n) => ({ contractId, nameAscii: n.ascii, nameUnicode: n.unicode, createdAt: now.toISOString() })))
    .returningAll()
    .execute();
}

/** Contracts of one customer with tariff and panel server, newest first (a query to extend). */
function contractsOfCustomer(db: Db, customerId: number) {
  return db
    .selectFrom('contracts')
    .innerJoin('tariffs', 'tariffs.id', 'contracts.tariffId')
    .leftJoin('panelServers', 'panelServers.id', 'contracts.panelServerId')
    .select([
      'contracts.id',
      'contracts.contractNumber',
      'contracts.status',
      'contracts.orderedAt',
      'contracts.panelLogin',
      'tariffs.code as tariffCode',
      'tariffs.name as tariffName',
      'tariffs.panel',
      'tariffs.pleskVersion',
      'panelServers.name as panelServerName',
      'panelServers.url as panelServerUrl',
      'panelServers.version as panelServerVersion',
    ])
    .where('contracts.customerId', '=', customerId)
    .orderBy('contracts.orderedAt', 'desc')
    .orderBy('contracts.id', 'desc');
}

export function listDomainsOfContracts(db: Db, contractIds: number[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('domains')
    .select(['id', 'contractId', 'nameAscii', 'nameUnicode'])
    .where('contractId', 'in', contractIds)
    .orderBy('nameUnicode')
    .execute();
}

/**
 * Contracts of one customer with their domains, in one query: one
 * row per domain (a contract without domains gives one row with null domain columns).
 */
export function listContractsWithDomainsOfCustomer(db: Db, customerId: number) {
  return contractsWithDomains(db, { customerId });
}

// Prepared: the Domainverwaltung runs it on every view.
const contractsWithDomains = preparedQuery((db: Db, args: { customerId: number }) =>
  contractsOfCustomer(db, args.customerId)
    .leftJoin('domains', 'domains.contractId', 'contracts.id')
    .select(['domains.id as domainId', 'domains.nameAscii as domainNameAscii', 'domains.nameUnicode as domainNameUnicode'])
    .orderBy('domains.nameUnicode'),
);

/** A contract with what the mail feature needs from its tariff: the account limit and the quota per account. */
export function findMailContract(db: Db, contractId: number) {
  return db
    .selectFrom('contracts')
    .innerJoin('tariffs', 'tariffs.id', 'contracts.tariffId')
    .select([
      'contracts.id',
      'contracts.contractNumber',
      'contracts.customerId',
      'contracts.status',
      'tariffs.name as tariffName',
      'tariffs.panel',
      'tariffs.mailAccountLimit',
      'tariffs.mailQuotaMb',
    ])
    .where('contracts.id', '=', contractId)
    .executeTakeFirst();
}

export type MailContract = NonNullable<Awaited<ReturnType<typeof findMailContract>>>;

export async function findContractIdByNumber(db: Db, contractNumber: string): Promise<number | undefined> {
  const row = await db.selectFrom('contracts').select('id').where('contractNumber', '=', contractNumber).executeTakeFirst();
  return row?.id;
}
