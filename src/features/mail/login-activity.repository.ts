import type { Db } from '../../platform/db/index.ts';
import type { Insertable, Selectable } from 'kysely';
import type { MailLoginFailuresTable, MailLoginSuccessesTable } from './login-activity.tables.ts';

/**
 * Failure lines kept per account, and per contract for unknown names: a burst from one address
 * updates one line; a burst from many addresses (or many made-up names) replaces the oldest lines.
 */
export const FAILURE_LINES_CAP = 50;

export async function upsertLoginSuccess(db: Db, row: Insertable<MailLoginSuccessesTable>): Promise<void> {
  await db
    .insertInto('mailLoginSuccesses')
    .values(row)
    .onConflict((oc) => oc.columns(['accountId', 'protocol']).doUpdateSet({ at: row.at, clientAddress: row.clientAddress, tls: row.tls }))
    .execute();
}

/** What names a failure line; its count and times are the upsert's. */
export type FailureLine = Omit<Selectable<MailLoginFailuresTable>, 'id' | 'failures' | 'firstAt' | 'lastAt'>;

/** One more failure on its line (one atomic upsert); a new line pushes the oldest beyond the cap out. */
export async function addLoginFailure(db: Db, line: FailureLine, at: string): Promise<void> {
  const row = await db
    .insertInto('mailLoginFailures')
    .values({ ...line, failures: 1, firstAt: at, lastAt: at })
    .onConflict((oc) =>
      oc.columns(['target', 'protocol', 'clientAddress', 'reason']).doUpdateSet((eb) => ({ failures: eb('mailLoginFailures.failures', '+', 1), lastAt: at, login: line.login })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (Number(row.failures) !== 1) return;
  const newest = (accountId: number | null) => {
    const q = db.selectFrom('mailLoginFailures').select('id').orderBy('lastAt', 'desc').orderBy('id', 'desc').limit(FAILURE_LINES_CAP);
    return accountId !== null ? q.where('accountId', '=', accountId) : q.where('contractId', '=', line.contractId).where('accountId', 'is', null);
  };
  const stale = db.deleteFrom('mailLoginFailures').where('id', 'not in', newest(line.accountId));
  await (line.accountId !== null ? stale.where('accountId', '=', line.accountId) : stale.where('contractId', '=', line.contractId).where('accountId', 'is', null)).execute();
}

export function listLoginSuccesses(db: Db, accountId: number) {
  return db.selectFrom('mailLoginSuccesses').select(['protocol', 'at', 'clientAddress', 'tls']).where('accountId', '=', accountId).execute();
}

const FAILURE_COLUMNS = ['login', 'protocol', 'clientAddress', 'reason', 'failures', 'firstAt', 'lastAt'] as const;

export function listLoginFailures(db: Db, accountId: number, limit: number) {
  return db.selectFrom('mailLoginFailures').select(FAILURE_COLUMNS).where('accountId', '=', accountId).orderBy('lastAt', 'desc').limit(limit).execute();
}

export function listUnknownNameFailures(db: Db, contractIds: number[], limit: number) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mailLoginFailures')
    .select([...FAILURE_COLUMNS, 'contractId'])
    .where('contractId', 'in', contractIds)
    .where('accountId', 'is', null)
    .orderBy('lastAt', 'desc')
    .limit(limit)
    .execute();
}

export function listSuccessesOfAccounts(db: Db, accountIds: number[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mailLoginSuccesses').select(['accountId', 'protocol', 'at', 'clientAddress', 'tls']).where('accountId', 'in', accountIds).execute();
}

export function listFailuresOfAccounts(db: Db, accountIds: number[], limit: number) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mailLoginFailures').select([...FAILURE_COLUMNS, 'accountId']).where('accountId', 'in', accountIds).orderBy('lastAt', 'desc').limit(limit).execute();
}

/** The throttle ticket of an attempt Dovecot asked about, until it reports the result. */
export async function putPendingTicket(db: Db, attemptKey: string, ticket: string, at: string): Promise<void> {
  await db
    .insertInto('mailPolicyPending')
    .values({ attemptKey, ticket, createdAt: at })
    .onConflict((oc) => oc.column('attemptKey').doUpdateSet({ ticket, createdAt: at }))
    .execute();
}

/** Takes the pending ticket (only one report of the attempt gets it, in any app process). */
export async function takePendingTicket(db: Db, attemptKey: string): Promise<string | undefined> {
  const row = await db.deleteFrom('mailPolicyPending').where('attemptKey', '=', attemptKey).returning('ticket').executeTakeFirst();
  return row?.ticket;
}

export async function pruneLoginActivityRows(db: Db, olderThan: string, pendingBefore: string): Promise<void> {
  await db.deleteFrom('mailLoginSuccesses').where('at', '<', olderThan).execute();
  await db.deleteFrom('mailLoginFailures').where('lastAt', '<', olderThan).execute();
  await db.deleteFrom('mailPolicyPending').where('createdAt', '<', pendingBefore).execute();
}
