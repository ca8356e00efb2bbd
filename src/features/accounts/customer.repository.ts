import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/index.ts';
import { containsPattern, lowerLike } from '../../platform/db/like.ts';
import type { Insertable } from 'kysely';
import type { CustomerUpdate, NewCustomer, PasswordResetTokensTable } from './accounts.tables.ts';

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

export function insertPasswordReset(db: Db, reset: Insertable<PasswordResetTokensTable>) {
  return db.insertInto('passwordResetTokens').values(reset).execute();
}

/** The customer of an unused, unexpired reset token (by its hash). */
export function findOpenPasswordReset(db: Db, tokenHash: string, nowIso: string) {
  return db
    .selectFrom('passwordResetTokens')
    .innerJoin('customers', 'customers.id', 'passwordResetTokens.customerId')
    .select(['passwordResetTokens.id as resetId', 'customers.id as customerId', 'customers.customerNumber', 'customers.email', 'customers.firstName', 'customers.lastName'])
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', nowIso)
    .executeTakeFirst();
}

/** Spends every open reset token of a customer; the number spent. */
export async function spendPasswordResets(db: Db, customerId: number, atIso: string): Promise<number> {
  const spent = await db.updateTable('passwordResetTokens').set({ usedAt: atIso }).where('customerId', '=', customerId).where('usedAt', 'is', null).executeTakeFirst();
  return Number(spent.numUpdatedRows);
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
 * Staff search over number, name, company and e-mail; `alsoIds(pattern)` adds the customers a
 * caller finds elsewhere (the back office: by domain, from contracts), within the same query.
 */
export function searchCustomers(db: Db, query: string, options: { alsoIds?: (pattern: string) => SelectQueryBuilder<Database, any, { customerId: number }> } = {}, limit = 50) {
  const pattern = containsPattern(query);
  const like = (column: string) => lowerLike(column, pattern);
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
        ...(options.alsoIds ? [eb('customers.id', 'in', options.alsoIds(pattern))] : []),
      ]),
    )
    .orderBy('customerNumber')
    .limit(limit)
    .execute();
}
