import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { setFlash } from '../../platform/http/web.ts';
import { findContractIdByNumber, findMailContract } from '../contracts/index.ts';
import type { Actor } from './mail-admin.service.ts';
import type { MailAccess } from './mail-admin.views.tsx';
import { findMailCredentialGeneration } from './mail-account.repository.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';

export interface MailLoginState {
  accountId: number;
  contractId: number;
  admin: boolean;
  authAt: number;
  seenAt: number;
  /**
   * The account's credential generation the login was opened with; the login is void once the
   * account's differs. Missing in logins opened before generations existed (generation 0).
   */
  generation?: number;
}

declare module 'fastify' {
  interface Session {
    /** A login to the E-Mail Administration (`.001`) or to one mailbox's self-service. */
    mailLogin?: MailLoginState;
  }
}

/**
 * The mail login of this request, if it is still good: `ended` when it was void (timed out, or
 * the account's password changed since it began) and has just been removed from the session.
 */
export type LiveMailLogin = { login: MailLoginState; ended: false } | { login: null; ended: boolean };

/** This request's mail login, as the one changing its own account's password. */
export function actingMailSession(request: FastifyRequest, accountId: number): ActingSession | null {
  const login = request.session.mailLogin;
  return login && login.accountId === accountId ? { id: request.session.sessionId, generation: login.generation ?? 0 } : null;
}

/** After a mail login changed its own account's password: it goes on with the new generation. */
export function keepMailSession(request: FastifyRequest, generation: number | null): void {
  const login = request.session.mailLogin;
  if (login && generation !== null) request.session.mailLogin = { ...login, generation };
}

/** Who may reach the mail pages; like accounts/guards.ts, the one place that decides it. */
export function createMailGuards(deps: Pick<MailRouteDeps, 'db' | 'clock' | 'guards' | 'sessionIdleMs' | 'sessionAbsoluteMs'>) {
  const { db, clock } = deps;

  /**
   * Checks the session's mail login against the clock and against its account's credential
   * generation (one indexed read, on mail pages only), so a password changed in any app process
   * ends the login on its next request; so does the account's deletion.
   */
  async function liveMailLogin(request: FastifyRequest): Promise<LiveMailLogin> {
    const login = request.session.mailLogin;
    if (!login) return { login: null, ended: false };
    const now = clock().getTime();
    if (now - login.authAt > deps.sessionAbsoluteMs || now - login.seenAt > deps.sessionIdleMs) {
      delete request.session.mailLogin;
      return { login: null, ended: false };
    }
    const generation = await findMailCredentialGeneration(db, login.accountId);
    if (generation !== (login.generation ?? 0)) {
      delete request.session.mailLogin;
      setFlash(request, 'info', generation === undefined ? 'mail.login.loggedOut' : 'mail.login.credentialsChanged');
      return { login: null, ended: true };
    }
    if (now - login.seenAt > 60_000) request.session.mailLogin = { ...login, seenAt: now };
    return { login, ended: false };
  }

  /**
   * Who may administer a contract's mail: a `.001` login for that contract, or the contract's
   * owner logged into the customer area (single sign-on). Others get the same 404 as a missing
   * contract. A mail login that has just ended goes to the login page, whatever it asked for.
   */
  async function mailAccess(request: FastifyRequest, reply: FastifyReply, number: string): Promise<{ contractId: number; access: MailAccess; actor: Actor } | null> {
    const contractId = /^\d{1,12}$/.test(number) ? await findContractIdByNumber(db, number) : undefined;
    const { login, ended } = await liveMailLogin(request);
    if (ended) {
      reply.redirect('/mail-admin', 303);
      return null;
    }
    const ip = request.ip;
    if (login?.admin && contractId !== undefined && login.contractId === contractId) {
      return { contractId, access: { via: 'password', accountName: `${number}.001` }, actor: { actor: `mail-account:${number}.001`, ip } };
    }
    if (request.session.customerId) {
      await deps.guards.confirmedCustomer(request, reply);
      if (reply.sent) return null;
      const contract = contractId === undefined ? undefined : await findMailContract(db, contractId);
      if (!contract || contract.customerId !== request.customer!.id || contract.panel !== 'mailadmin') throw new DomainError('not_found', 'error.notFound');
      return { contractId: contract.id, access: { via: 'sso' }, actor: { actor: `customer:${request.customer!.id}`, ip } };
    }
    if (login) throw new DomainError('not_found', 'error.notFound');
    if (request.method !== 'GET') throw new DomainError('unauthorized', 'error.unauthorized');
    reply.redirect(`/mail-admin?next=${encodeURIComponent(request.url)}`, 303);
    return null;
  }

  return { liveMailLogin, mailAccess };
}
