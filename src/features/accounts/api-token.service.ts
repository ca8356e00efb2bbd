import { inTransaction, type Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { requireSingleLine } from '../../platform/single-line.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './api-token.repository.ts';

const TOKEN_PREFIX = 'hd_';

/** Creates an API token; the token is returned once, the database keeps its SHA-256. */
export async function createApiToken(db: Db, name: string, staffId: number, now: Date) {
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 100) {
    throw new DomainError('validation', 'common.formErrors', { name: { key: clean.length === 0 ? 'common.required' : 'common.tooLong', params: { max: 100 } } });
  }
  requireSingleLine(clean, 'name');
  const token = TOKEN_PREFIX + randomToken(32);
  const row = await inTransaction(db, async (trx) => {
    const created = await repo.insertApiToken(trx, {
      name: clean,
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
      createdBy: staffId,
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await recordAudit(trx, { actor: `staff:${staffId}`, event: 'api_token.created', subject: `api-token:${created.id}`, details: { name: clean } }, now);
    return created;
  });
  return { ...row, token };
}

/** The token staff are about to revoke, for its confirmation step; unknown or already revoked ones are not found. */
export async function findApiTokenToRevoke(db: Db, id: number) {
  const token = await repo.findUnrevokedApiToken(db, id);
  if (!token) throw new DomainError('not_found', 'error.notFound');
  return token;
}

export async function revokeApiToken(db: Db, id: number, staffId: number, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await repo.revokeApiTokenRow(trx, id, now.toISOString()))) throw new DomainError('not_found', 'error.notFound');
    await recordAudit(trx, { actor: `staff:${staffId}`, event: 'api_token.revoked', subject: `api-token:${id}` }, now);
  });
}

export function listApiTokens(db: Db) {
  return repo.listApiTokenRows(db);
}

/** The token's id when the bearer token is known and not revoked. */
export async function verifyApiToken(db: Db, token: string, now: Date): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await repo.findActiveApiToken(db, sha256(token));
  if (!row) return null;
  // One write per minute at most: the token table is not a request log.
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) {
    await repo.touchApiToken(db, row.id, now.toISOString());
  }
  return row.id;
}
