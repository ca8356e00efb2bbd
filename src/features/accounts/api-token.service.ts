import type { Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { requireSingleLine } from '../../platform/single-line.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { recordAudit } from '../audit/index.ts';

const TOKEN_PREFIX = 'hd_';

/** Creates an API token; the token is returned once, the database keeps its SHA-256. */
export async function createApiToken(db: Db, name: string, staffId: number, now: Date) {
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 100) {
    throw new DomainError('validation', 'common.formErrors', { name: { key: clean.length === 0 ? 'common.required' : 'common.tooLong', params: { max: 100 } } });
  }
  requireSingleLine(clean, 'name');
  const token = TOKEN_PREFIX + randomToken(32);
  const row = await db
    .insertInto('apiTokens')
    .values({
      name: clean,
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
      createdBy: staffId,
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    })
    .returning(['id', 'name', 'prefix'])
    .executeTakeFirstOrThrow();
  await recordAudit(db, { actor: `staff:${staffId}`, event: 'api_token.created', subject: `api-token:${row.id}`, details: { name: clean } }, now);
  return { ...row, token };
}

export async function revokeApiToken(db: Db, id: number, staffId: number, now: Date): Promise<void> {
  const result = await db.updateTable('apiTokens').set({ revokedAt: now.toISOString() }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DomainError('not_found', 'error.notFound');
  await recordAudit(db, { actor: `staff:${staffId}`, event: 'api_token.revoked', subject: `api-token:${id}` }, now);
}

export function listApiTokens(db: Db) {
  return db
    .selectFrom('apiTokens')
    .leftJoin('staffUsers', 'staffUsers.id', 'apiTokens.createdBy')
    .select(['apiTokens.id', 'apiTokens.name', 'prefix', 'apiTokens.createdAt', 'lastUsedAt', 'revokedAt', 'staffUsers.login as createdByLogin'])
    .orderBy('apiTokens.id', 'desc')
    .execute();
}

/** The token's id when the bearer token is known and not revoked. */
export async function verifyApiToken(db: Db, token: string, now: Date): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db.selectFrom('apiTokens').select(['id', 'lastUsedAt']).where('tokenHash', '=', sha256(token)).where('revokedAt', 'is', null).executeTakeFirst();
  if (!row) return null;
  // One write per minute at most: the token table is not a request log.
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return row.id;
}
