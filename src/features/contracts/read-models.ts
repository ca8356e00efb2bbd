import type { Db } from '../../platform/db/index.ts';
import { lowerLike } from '../../platform/db/like.ts';

// What other features may join of contracts' tables, into their own queries (one round trip):
// `.leftJoin(contractDirectory(db).as('contracts'), 'contracts.id', 'supportTickets.contractId')`.

export function contractDirectory(db: Db) {
  return db.selectFrom('contracts').select(['id', 'contractNumber', 'customerId']);
}

export function domainDirectory(db: Db) {
  return db.selectFrom('domains').select(['id', 'contractId', 'nameAscii', 'nameUnicode']);
}

/** The customers holding a domain whose name contains the pattern (a `containsPattern`), as a subquery. */
export function domainHolderIds(db: Db, pattern: string) {
  return db
    .selectFrom('domains')
    .innerJoin('contracts', 'contracts.id', 'domains.contractId')
    .select('contracts.customerId')
    .where((d) => d.or([lowerLike('domains.name_ascii', pattern), lowerLike('domains.name_unicode', pattern)]));
}

/** The back office's search over domains (ASCII or Unicode form), with contract, tariff and holder. */
export function searchDomains(db: Db, pattern: string, limit: number) {
  return db
    .selectFrom('domains')
    .innerJoin('contracts', 'contracts.id', 'domains.contractId')
    .select(['domains.id', 'domains.nameAscii', 'domains.nameUnicode', 'contracts.contractNumber', 'contracts.status', 'contracts.customerId'])
    .where((d) => d.or([lowerLike('domains.name_ascii', pattern), lowerLike('domains.name_unicode', pattern)]))
    .orderBy('domains.nameAscii')
    .limit(limit)
    .execute();
}
