import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { setFlash } from '../../platform/http/web.ts';
import type { Actor } from '../../platform/policy.ts';
import { actorOf } from '../accounts/index.ts';
import { findContractIdByNumber, findMailContract, type MailContract } from '../contracts/index.ts';
import { findMailLoginAccount } from './mail-account.repository.ts';
import type { MailActing } from './mail-admin.service.ts';
import type { MailAccess } from './mail-admin.parts.tsx';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { mailPolicy } from './mail.policies.ts';

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
    /**
     * A login to the E-Mail Administration (`.001`) or to one mailbox's self-service; its idle and
     * absolute timeouts are platform's (registerSubLoginLifecycle in mail.plugin.ts).
     */
    mailLogin?: MailLoginState;
  }
}

/** The session field that holds the mail login, for the platform's sub-login lifecycle. */
export const MAIL_LOGIN_FIELD = 'mailLogin';

/**
 * The mail login of this request as an actor, if it is still good: `ended` when it was void (the
 * account's password changed since it began, or the account is gone) and has just been removed.
 */
export type LiveMailLogin = { login: MailLoginState; actor: Actor & { kind: 'mail-account' }; ended: false } | { login: null; actor: null; ended: boolean };

/** This request's mail login, as the one changing its own account's password. */
export function actingMailSession(request: FastifyRequest, actor: Actor, account: { id: number; contractId: number }): ActingSession | null {
  const login = request.session.mailLogin;
  return login && mailPolicy.can(actor, 'keepLoginAfterPasswordChange', account) ? { id: request.session.sessionId, generation: login.generation ?? 0 } : null;
}

/** After a mail login changed its own account's password: it goes on with the new generation. */
export function keepMailSession(request: FastifyRequest, generation: number | null): void {
  const login = request.session.mailLogin;
  if (login && generation !== null) request.session.mailLogin = { ...login, generation };
}

/** Who administers a contract's mail in this request, and how the pages and the audit log name them. */
export interface MailAdministration {
  contract: MailContract;
  access: MailAccess;
  actor: Actor;
  by: MailActing;
}

/**
 * Who may reach the mail pages; the rules are mailPolicy's, this finds the actor. The timeouts
 * of a mail login are platform's, checked before any of this runs.
 */
export function createMailGuards(deps: Pick<MailRouteDeps, 'db' | 'guards'>) {
  const { db } = deps;

  /**
   * Checks the session's mail login against its account's credential generation (one indexed
   * read, on mail pages only), so a password changed in any app process ends the login on its
   * next request; so does the account's deletion.
   */
  async function liveMailLogin(request: FastifyRequest): Promise<LiveMailLogin> {
    const login = request.session.mailLogin;
    if (!login) return { login: null, actor: null, ended: false };
    const account = await findMailLoginAccount(db, login.accountId);
    if (!account || account.credentialGeneration !== (login.generation ?? 0)) {
      delete request.session.mailLogin;
      setFlash(request, 'info', account === undefined ? 'mail.login.loggedOut' : 'mail.login.credentialsChanged');
      return { login: null, actor: null, ended: true };
    }
    return { login, actor: { kind: 'mail-account', accountId: account.id, contractId: account.contractId, accountName: account.name, admin: login.admin }, ended: false };
  }

  /**
   * The administration of the contract `number`: by its `.001` login, or by the contract's owner
   * logged into the customer area (single sign-on). Others get the same 404 as a missing
   * contract. A mail login that has just ended goes to the login page, whatever it asked for;
   * nobody logged in is sent there too (a GET) or refused (anything else). Null: reply sent.
   */
  async function mailAccess(request: FastifyRequest, reply: FastifyReply, number: string): Promise<MailAdministration | null> {
    const contractId = /^\d{1,12}$/.test(number) ? await findContractIdByNumber(db, number) : undefined;
    const contract = contractId === undefined ? undefined : await findMailContract(db, contractId);
    const live = await liveMailLogin(request);
    if (live.ended) {
      reply.redirect('/mail-admin', 303);
      return null;
    }
    const ip = request.ip;
    if (live.actor && contract && mailPolicy.can(live.actor, 'administerMail', contract)) {
      return { contract, access: { via: 'password', accountName: live.actor.accountName }, actor: live.actor, by: { actor: live.actor, ip } };
    }
    if (request.session.customerId) {
      await deps.guards.confirmedCustomer(request, reply);
      if (reply.sent) return null;
      const actor = actorOf(request);
      if (!contract) throw new DomainError('not_found', 'error.notFound');
      mailPolicy.authorize(actor, 'administerMail', contract);
      return { contract, access: { via: 'sso' }, actor, by: { actor, ip } };
    }
    if (live.actor) throw new DomainError('not_found', 'error.notFound');
    if (request.method !== 'GET') throw new DomainError('unauthorized', 'error.unauthorized');
    reply.redirect(`/mail-admin?next=${encodeURIComponent(request.url)}`, 303);
    return null;
  }

  return { liveMailLogin, mailAccess };
}
