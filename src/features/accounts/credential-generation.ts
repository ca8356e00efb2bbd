import type { Db } from '../../platform/db/index.ts';
import { countSessionsOpenedWith, type ActingSession } from '../../platform/http/session-store.ts';
import { recordAudit } from '../audit/index.ts';

/** What changed: the words the owner reads in their security events are keyed by it. */
export type LoginCredential = 'password' | 'two_factor' | 'backup_codes';

export interface CredentialChange {
  credential: LoginCredential;
  /** Who made the change, for the audit log: the user themself, staff, `anonymous` for a reset link. */
  actor: string;
  ip: string | null;
  /** The session of the user changing their own credentials; null when someone else changes them. */
  acting: ActingSession | null;
}

/**
 * Records a change of a customer's or staff user's credentials (`customer:12`, `staff:3`): the
 * generation grows, so every session opened with the old one is void on its next request, in
 * every app process. The acting session is kept if it was valid before the change; the
 * generation it records from now on is returned (null when there is none to keep). Ended
 * sessions are one audit entry for the change. Runs inside the caller's transaction.
 */
export async function advanceLoginGeneration(trx: Db, subject: string, change: CredentialChange, now: Date): Promise<number | null> {
  const [kind, idText] = subject.split(':');
  const id = Number(idText);
  const bumped =
    kind === 'customer'
      ? await trx.updateTable('customers').set((eb) => ({ credentialGeneration: eb('credentialGeneration', '+', 1) })).where('id', '=', id).returning('credentialGeneration').executeTakeFirst()
      : kind === 'staff'
        ? await trx.updateTable('staffUsers').set((eb) => ({ credentialGeneration: eb('credentialGeneration', '+', 1) })).where('id', '=', id).returning('credentialGeneration').executeTakeFirst()
        : undefined;
  if (!bumped) throw new Error(`advanceLoginGeneration: no account for ${subject}`);
  const before = bumped.credentialGeneration - 1;
  const kept = change.acting?.generation === before ? change.acting : null;
  const ended = await countSessionsOpenedWith(trx, { subject }, before, now, kept?.id);
  if (ended > 0) {
    await recordAudit(trx, { actor: change.actor, event: 'sessions.ended', subject, ip: change.ip, details: { credential: change.credential, sessions: ended, keptOwn: kept !== null } }, now);
  }
  return kept ? bumped.credentialGeneration : null;
}
