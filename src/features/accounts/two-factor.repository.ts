import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { TwoFactorCredentialsTable } from './accounts.tables.ts';

export function findCredential(db: Db, subject: string) {
  return db.selectFrom('twoFactorCredentials').selectAll().where('subject', '=', subject).executeTakeFirst();
}

/** A new enrollment, or a restarted one: a fresh seed, not yet confirmed. */
export function upsertPendingCredential(db: Db, credential: Insertable<TwoFactorCredentialsTable> & { secretSealed: string; createdAt: string }) {
  return db
    .insertInto('twoFactorCredentials')
    .values(credential)
    .onConflict((oc) => oc.column('subject').doUpdateSet({ secretSealed: credential.secretSealed, createdAt: credential.createdAt, lastStep: 0 }))
    .execute();
}

export function confirmCredential(db: Db, subject: string, atIso: string, step: number) {
  return db.updateTable('twoFactorCredentials').set({ confirmedAt: atIso, lastStep: step }).where('subject', '=', subject).execute();
}

/** Records the time step of a code just used; false when another request used it (or a later one) first. */
export async function advanceLastStep(db: Db, subject: string, step: number): Promise<boolean> {
  const res = await db.updateTable('twoFactorCredentials').set({ lastStep: step }).where('subject', '=', subject).where('lastStep', '<', step).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Replaces the backup codes of a subject by new ones (their hashes). */
export async function replaceBackupCodes(db: Db, subject: string, codeHashes: string[]) {
  await db.deleteFrom('twoFactorBackupCodes').where('subject', '=', subject).execute();
  await db
    .insertInto('twoFactorBackupCodes')
    .values(codeHashes.map((codeHash) => ({ subject, codeHash, usedAt: null })))
    .execute();
}

/** Spends an unused backup code; false when it is unknown or spent. */
export async function spendBackupCode(db: Db, subject: string, codeHash: string, atIso: string): Promise<boolean> {
  const res = await db.updateTable('twoFactorBackupCodes').set({ usedAt: atIso }).where('subject', '=', subject).where('codeHash', '=', codeHash).where('usedAt', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countUnusedBackupCodes(db: Db, subject: string): Promise<number> {
  const row = await db
    .selectFrom('twoFactorBackupCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject', '=', subject)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes a subject's second factor: the seed and every backup code. */
export async function deleteSecondFactor(db: Db, subject: string) {
  await db.deleteFrom('twoFactorCredentials').where('subject', '=', subject).execute();
  await db.deleteFrom('twoFactorBackupCodes').where('subject', '=', subject).execute();
}
