import type { Db } from '../../platform/db/index.ts';

export function insertMailAccount(
  db: Db,
  a: { contractId: number; name: string; passwordHash: string; quotaMb: number },
  now: Date,
) {
  const at = now.toISOString();
  return db
    .insertInto('mailAccounts')
    .values({ ...a, active: 1, imap: 1, pop3: 1, smtp: 1, createdAt: at, passwordChangedAt: at })
    .returning(['id', 'name', 'contractId', 'quotaMb'])
    .executeTakeFirstOrThrow();
}

export function listMailAccountsOfContracts(db: Db, contractIds: number[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mailAccounts')
    .select(['id', 'contractId', 'name', 'quotaMb', 'active', 'imap', 'pop3', 'smtp', 'createdAt', 'passwordChangedAt'])
    .where('contractId', 'in', contractIds)
    .orderBy('name')
    .execute();
}
