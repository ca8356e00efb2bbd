import type { FastifyRequest } from 'fastify';
import type { Language } from '../../platform/db/database.ts';

/** How long a password-checked login may wait for its second factor. */
export const PENDING_LOGIN_MS = 5 * 60_000;

/** Logs the person in on a new session id: whatever id the visitor had before is worthless now. */
export async function startSession(request: FastifyRequest, who: { kind: 'customer' | 'staff'; id: number; lang: Language }, now: number): Promise<void> {
  await request.session.regenerate();
  Object.assign(request.session, who.kind === 'customer' ? { customerId: who.id } : { staffId: who.id }, { authAt: now, seenAt: now, lang: who.lang });
}

/** Password checked; the second factor comes next, on a fresh session id as well. */
export async function startPendingLogin(request: FastifyRequest, pending: { kind: 'customer' | 'staff'; id: number; next: string; lang: Language }, now: number): Promise<void> {
  await request.session.regenerate();
  request.session.lang = pending.lang;
  request.session.pending = { ...pending, at: now };
}

export function pendingLogin(request: FastifyRequest, kind: 'customer' | 'staff', now: number) {
  const pending = request.session.pending;
  return pending && pending.kind === kind && now - pending.at < PENDING_LOGIN_MS ? pending : null;
}
