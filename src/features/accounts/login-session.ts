import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../platform/db/database.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { setFlash } from '../../platform/http/web.ts';

/** How long a password-checked login may wait for its second factor. */
export const PENDING_LOGIN_MS = 5 * 60_000;

/** Who logs in, with the credential generation their password (and code) was checked against. */
export interface LoginSubject {
  kind: 'customer' | 'staff';
  id: number;
  lang: Language;
  generation: number;
}

/** Logs the person in on a new session id: whatever id the visitor had before is worthless now. */
export async function startSession(request: FastifyRequest, who: LoginSubject, now: number): Promise<void> {
  await request.session.regenerate();
  Object.assign(request.session, who.kind === 'customer' ? { customerId: who.id } : { staffId: who.id }, { authAt: now, seenAt: now, lang: who.lang, generation: who.generation });
}

/** Password checked; the second factor comes next, on a fresh session id as well. */
export async function startPendingLogin(request: FastifyRequest, pending: LoginSubject & { next: string }, now: number): Promise<void> {
  await request.session.regenerate();
  request.session.lang = pending.lang;
  request.session.pending = { ...pending, at: now };
}

export function pendingLogin(request: FastifyRequest, kind: 'customer' | 'staff', now: number) {
  const pending = request.session.pending;
  return pending && pending.kind === kind && now - pending.at < PENDING_LOGIN_MS ? pending : null;
}

export type PendingLogin = NonNullable<ReturnType<typeof pendingLogin>>;

/** This request's session, as the one making a change to its own user's credentials. */
export function actingSession(request: FastifyRequest): ActingSession {
  return { id: request.session.sessionId, generation: request.session.generation ?? 0 };
}

/** After the user changed their own credentials: this session goes on with the new generation. */
export function keepSession(request: FastifyRequest, generation: number | null): void {
  if (generation !== null) request.session.generation = generation;
}

/**
 * Ends a login whose credentials changed since it began (its recorded generation is stale): the
 * session starts afresh with a note why. A form sent with it goes nowhere: the answer is the login
 * page, so nothing the stale login asked for is done ('answered': the hook must return the reply).
 */
export async function endStaleLogin(request: FastifyRequest, reply: FastifyReply, loginPath: string): Promise<'answered' | 'continue'> {
  await request.session.regenerate(['lang']);
  setFlash(request, 'info', 'login.credentialsChanged');
  if (request.method === 'GET' || request.method === 'HEAD') return 'continue';
  reply.redirect(loginPath, 303);
  return 'answered';
}
