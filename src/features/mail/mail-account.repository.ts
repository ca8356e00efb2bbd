import type { Db } from '../../platform/db/index.ts';
import { containsPattern, lowerLike } from '../../platform/db/like.ts';
import { contractDirectory } from '../contracts/index.ts';

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

const ACCOUNT_COLUMNS = ['id', 'contractId', 'name', 'quotaMb', 'active', 'imap', 'pop3', 'smtp', 'createdAt', 'passwordChangedAt', 'credentialGeneration', 'appPasswordsOnly'] as const;

/** The contracts' accounts with their usage as Dovecot last reported it (null: not reported yet). */
export async function listMailAccountsOfContracts(db: Db, contractIds: number[]) {
  if (contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('mailAccounts')
    .leftJoin('mailQuotaUsage', 'mailQuotaUsage.accountName', 'mailAccounts.name')
    .select(ACCOUNT_COLUMNS.map((c) => `mailAccounts.${c}` as const))
    .select(['mailQuotaUsage.bytes as usedBytes', 'mailQuotaUsage.messages as usedMessages', 'mailQuotaUsage.warnedAt as quotaWarnedAt'])
    .where('mailAccounts.contractId', 'in', contractIds)
    .orderBy('mailAccounts.name')
    .execute();
  return rows.map((row) => ({ ...row, usedBytes: row.usedBytes === null ? null : Number(row.usedBytes), usedMessages: row.usedMessages === null ? null : Number(row.usedMessages) }));
}

/** An account's own columns (no password hash, no usage). */
export type MailAccountRow = NonNullable<Awaited<ReturnType<typeof findMailAccountById>>>;
/** An account with its reported usage (listMailAccountsOfContracts). */
export type MailAccountWithUsage = Awaited<ReturnType<typeof listMailAccountsOfContracts>>[number];

export function findMailAccountOfContract(db: Db, contractId: number, accountId: number) {
  return db.selectFrom('mailAccounts').select(ACCOUNT_COLUMNS).where('contractId', '=', contractId).where('id', '=', accountId).executeTakeFirst();
}

export function findMailAccountByName(db: Db, name: string) {
  return db.selectFrom('mailAccounts').select(ACCOUNT_COLUMNS).where('name', '=', name).executeTakeFirst();
}

/** The account a login names: its account name, or one of its mailbox addresses (as Dovecot does it). */
export async function findMailAccountForLogin(db: Db, login: string) {
  const byName = await db.selectFrom('mailAccounts').select([...ACCOUNT_COLUMNS, 'passwordHash']).where('name', '=', login).executeTakeFirst();
  if (byName) return byName;
  return db
    .selectFrom('mailAddresses')
    .innerJoin('mailAccounts', 'mailAccounts.id', 'mailAddresses.accountId')
    .select(ACCOUNT_COLUMNS.map((c) => `mailAccounts.${c}` as const))
    .select('mailAccounts.passwordHash')
    .where('mailAddresses.address', '=', login)
    .where('mailAddresses.kind', '=', 'mailbox')
    .executeTakeFirst();
}

export async function countMailAccounts(db: Db, contractId: number): Promise<number> {
  const row = await db
    .selectFrom('mailAccounts')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('contractId', '=', contractId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next account number: past every number this contract ever used (see mail_account_counters). */
export async function claimNextAccountIndex(db: Db, contractId: number): Promise<number> {
  const names = await db.selectFrom('mailAccounts').select('name').where('contractId', '=', contractId).execute();
  const usedMax = Math.max(0, ...names.map((n) => Number(n.name.split('.').at(-1))));
  const counter = await db.selectFrom('mailAccountCounters').select('lastIndex').where('contractId', '=', contractId).executeTakeFirst();
  const next = Math.max(usedMax, counter?.lastIndex ?? 0) + 1;
  if (counter) await db.updateTable('mailAccountCounters').set({ lastIndex: next }).where('contractId', '=', contractId).execute();
  else await db.insertInto('mailAccountCounters').values({ contractId, lastIndex: next }).execute();
  return next;
}

/** The account a mail login belongs to, with the credential generation the login is checked against (undefined when the account is gone). */
export function findMailLoginAccount(db: Db, accountId: number) {
  return db.selectFrom('mailAccounts').select(['id', 'name', 'contractId', 'credentialGeneration']).where('id', '=', accountId).executeTakeFirst();
}

export function findMailAccountById(db: Db, accountId: number) {
  return db.selectFrom('mailAccounts').select(ACCOUNT_COLUMNS).where('id', '=', accountId).executeTakeFirst();
}

/** The stored `{ARGON2ID}` hash of an account, for checking a password typed again. */
export async function findMailPasswordHash(db: Db, accountId: number): Promise<string | undefined> {
  const row = await db.selectFrom('mailAccounts').select('passwordHash').where('id', '=', accountId).executeTakeFirst();
  return row?.passwordHash;
}

/** Counts a change of an account's credentials; returns the generation before and after it. */
export async function advanceMailCredentialGeneration(db: Db, accountId: number): Promise<{ before: number; after: number } | undefined> {
  const row = await db
    .updateTable('mailAccounts')
    .set((eb) => ({ credentialGeneration: eb('credentialGeneration', '+', 1) }))
    .where('id', '=', accountId)
    .returning('credentialGeneration')
    .executeTakeFirst();
  return row ? { before: row.credentialGeneration - 1, after: row.credentialGeneration } : undefined;
}

export function updateMailAccount(
  db: Db,
  accountId: number,
  patch: Partial<{ passwordHash: string; passwordChangedAt: string; quotaMb: number; active: number; imap: number; pop3: number; smtp: number }>,
) {
  return db.updateTable('mailAccounts').set(patch).where('id', '=', accountId).executeTakeFirst();
}

export function deleteMailAccountRow(db: Db, accountId: number) {
  return db.deleteFrom('mailAccounts').where('id', '=', accountId).executeTakeFirst();
}

/**
 * The back office's search over mailboxes: by account name (`500001.002`) or by one of their
 * addresses, with the customer who holds the contract.
 */
export function searchMailAccounts(db: Db, query: string, limit: number) {
  const pattern = containsPattern(query);
  return db
    .selectFrom('mailAccounts')
    .innerJoin(contractDirectory(db).as('contracts'), 'contracts.id', 'mailAccounts.contractId')
    .select(['mailAccounts.id', 'mailAccounts.name', 'mailAccounts.active', 'contracts.contractNumber', 'contracts.customerId'])
    .select((eb) =>
      eb
        .selectFrom('mailAddresses')
        .select((a) => a.fn.min('mailAddresses.address').as('address'))
        .whereRef('mailAddresses.accountId', '=', 'mailAccounts.id')
        .where(lowerLike('mail_addresses.address', pattern))
        .as('matchedAddress'),
    )
    .where((eb) =>
      eb.or([
        lowerLike('mail_accounts.name', pattern),
        eb.exists(eb.selectFrom('mailAddresses').select('mailAddresses.id').whereRef('mailAddresses.accountId', '=', 'mailAccounts.id').where(lowerLike('mail_addresses.address', pattern))),
      ]),
    )
    .orderBy('mailAccounts.name')
    .limit(limit)
    .execute();
}
