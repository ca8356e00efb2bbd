import { getCustomer } from '../accounts/index.ts';
import { generatePassword, hashMailPassword, verifyPassword } from '../../platform/crypto.ts';
import { inTransaction, type Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { releaseAttempt, takeAttempt, type ThrottleRule } from '../../platform/throttle.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import { findAdminAccount, setMailAccountPassword } from '../mail/index.ts';
import type { SupportConfig } from './support.config.ts';
import { supportPolicy } from './support.policies.ts';
import { getSupportSettings } from './support.settings.ts';
import type { SupportTicket } from './support.tables.ts';
import { lockTicket, notifyCustomerOfReply, staffIdOf, type Notifier } from './ticket.service.ts';
import * as repo from './ticket.repository.ts';

/** What ties a sealed password to its row: copied elsewhere, it no longer opens. */
const bindingOf = (a: { id: number; ticketId: number }, customerId: number) => `support-action:${a.id}|ticket:${a.ticketId}|customer:${customerId}`;

/** The contract, if it belongs to the customer and has the E-Mail Administration (and so a `.001`). */
async function findAdminContract(db: Db, customerId: number, match: { id?: number; contractNumber?: string }) {
  const contracts = await listCustomerPortfolio(db, customerId);
  const contract = contracts.find((c) => (match.id !== undefined ? c.id === match.id : c.contractNumber === match.contractNumber));
  if (!contract) return null;
  if (contract.panel !== 'mailadmin' || contract.status !== 'active') return null;
  const account = await findAdminAccount(db, contract.id);
  return account ? { contract, account } : null;
}

type ActionTicket = Pick<SupportTicket, 'customerId' | 'contractId' | 'authenticated' | 'channel' | 'state'>;

/**
 * Whether "Neues Administrationspasswort setzen" can run on a ticket, and on which `.001`: only on
 * a ticket written in the logged-in customer area, still open, about an active contract of that
 * ticket's customer with the E-Mail Administration. The staff ticket page asks the same question
 * before it offers the button.
 */
export async function checkAdminPasswordAction(db: Db, ticket: ActionTicket) {
  const refuse = (refusal: DomainError) => ({ refusal, target: null });
  if (ticket.authenticated !== 1 || ticket.channel !== 'web') return refuse(new DomainError('forbidden', 'support.actionNeedsAuthenticated'));
  if (ticket.state === 'closed') return refuse(new DomainError('conflict', 'support.ticketClosed'));
  if (ticket.contractId === null) return refuse(new DomainError('conflict', 'support.actionNeedsContract'));
  const target = await findAdminContract(db, ticket.customerId, { id: ticket.contractId });
  if (!target) return refuse(new DomainError('conflict', 'support.actionNeedsContract'));
  return { refusal: null, target };
}

/** How often the action already ran on a ticket: a second run needs a reason. */
export async function countAdminPasswordRuns(db: Db, ticketId: number): Promise<number> {
  const row = await db.selectFrom('supportActions').select((eb) => eb.fn.countAll<number>().as('n')).where('ticketId', '=', ticketId).where('kind', '=', 'set_admin_password').executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function requireReasonForRepeat(db: Db, ticketId: number, reason: string) {
  if (reason === '' && (await countAdminPasswordRuns(db, ticketId)) > 0) throw new DomainError('validation', 'support.staff.reasonRequired', { reason: { key: 'support.staff.reasonRequired' } });
}

/** A refused staff action is a security event of its own: someone tried to change a password. */
async function refuseAction(db: Db, actor: Actor, ticketId: number, refusal: DomainError, ip: string | null, now: Date): Promise<never> {
  await recordAudit(db, { actor: auditActor(actor), event: 'support.admin_password_refused', subject: `ticket-id:${ticketId}`, ip, details: { reason: refusal.key } }, now);
  throw refusal;
}

/**
 * The staff action "Neues Administrationspasswort setzen". The new password is set on
 * `<contract>.001` and sealed for the customer in one transaction; staff never see it, and it
 * is never mailed. The customer reveals it once in the ticket view.
 */
export async function setAdminPasswordFromTicket(
  db: Db,
  notifier: Notifier,
  support: SupportConfig,
  request: { actor: Actor; ticketId: number; reason: string; ip: string | null },
  now: Date,
) {
  const ticket = await repo.findTicket(db, request.ticketId);
  if (!ticket) throw new DomainError('not_found', 'error.notFound');
  supportPolicy.authorize(request.actor, 'setAdminPassword', ticket);
  const { refusal, target } = await checkAdminPasswordAction(db, ticket);
  if (refusal) return refuseAction(db, request.actor, ticket.id, refusal, request.ip, now);
  // Asked before argon2 runs; asked again under the lock, where it counts.
  await requireReasonForRepeat(db, ticket.id, request.reason);

  // Hashed before the transaction: argon2 takes its time, the locked ticket row should not.
  const password = generatePassword();
  const passwordHash = await hashMailPassword(password);
  const actor = auditActor(request.actor);
  const done = await inTransaction(db, async (trx) => {
    const locked = await lockTicket(trx, ticket.id);
    if (locked.state === 'closed') return false;
    await requireReasonForRepeat(trx, ticket.id, request.reason);
    // An older password nobody fetched is void now: only the newest one works.
    await trx.updateTable('supportActions').set({ sealedSecret: null, wipedAt: now.toISOString() }).where('ticketId', '=', ticket.id).where('sealedSecret', 'is not', null).execute();
    await setMailAccountPassword(trx, target.account.id, passwordHash, { actor, ip: request.ip }, null, now);
    const action = await trx
      .insertInto('supportActions')
      .values({
        ticketId: ticket.id,
        kind: 'set_admin_password',
        staffId: staffIdOf(request.actor),
        contractId: target.contract.id,
        mailAccount: target.account.name,
        sealedSecret: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + support.revealDays * 86_400_000).toISOString(),
        revealedAt: null,
        wipedAt: null,
      })
      .returning(['id', 'ticketId'])
      .executeTakeFirstOrThrow();
    await trx.updateTable('supportActions').set({ sealedSecret: support.box.seal(password, bindingOf(action, ticket.customerId)) }).where('id', '=', action.id).execute();
    await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'action', toValue: target.account.name }, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    if (locked.state === 'new' || locked.state === 'open') {
      await trx.updateTable('supportTickets').set({ state: 'waiting' }).where('id', '=', ticket.id).execute();
      await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'state', fromValue: locked.state, toValue: 'waiting' }, now);
    }
    await recordAudit(
      trx,
      { actor, event: 'support.admin_password_set', subject: `customer:${ticket.customerId}`, ip: request.ip, details: { ticket: ticket.number, contract: target.contract.contractNumber, account: target.account.name, ...(request.reason ? { reason: request.reason } : {}) } },
      now,
    );
    return true;
  });
  // Closed by someone else between the check and the lock.
  if (!done) return refuseAction(db, request.actor, ticket.id, new DomainError('conflict', 'support.ticketClosed'), request.ip, now);
  await notifyCustomerOfReply(db, notifier, ticket.id, now);
  return { mailAccount: target.account.name };
}

/**
 * The one reveal: reads and wipes the sealed password in one transaction. A second attempt,
 * an expired or superseded password all end in "already revealed / no longer available".
 */
export async function revealAdminPassword(db: Db, box: SecretBox, request: { actor: Actor; ticketId: number; actionId: number; ip: string | null }, now: Date) {
  return inTransaction(db, async (trx) => {
    const ticket = await lockTicket(trx, request.ticketId);
    supportPolicy.authorize(request.actor, 'revealSecret', ticket);
    const action = await trx.selectFrom('supportActions').selectAll().where('id', '=', request.actionId).where('ticketId', '=', ticket.id).executeTakeFirst();
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
    const password = box.open(action.sealedSecret, bindingOf(action, ticket.customerId));
    const actor = auditActor(request.actor);
    await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'reveal', toValue: action.mailAccount }, now);
    await recordAudit(trx, { actor, event: 'support.admin_password_revealed', subject: actor, ip: request.ip, details: { ticket: ticket.number, account: action.mailAccount } }, now);
    return { password, mailAccount: action.mailAccount };
  });
}

/** Wrong customer passwords typed into the self-service form, per customer. */
const SELF_SERVICE_RULE: ThrottleRule = { scope: 'admin-password-self-service', limit: 5, windowMs: 15 * 60_000 };

/** The contracts for which a customer may set the administration password themselves. */
export async function listSelfServiceContracts(db: Db, customerId: number) {
  const contracts = await listCustomerPortfolio(db, customerId);
  return contracts.filter((c) => c.panel === 'mailadmin' && c.status === 'active');
}

export type SelfServiceOutcome = { kind: 'reset'; password: string; mailAccount: string; contractNumber: string } | { kind: 'throttled' };

/**
 * "Administrationspasswort neu setzen" in the customer area: behind the customer's login and the
 * customer password typed again; shown once on the answer page, stored only as a hash.
 * An administrator can switch it off; failed password checks are throttled (an outcome, not an
 * error: the form says so and keeps the chosen contract).
 */
export async function resetAdminPasswordSelf(
  db: Db,
  request: { customerId: number; contractNumber: string; customerPassword: string; ip: string | null },
  now: Date,
): Promise<SelfServiceOutcome> {
  const settings = await getSupportSettings(db);
  if (!settings.selfServiceAdminPassword) throw new DomainError('forbidden', 'support.selfServiceOff');
  const customer = await getCustomer(db, request.customerId);
  if (!customer) throw new DomainError('not_found', 'error.notFound');
  const actor = auditActor({ kind: 'customer', customerId: customer.id });
  // Only the customer's own contracts are looked at: another customer's number is simply not there.
  const target = await findAdminContract(db, customer.id, { contractNumber: request.contractNumber });
  if (!target) throw new DomainError('validation', 'support.contractRequired', { contract: { key: 'support.contractRequired' } });
  const attempt = await takeAttempt(db, [{ rule: SELF_SERVICE_RULE, key: actor }], now);
  if (!attempt.allowed) return { kind: 'throttled' };
  if (!(await verifyPassword(customer.passwordHash, request.customerPassword))) {
    await recordAudit(db, { actor, event: 'support.admin_password_self_service_failed', subject: actor, ip: request.ip, details: { contract: target.contract.contractNumber } }, now);
    throw new DomainError('validation', 'support.customerPasswordWrong', { password: { key: 'support.customerPasswordWrong' } });
  }
  await releaseAttempt(db, attempt);
  const password = generatePassword();
  const passwordHash = await hashMailPassword(password);
  await inTransaction(db, async (trx) => {
    // The customer's session is no login of `.001`: every E-Mail Administration session opened
    // with the old password ends, which is what a customer resetting it wants.
    await setMailAccountPassword(trx, target.account.id, passwordHash, { actor, ip: request.ip }, null, now);
    await recordAudit(trx, { actor, event: 'support.admin_password_self_service', subject: actor, ip: request.ip, details: { contract: target.contract.contractNumber, account: target.account.name } }, now);
  });
  return { kind: 'reset', password, mailAccount: target.account.name, contractNumber: target.contract.contractNumber };
}
