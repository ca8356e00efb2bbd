import type { Customer, StaffUser } from '../accounts/index.ts';
import { generatePassword, hashMailPassword, verifyPassword } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { releaseAttempt, takeAttempt, type ThrottleRule } from '../../platform/throttle.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import { findAdminAccount, setMailAccountPassword } from '../mail/index.ts';
import type { SupportConfig } from './support.config.ts';
import { getSupportSettings } from './support.settings.ts';
import { lockTicket, notifyCustomerOfReply, type SupportDeps } from './ticket.service.ts';
import * as repo from './ticket.repository.ts';

/** What ties a sealed password to its row: copied elsewhere, it no longer opens. */
const bindingOf = (a: { id: number; ticketId: number }, customerId: number) => `support-action:${a.id}|ticket:${a.ticketId}|customer:${customerId}`;

/** The contract, if it belongs to the customer and has the E-Mail Administration (and so a `.001`). */
async function requireAdminContract(deps: SupportDeps, customerId: number, match: { id?: number; contractNumber?: string }) {
  const contracts = await listCustomerPortfolio(deps.db, customerId);
  const contract = contracts.find((c) => (match.id !== undefined ? c.id === match.id : c.contractNumber === match.contractNumber));
  if (!contract) return null;
  if (contract.panel !== 'mailadmin' || contract.status !== 'active') return null;
  const account = await findAdminAccount(deps.db, contract.id);
  return account ? { contract, account } : null;
}

/**
 * The staff action "Neues Administrationspasswort setzen". Only on a ticket written in the
 * logged-in customer area, for a contract of that ticket's customer. The new password is set on
 * `<contract>.001` and sealed for the customer in one transaction; staff never see it, and it
 * is never mailed. The customer reveals it once in the ticket view.
 */
export async function setAdminPasswordFromTicket(deps: SupportDeps & { support: SupportConfig }, req: { staff: StaffUser; ticketId: number; ip: string | null }) {
  const ticket = await repo.findTicket(deps.db, req.ticketId);
  if (!ticket) throw new DomainError('not_found', 'error.notFound');
  if (ticket.authenticated !== 1 || ticket.channel !== 'web') throw new DomainError('forbidden', 'support.actionNeedsAuthenticated');
  if (ticket.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
  if (ticket.contractId === null) throw new DomainError('conflict', 'support.actionNeedsContract');
  const target = await requireAdminContract(deps, ticket.customerId, { id: ticket.contractId });
  if (!target) throw new DomainError('conflict', 'support.actionNeedsContract');

  const now = deps.clock();
  const password = generatePassword();
  const passwordHash = await hashMailPassword(password);
  const actor = `staff:${req.staff.id}`;
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockTicket(trx, ticket.id);
    if (locked.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
    // An older password nobody fetched is void now: only the newest one works.
    await trx.updateTable('supportActions').set({ sealedSecret: null, wipedAt: now.toISOString() }).where('ticketId', '=', ticket.id).where('sealedSecret', 'is not', null).execute();
    await setMailAccountPassword(trx, target.account.id, passwordHash, { actor, ip: req.ip }, null, now);
    const action = await trx
      .insertInto('supportActions')
      .values({
        ticketId: ticket.id,
        kind: 'set_admin_password',
        staffId: req.staff.id,
        contractId: target.contract.id,
        mailAccount: target.account.name,
        sealedSecret: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.support.revealDays * 86_400_000).toISOString(),
        revealedAt: null,
        wipedAt: null,
      })
      .returning(['id', 'ticketId'])
      .executeTakeFirstOrThrow();
    await trx.updateTable('supportActions').set({ sealedSecret: deps.support.box.seal(password, bindingOf(action, ticket.customerId)) }).where('id', '=', action.id).execute();
    await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'action', toValue: target.account.name }, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    if (locked.state === 'new' || locked.state === 'open') {
      await trx.updateTable('supportTickets').set({ state: 'waiting' }).where('id', '=', ticket.id).execute();
      await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'state', fromValue: locked.state, toValue: 'waiting' }, now);
    }
    await recordAudit(
      trx,
      { actor, event: 'support.admin_password_set', subject: `customer:${ticket.customerId}`, ip: req.ip, details: { ticket: ticket.number, contract: target.contract.contractNumber, account: target.account.name } },
      now,
    );
  });
  await notifyCustomerOfReply(deps, ticket.id);
  return { mailAccount: target.account.name };
}

/**
 * The one reveal: reads and wipes the sealed password in one transaction. A second attempt,
 * an expired or superseded password all end in "already revealed / no longer available".
 */
export async function revealAdminPassword(deps: SupportDeps & { support: SupportConfig }, req: { customer: Customer; ticketId: number; actionId: number; ip: string | null }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, req.ticketId);
    if (ticket.customerId !== req.customer.id) throw new DomainError('not_found', 'error.notFound');
    const action = await trx.selectFrom('supportActions').selectAll().where('id', '=', req.actionId).where('ticketId', '=', ticket.id).executeTakeFirst();
    if (!action) throw new DomainError('not_found', 'error.notFound');
    if (action.revealedAt) throw new DomainError('conflict', 'support.alreadyRevealed');
    if (!action.sealedSecret || action.expiresAt < now.toISOString()) throw new DomainError('conflict', 'support.revealGone');
    const done = await trx
      .updateTable('supportActions')
      .set({ sealedSecret: null, revealedAt: now.toISOString() })
      .where('id', '=', action.id)
      .where('revealedAt', 'is', null)
      .where('sealedSecret', 'is not', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new DomainError('conflict', 'support.alreadyRevealed');
    const password = deps.support.box.open(action.sealedSecret, bindingOf(action, req.customer.id));
    const actor = `customer:${req.customer.id}`;
    await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'reveal', toValue: action.mailAccount }, now);
    await recordAudit(trx, { actor, event: 'support.admin_password_revealed', subject: actor, ip: req.ip, details: { ticket: ticket.number, account: action.mailAccount } }, now);
    return { password, mailAccount: action.mailAccount };
  });
}

/** Wrong customer passwords typed into the self-service form, per customer. */
const SELF_SERVICE_RULE: ThrottleRule = { scope: 'admin-password-self-service', limit: 5, windowMs: 15 * 60_000 };

/** The contracts for which a customer may set the administration password themselves. */
export async function listSelfServiceContracts(deps: SupportDeps, customerId: number) {
  const contracts = await listCustomerPortfolio(deps.db, customerId);
  return contracts.filter((c) => c.panel === 'mailadmin' && c.status === 'active');
}

/**
 * "Administrationspasswort neu setzen" in the customer area: behind the customer's login and the
 * customer password typed again; shown once on the answer page, stored only as a hash.
 * An administrator can switch it off; failed password checks are throttled.
 */
export async function resetAdminPasswordSelf(deps: SupportDeps, req: { customer: Customer; contractNumber: string; customerPassword: string; ip: string | null }) {
  const settings = await getSupportSettings(deps.db);
  if (!settings.selfServiceAdminPassword) throw new DomainError('forbidden', 'support.selfServiceOff');
  const now = deps.clock();
  const actor = `customer:${req.customer.id}`;
  const target = await requireAdminContract(deps, req.customer.id, { contractNumber: req.contractNumber });
  if (!target) throw new DomainError('validation', 'support.contractRequired', { contract: { key: 'support.contractRequired' } });
  const attempt = await takeAttempt(deps.db, [{ rule: SELF_SERVICE_RULE, key: actor }], now);
  if (!attempt.allowed) throw new DomainError('rate_limited', 'support.selfServiceThrottled');
  if (!(await verifyPassword(req.customer.passwordHash, req.customerPassword))) {
    await recordAudit(deps.db, { actor, event: 'support.admin_password_self_service_failed', subject: actor, ip: req.ip, details: { contract: target.contract.contractNumber } }, now);
    throw new DomainError('validation', 'support.customerPasswordWrong', { password: { key: 'support.customerPasswordWrong' } });
  }
  await releaseAttempt(deps.db, attempt);
  const password = generatePassword();
  const passwordHash = await hashMailPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    // The customer's session is no login of `.001`: every E-Mail Administration session opened
    // with the old password ends, which is what a customer resetting it wants.
    await setMailAccountPassword(trx, target.account.id, passwordHash, { actor, ip: req.ip }, null, now);
    await recordAudit(trx, { actor, event: 'support.admin_password_self_service', subject: actor, ip: req.ip, details: { contract: target.contract.contractNumber, account: target.account.name } }, now);
  });
  return { password, mailAccount: target.account.name, contractNumber: target.contract.contractNumber };
}
