import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { ApiTokensTable } from './accounts.tables.ts';

export function insertApiToken(db: Db, token: Insertable<ApiTokensTable>) {
  return db.insertInto('apiTokens').values(token).returning(['id', 'name', 'prefix']).executeTakeFirstOrThrow();
}

/** Revokes a token not yet revoked; false when there was none. */
export async function revokeApiTokenRow(db: Db, id: number, atIso: string): Promise<boolean> {
  const result = await db.updateTable('apiTokens').set({ revokedAt: atIso }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every token, newest first, with the login of the staff user who created it. */
export function listApiTokenRows(db: Db) {
  return db
    .selectFrom('apiTokens')
    .leftJoin('staffUsers', 'staffUsers.id', 'apiTokens.createdBy')
    .select(['apiTokens.id', 'apiTokens.name', 'prefix', 'apiTokens.createdAt', 'lastUsedAt', 'revokedAt', 'staffUsers.login as createdByLogin'])
    .orderBy('apiTokens.id', 'desc')
    .execute();
}

/** A token not yet revoked, by id: what its revocation asks about. */
export function findUnrevokedApiToken(db: Db, id: number) {
  return db.selectFrom('apiTokens').select(['id', 'name', 'prefix', 'lastUsedAt']).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
}

export function findActiveApiToken(db: Db, tokenHash: string) {
  return db.selectFrom('apiTokens').select(['id', 'lastUsedAt']).where('tokenHash', '=', tokenHash).where('revokedAt', 'is', null).executeTakeFirst();
}

export function touchApiToken(db: Db, id: number, atIso: string) {
  return db.updateTable('apiTokens').set({ lastUsedAt: atIso }).where('id', '=', id).execute();
}
