import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { findContractIdByNumber, findMailContract } from '../contracts/index.ts';
import type { Actor } from './mail-admin.service.ts';
import type { MailAccess } from './mail-admin.views.tsx';
import type { MailRouteDeps } from './mail-route-deps.ts';

declare module 'fastify' {
  interface Session {
    /** A login to the E-Mail Administration (`.001`) or to one mailbox's self-service. */
    mailLogin?: { accountId: number; contractId: number; admin: boolean; authAt: number; seenAt: number };
  }
}

/** Who may reach the mail pages; like accounts/guards.ts, the one place that decides it. */
export function createMailGuards(deps: Pick<MailRouteDeps, 'db' | 'clock' | 'guards' | 'sessionIdleMs' | 'sessionAbsoluteMs'>) {
  const { db, clock } = deps;

  function liveMailLogin(request: FastifyRequest) {
    const login = request.session.mailLogin;
    if (!login) return null;
    const now = clock().getTime();
    if (now - login.authAt > deps.sessionAbsoluteMs || now - login.seenAt > deps.sessionIdleMs) {
      delete request.session.mailLogin;
      return null;
    }
    if (now - login.seenAt > 60_000) request.session.mailLogin = { ...login, seenAt: now };
    return login;
  }

  /**
   * Who may administer a contract's mail: a `.001` login for that contract, or the contract's
   * owner logged into the customer area (single sign-on). Others get the same 404 as a missing contract.
   */
  async function mailAccess(request: FastifyRequest, reply: FastifyReply, number: string): Promise<{ contractId: number; access: MailAccess; actor: Actor } | null> {
    const contractId = /^\d{1,12}$/.test(number) ? await findContractIdByNumber(db, number) : undefined;
    const login = liveMailLogin(request);
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
