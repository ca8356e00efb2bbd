import type { Db } from '../../platform/db/index.ts';
import { dummyPasswordHash, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { OutgoingMail } from '../../integrations/smtp/mailer.ts';
import { recordAudit } from '../audit/index.ts';
import { findMailContract, parseDomainName, type MailContract } from '../contracts/index.ts';
import { admitLoginAttempt, failureNoticeMail, getCustomer, settleLoginFailure, settleLoginSuccess, type FailureNotice } from '../accounts/index.ts';
import * as accounts from './mail-account.repository.ts';
import { isAdminAccount } from './mail-admin.service.ts';

export interface MailLoginInput {
  /** Account name (`500001.001`) or one of its addresses, as typed. */
  login: string;
  password: string;
  clientAddress: string;
  /** Known-device evidence: the device id when the browser proves an earlier login into the subject. */
  recognize: (subject: string) => string | null;
}

export type MailLogin =
  | { ok: true; account: accounts.MailAccountRow; contract: MailContract; isAdmin: boolean }
  | { ok: false; reason: 'invalid'; friction: boolean; notice: OutgoingMail | null }
  | { ok: false; reason: 'throttled'; limit: 'strict' | 'account'; waitMs: number };

/** The subject of a mail account in the audit log and the login throttle. */
export const mailSubjectOf = (accountName: string) => `mail-account:${accountName}`;

/**
 * A login to the E-Mail Administration (`.001`) or a mailbox user's self-service, under the
 * throttle of every other door. Unknown logins cost the same hash check and are counted and
 * answered like known ones. The audit log names the typed login only by a hash, in case someone
 * typed a password into the user field.
 */
export async function loginToMailAdmin(db: Db, input: MailLoginInput, now: Date): Promise<MailLogin> {
  const name = input.login.trim().toLowerCase().slice(0, 320);
  const ip = input.clientAddress;
  const typed = `mail-login:${sha256(name).slice(0, 32)}`;
  const found = name ? await accounts.findMailAccountForLogin(db, lookupOf(name)) : undefined;
  const subject = found ? mailSubjectOf(found.name) : null;
  const gate = await admitLoginAttempt(db, { door: 'mail', accountKey: name, subject, clientAddress: ip, deviceId: subject ? input.recognize(subject) : null }, now);
  if (!gate.allowed) {
    await recordAudit(db, { actor: 'anonymous', event: 'mail.login_throttled', subject: typed, ip, details: { limit: gate.limit, waitMs: gate.waitMs } }, now);
    return { ok: false, reason: 'throttled', limit: gate.limit, waitMs: gate.waitMs };
  }
  const valid = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const contract = found && valid && found.active ? await findMailContract(db, found.contractId) : undefined;
  if (!found || !contract || contract.panel !== 'mailadmin') {
    await recordAudit(db, { actor: 'anonymous', event: 'mail.login_failed', subject: typed, ip }, now);
    const notice = await settleLoginFailure(db, gate.ticket, now);
    return { ok: false, reason: 'invalid', friction: gate.friction, notice: found && notice ? await noticeFor(db, found, notice) : null };
  }
  await settleLoginSuccess(db, gate.ticket, now);
  const { passwordHash: _hash, ...account } = found;
  const isAdmin = isAdminAccount(account);
  await recordAudit(db, { actor: subject!, event: 'mail.login_succeeded', subject: typed, ip }, now);
  await recordAudit(db, { actor: subject!, event: isAdmin ? 'mail.admin_login' : 'mail.mailbox_login', subject, ip }, now);
  return { ok: true, account, contract, isAdmin };
}

/** Mail accounts have no mail address of their own on file that is sure to be read: the contract's customer is told. */
export async function noticeFor(db: Db, account: { name: string; contractId: number }, notice: FailureNotice): Promise<OutgoingMail | null> {
  const contract = await findMailContract(db, account.contractId);
  const customer = contract ? await getCustomer(db, contract.customerId) : undefined;
  return customer ? failureNoticeMail(notice, customer, { kind: 'mailAccount', name: account.name }) : null;
}

/** An address is looked up by its ASCII domain; anything else as typed. */
export function lookupOf(name: string): string {
  const at = name.lastIndexOf('@');
  if (at <= 0) return name;
  try {
    return `${name.slice(0, at)}@${parseDomainName(name.slice(at + 1)).ascii}`;
  } catch {
    return name;
  }
}
