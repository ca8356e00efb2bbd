import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { CustomerUpdate, NewCustomer } from './accounts.tables.ts';

export function insertCustomer(db: Db, c: NewCustomer) {
  return db.insertInto('customers').values(c).returningAll().executeTakeFirstOrThrow();
}

export function findCustomerById(db: Db, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCustomerByNumber(db: Db, customerNumber: string) {
  return db.selectFrom('customers').selectAll().where('customerNumber', '=', customerNumber).executeTakeFirst();
}

export function findCustomerByEmail(db: Db, email: string) {
  return db.selectFrom('customers').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function updateCustomer(db: Db, id: number, changes: CustomerUpdate) {
  return db.updateTable('customers').set(changes).where('id', '=', id).execute();
}

export function insertMasterDataEvent(
  db: Db,
  e: { customerId: number; kind: 'confirmed' | 'changed'; changes: Record<string, { from: string; to: string }>; actor: string; createdAt: string },
) {
  return db
    .insertInto('masterDataEvents')
    .values({ ...e, changes: JSON.stringify(e.changes) })
    .execute();
}

export function listMasterDataEvents(db: Db, customerId: number, limit = 20) {
  return db
    .selectFrom('masterDataEvents')
    .select(['kind', 'changes', 'actor', 'createdAt'])
    .where('customerId', '=', customerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Staff search over number, name, company, e-mail and domain. `like` with escaped wildcards on
 * lower-cased columns behaves the same on SQLite and PostgreSQL (no `ilike`).
 */
export function searchCustomers(db: Db, query: string, limit = 50) {
  const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  return db
    .selectFrom('customers')
    .select(['customers.id', 'customerNumber', 'email', 'firstName', 'lastName', 'company', 'city', 'confirmedAt'])
    .where((eb) =>
      eb.or([
        eb('customerNumber', '=', query.trim()),
        like('customers.email'),
        like('customers.last_name'),
        like('customers.first_name'),
        like('customers.company'),
        eb(
          'customers.id',
          'in',
          eb
            .selectFrom('domains')
            .innerJoin('contracts', 'contracts.id', 'domains.contractId')
            .select('contracts.customerId')
            .where((d) => d.or([like('domains.name_ascii'), like('domains.name_unicode')])),
        ),
      ]),
    )
    .orderBy('customerNumber')
    .limit(limit)
    .execute();
}
