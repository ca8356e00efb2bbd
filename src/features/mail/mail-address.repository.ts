import type { Db } from '../../platform/db/index.ts';
import { domainDirectory } from '../contracts/index.ts';
import type { MailAddressKind } from './mail.tables.ts';

export function listAddressesOfContract(db: Db, contractId: number) {
  return db
    .selectFrom('mailAddresses')
    .innerJoin(domainDirectory(db).as('domains'), 'domains.id', 'mailAddresses.domainId')
    .select([
      'mailAddresses.id',
      'mailAddresses.domainId',
      'mailAddresses.localPart',
      'mailAddresses.address',
      'mailAddresses.kind',
      'mailAddresses.accountId',
      'mailAddresses.isPrimary',
      'domains.nameUnicode as domainUnicode',
    ])
    .where('mailAddresses.contractId', '=', contractId)
    .orderBy('domains.nameUnicode')
    .orderBy('mailAddresses.localPart')
    .execute();
}

export type AddressRow = Awaited<ReturnType<typeof listAddressesOfContract>>[number];

export function listTargetsOfAddresses(db: Db, addressIds: number[]) {
  if (addressIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mailForwardTargets').select(['addressId', 'target']).where('addressId', 'in', addressIds).orderBy('id').execute();
}

export function findAddressOfContract(db: Db, contractId: number, addressId: number) {
  return db.selectFrom('mailAddresses').selectAll().where('contractId', '=', contractId).where('id', '=', addressId).executeTakeFirst();
}

export function findAddress(db: Db, address: string) {
  return db.selectFrom('mailAddresses').selectAll().where('address', '=', address).executeTakeFirst();
}

/** Whether an account has a mailbox address yet (its first one becomes the primary address). */
export async function hasMailboxAddress(db: Db, accountId: number): Promise<boolean> {
  return (await db.selectFrom('mailAddresses').select('id').where('accountId', '=', accountId).limit(1).executeTakeFirst()) !== undefined;
}

export function insertAddress(
  db: Db,
  a: { contractId: number; domainId: number; localPart: string; address: string; kind: MailAddressKind; accountId: number | null; isPrimary: number },
  now: Date,
) {
  return db
    .insertInto('mailAddresses')
    .values({ ...a, createdAt: now.toISOString() })
    .returning(['id', 'address'])
    .executeTakeFirstOrThrow();
}

export async function insertTargets(db: Db, addressId: number, targets: string[]) {
  if (targets.length > 0) await db.insertInto('mailForwardTargets').values(targets.map((target) => ({ addressId, target }))).execute();
}

export function deleteAddressRow(db: Db, addressId: number) {
  return db.deleteFrom('mailAddresses').where('id', '=', addressId).executeTakeFirst();
}

export async function setPrimaryAddress(db: Db, accountId: number, addressId: number) {
  await db.updateTable('mailAddresses').set({ isPrimary: 0 }).where('accountId', '=', accountId).execute();
  await db.updateTable('mailAddresses').set({ isPrimary: 1 }).where('id', '=', addressId).where('accountId', '=', accountId).execute();
}

/** After a primary address went away, the oldest remaining one becomes primary. */
export async function ensurePrimaryAddress(db: Db, accountId: number) {
  const rows = await db.selectFrom('mailAddresses').select(['id', 'isPrimary']).where('accountId', '=', accountId).orderBy('id').execute();
  if (rows.length > 0 && !rows.some((r) => r.isPrimary)) await setPrimaryAddress(db, accountId, rows[0]!.id);
}
