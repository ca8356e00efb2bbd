import type { Db } from '../../platform/db/index.ts';

// What other features may join of mail's tables, into their own queries (one round trip). Password
// hashes never leave mail.

export function mailAccountDirectory(db: Db) {
  return db.selectFrom('mailAccounts').select(['id', 'contractId', 'name']);
}
