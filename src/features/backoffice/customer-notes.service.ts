import type { Db } from '../../platform/db/index.ts';
import { inTransaction } from '../../platform/db/index.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { staffDirectory, type Customer } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { backofficePolicy } from './backoffice.policies.ts';

/** A customer's internal notes, newest first, with their authors' names. */
export async function listCustomerNotes(db: Db, actor: Actor, customer: Pick<Customer, 'id'>) {
  backofficePolicy.authorize(actor, 'readNotes', customer, { reveal: true });
  return db
    .selectFrom('customerNotes')
    .leftJoin(staffDirectory(db).as('staffUsers'), 'staffUsers.id', 'customerNotes.staffId')
    .select(['customerNotes.id', 'customerNotes.body', 'customerNotes.createdAt', 'staffUsers.name as authorName'])
    .where('customerNotes.customerId', '=', customer.id)
    .orderBy('customerNotes.id', 'desc')
    .limit(100)
    .execute();
}
export type CustomerNoteView = Awaited<ReturnType<typeof listCustomerNotes>>[number];

/**
 * An internal note about a customer: its author and time are the note's, and the audit log
 * records that one was written (never its text). The customer's own security pages leave the
 * event out (audit's STAFF_ONLY_EVENTS).
 */
export async function addCustomerNote(db: Db, input: { actor: Actor; customer: Pick<Customer, 'id'>; body: string; ip: string | null }, now: Date) {
  backofficePolicy.authorize(input.actor, 'writeNote', input.customer, { reveal: true });
  if (input.actor.kind !== 'staff') throw new Error('unreachable: the policy admits staff only');
  const staffId = input.actor.staffId;
  await inTransaction(db, async (trx) => {
    const note = await trx
      .insertInto('customerNotes')
      .values({ customerId: input.customer.id, staffId, body: input.body, createdAt: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: auditActor(input.actor), event: 'customer.note_added', subject: `customer:${input.customer.id}`, ip: input.ip, details: { note: note.id } }, now);
  });
}
