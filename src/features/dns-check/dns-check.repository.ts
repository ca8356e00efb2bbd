import type { Db } from '../../platform/db/index.ts';
import { customerDirectory } from '../accounts/index.ts';
import { contractDirectory, domainDirectory } from '../contracts/index.ts';

/** A domain by its ASCII name, with the customer holding it (for the policy and the staff view's way back). */
export function findCheckableDomain(db: Db, nameAscii: string) {
  return db
    .selectFrom(domainDirectory(db).as('domains'))
    .innerJoin(contractDirectory(db).as('contracts'), 'contracts.id', 'domains.contractId')
    .innerJoin(customerDirectory(db).as('customers'), 'customers.id', 'contracts.customerId')
    .select(['domains.nameAscii', 'domains.nameUnicode', 'contracts.id as contractId', 'contracts.contractNumber', 'contracts.customerId', 'customers.customerNumber'])
    .where('domains.nameAscii', '=', nameAscii)
    .executeTakeFirst();
}

export type CheckableDomain = NonNullable<Awaited<ReturnType<typeof findCheckableDomain>>>;
