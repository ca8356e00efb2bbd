import { inTransaction, type Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import { listMailboxesForRules, writeAutoReply, type AutoReplyInput, type RulesMailbox } from '../mail/index.ts';
import { supportPolicy } from './support.policies.ts';
import type { SupportTicket } from './support.tables.ts';
import { lockTicket } from './ticket.service.ts';
import * as repo from './ticket.repository.ts';

type ActionTicket = Pick<SupportTicket, 'id' | 'customerId' | 'contractId' | 'state'>;

/**
 * Whether "Abwesenheitsnotiz setzen" can run on a ticket, and for which mailboxes: an open ticket
 * about an active contract of the ticket's customer with the E-Mail Administration. Unlike the new
 * administration password, a ticket by e-mail or phone is enough: a customer who is away calls in,
 * staff check who is calling as the host's procedure says, and the reply text is no secret (every
 * sender reads it). Forwarding is deliberately no staff action: it would divert the mail itself.
 */
export async function checkAutoReplyAction(db: Db, ticket: ActionTicket): Promise<{ refusal: DomainError | null; mailboxes: RulesMailbox[] }> {
  const refuse = (refusal: DomainError) => ({ refusal, mailboxes: [] });
  if (ticket.state === 'closed') return refuse(new DomainError('conflict', 'support.ticketClosed'));
  if (ticket.contractId === null) return refuse(new DomainError('conflict', 'support.autoReply.needsContract'));
  const contract = (await listCustomerPortfolio(db, ticket.customerId)).find((c) => c.id === ticket.contractId);
  if (!contract || contract.panel !== 'mailadmin' || contract.status !== 'active') return refuse(new DomainError('conflict', 'support.autoReply.needsContract'));
  const mailboxes = await listMailboxesForRules(db, contract.id);
  return mailboxes.length > 0 ? { refusal: null, mailboxes } : refuse(new DomainError('conflict', 'support.autoReply.needsContract'));
}

/**
 * The staff action "Abwesenheitsnotiz setzen": the mailbox's out-of-office reply, set from a
 * ticket. The mailbox must belong to the ticket's contract; the change is audited under the staff
 * member with the ticket and recorded in the ticket's history. Bad input comes back as the form's
 * own messages (the same checks as in the customer area).
 */
export async function setAutoReplyFromTicket(db: Db, request: { actor: Actor; ticketId: number; accountId: number; input: AutoReplyInput; ip: string | null }, now: Date) {
  const ticket = await repo.findTicket(db, request.ticketId);
  if (!ticket) throw new DomainError('not_found', 'error.notFound');
  supportPolicy.authorize(request.actor, 'setAutoReply', ticket);
  const actor = auditActor(request.actor);
  const { refusal, mailboxes } = await checkAutoReplyAction(db, ticket);
  const mailbox = mailboxes.find((candidate) => candidate.id === request.accountId);
  const refused = refusal ?? (mailbox ? null : new DomainError('conflict', 'support.autoReply.foreignMailbox'));
  if (refused) {
    await recordAudit(db, { actor, event: 'support.auto_reply_refused', subject: `ticket-id:${ticket.id}`, ip: request.ip, details: { reason: refused.key, accountId: request.accountId } }, now);
    throw refused;
  }
  const target = mailbox!;
  return inTransaction(db, async (trx) => {
    const locked = await lockTicket(trx, ticket.id);
    if (locked.state === 'closed') throw new DomainError('conflict', 'support.ticketClosed');
    const checked = await writeAutoReply(trx, { ...target, addresses: target.addresses }, request.input, { actor, ip: request.ip }, now);
    await repo.insertEvent(trx, { ticketId: ticket.id, actor, kind: 'auto_reply', fromValue: checked.active ? 'on' : 'off', toValue: target.name }, now);
    await trx.updateTable('supportTickets').set({ updatedAt: now.toISOString() }).where('id', '=', ticket.id).execute();
    await recordAudit(
      trx,
      { actor, event: 'support.auto_reply_set', subject: `customer:${ticket.customerId}`, ip: request.ip, details: { ticket: ticket.number, account: target.name, state: checked.active ? 'on' : 'off', from: checked.from, until: checked.until } },
      now,
    );
    return { account: target.name, active: checked.active };
  });
}
