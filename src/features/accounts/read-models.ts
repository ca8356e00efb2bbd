import type { Db } from '../../platform/db/index.ts';

// What other features may join of accounts' tables, into their own queries (one round trip):
// `.innerJoin(customerDirectory(db).as('customers'), 'customers.id', 'supportTickets.customerId')`.
// Accounts chooses the columns; password hashes and tokens never leave it.

export function customerDirectory(db: Db) {
  return db.selectFrom('customers').select(['id', 'customerNumber', 'email', 'firstName', 'lastName', 'company', 'language']);
}

export function staffDirectory(db: Db) {
  return db.selectFrom('staffUsers').select(['id', 'name', 'login']);
}
