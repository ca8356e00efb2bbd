import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { MailProtocol } from './login-activity.tables.ts';
import type { MailAppPasswordsTable } from './app-passwords.tables.ts';

const SHOWN_COLUMNS = ['id', 'accountId', 'name', 'imap', 'pop3', 'smtp', 'createdAt', 'expiresAt', 'lastUsedAt', 'lastUsedAddress', 'lastUsedProtocol'] as const;

export function listAppPasswordsOf(db: Db, accountId: number) {
  return db.selectFrom('mailAppPasswords').select(SHOWN_COLUMNS).where('accountId', '=', accountId).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
}

export type AppPasswordRow = Awaited<ReturnType<typeof listAppPasswordsOf>>[number];

export function countAppPasswordsOf(db: Db, accountId: number) {
  return db
    .selectFrom('mailAppPasswords')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('accountId', '=', accountId)
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n));
}

export function findAppPasswordOf(db: Db, accountId: number, id: number) {
  return db.selectFrom('mailAppPasswords').select(SHOWN_COLUMNS).where('accountId', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function isPublicIdTaken(db: Db, accountId: number, publicId: string): Promise<boolean> {
  return (await db.selectFrom('mailAppPasswords').select('id').where('accountId', '=', accountId).where('publicId', '=', publicId).executeTakeFirst()) !== undefined;
}

export function insertAppPassword(db: Db, row: Insertable<MailAppPasswordsTable>) {
  return db.insertInto('mailAppPasswords').values(row).returning(SHOWN_COLUMNS).executeTakeFirstOrThrow();
}

export function deleteAppPassword(db: Db, accountId: number, id: number) {
  return db.deleteFrom('mailAppPasswords').where('accountId', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export function setAppPasswordsOnly(db: Db, accountId: number, on: boolean) {
  return db.updateTable('mailAccounts').set({ appPasswordsOnly: on ? 1 : 0 }).where('id', '=', accountId).executeTakeFirst();
}

export function recordAppPasswordUse(db: Db, accountId: number, id: number, use: { at: string; address: string; protocol: MailProtocol }) {
  return db
    .updateTable('mailAppPasswords')
    .set({ lastUsedAt: use.at, lastUsedAddress: use.address, lastUsedProtocol: use.protocol })
    .where('accountId', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** App passwords that expired and whose expiry the mail servers have not heard of, with their account's name. */
export function listUndeliveredExpiries(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('mailAppPasswords')
    .innerJoin('mailAccounts', 'mailAccounts.id', 'mailAppPasswords.accountId')
    .select(['mailAppPasswords.id', 'mailAccounts.name as accountName'])
    .where('mailAppPasswords.expiryDelivered', '=', 0)
    .where('mailAppPasswords.expiresAt', '<=', now.toISOString())
    .limit(limit)
    .execute();
}

export function markExpiryDelivered(db: Db, id: number) {
  return db.updateTable('mailAppPasswords').set({ expiryDelivered: 1 }).where('id', '=', id).executeTakeFirst();
}
