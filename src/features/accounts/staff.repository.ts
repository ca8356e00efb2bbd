import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { StaffUsersTable } from './accounts.tables.ts';

export function findStaffIdByLogin(db: Db, login: string) {
  return db.selectFrom('staffUsers').select('id').where('login', '=', login).executeTakeFirst();
}

export function insertStaffUser(db: Db, user: Insertable<StaffUsersTable>) {
  return db.insertInto('staffUsers').values(user).returning(['id', 'login', 'role']).executeTakeFirstOrThrow();
}

/** An active (not disabled) staff user by login. */
export function findActiveStaffByLogin(db: Db, login: string) {
  return db.selectFrom('staffUsers').selectAll().where('login', '=', login).where('disabledAt', 'is', null).executeTakeFirst();
}

/** An active (not disabled) staff user by id. */
export function findActiveStaffById(db: Db, id: number) {
  return db.selectFrom('staffUsers').selectAll().where('id', '=', id).where('disabledAt', 'is', null).executeTakeFirst();
}

export function updateStaffUser(db: Db, id: number, changes: Updateable<StaffUsersTable>) {
  return db.updateTable('staffUsers').set(changes).where('id', '=', id).execute();
}

export function listActiveStaff(db: Db) {
  return db.selectFrom('staffUsers').select(['id', 'name', 'login']).where('disabledAt', 'is', null).orderBy('name').execute();
}
