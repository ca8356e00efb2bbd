import type { Db, Dialect } from '../../platform/db/index.ts';
import { inTransaction, nextNumber } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { Customer } from './accounts.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { isStrongPassword } from '../../platform/password-strength.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { accountsPolicy } from './accounts.policies.ts';
import * as repo from './customer.repository.ts';
import { diffMasterData, masterDataOf } from './master-data.ts';
import type { MasterData } from './master-data.forms.ts';
import { advanceLoginGeneration } from './credential-generation.ts';
import type { OutgoingMail } from '../../integrations/smtp/mailer.ts';
import { admitLoginAttempt, settleLoginFailure, settleLoginSuccess } from './login-throttle.ts';
import { failureNoticeMail } from './failure-notice.ts';
import { isTwoFactorEnabled } from './two-factor.service.ts';

export const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,253}\.[^\s@<>()[\]\\,;:".]{2,63}$/;

/** Creates a customer inside the caller's transaction; the number comes from a sequence. */
export async function createCustomer(
  trx: Db,
  dialect: Dialect,
  input: { email: string; passwordHash: string; language?: Language } & Partial<MasterData>,
  now: Date,
): Promise<Customer> {
  const at = now.toISOString();
  const customerNumber = String(await nextNumber(trx, dialect, 'customer_number_seq'));
  return repo.insertCustomer(trx, {
    customerNumber,
    email: input.email.toLowerCase(),
    passwordHash: input.passwordHash,
    salutation: input.salutation ?? '',
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    company: input.company ?? '',
    street: input.street ?? '',
    postcode: input.postcode ?? '',
    city: input.city ?? '',
    country: input.country ?? 'DE',
    phone: input.phone ?? '',
    language: input.language ?? 'de',
    confirmedAt: null,
    passwordChangedAt: at,
    createdAt: at,
    updatedAt: at,
  });
}

export interface LoginInput {
  /** Customer number or e-mail address, as typed. */
  identifier: string;
  password: string;
  clientAddress: string;
  /** Known-device evidence: the device id when the browser proves an earlier login into the subject. */
  recognize: (subject: string) => string | null;
}

export type LoginResult =
  /** `secondFactor`: the password was right, a code comes next. */
  | { ok: true; customer: Customer; secondFactor: boolean }
  /** `friction`: the account is being paced (the page says so); `notice`: the owner's mail about this burst, to send. */
  | { ok: false; reason: 'invalid'; friction: boolean; notice: OutgoingMail | null }
  | { ok: false; reason: 'throttled'; limit: 'strict' | 'account'; waitMs: number };

/**
 * Customer login by customer number or e-mail. Unknown accounts cost the same hashing time as
 * known ones and are throttled the same way, so neither timing nor throttling reveals existence.
 */
export async function authenticateCustomer(db: Db, input: LoginInput, now: Date): Promise<LoginResult> {
  const id = input.identifier.trim().toLowerCase().slice(0, 320);
  const ip = input.clientAddress;
  // Looked up first: the throttle weighs the evidence of the account it names.
  const customer = id.includes('@') ? await repo.findCustomerByEmail(db, id) : await repo.findCustomerByNumber(db, id);
  const subject = customer ? `customer:${customer.id}` : null;
  const gate = await admitLoginAttempt(db, { door: 'customer', accountKey: id, subject, clientAddress: ip, deviceId: subject ? input.recognize(subject) : null }, now);
  if (!gate.allowed) {
    await recordAudit(db, { actor: 'anonymous', event: 'customer.login_throttled', ip, details: { limit: gate.limit, waitMs: gate.waitMs } }, now);
    return { ok: false, reason: 'throttled', limit: gate.limit, waitMs: gate.waitMs };
  }
  const valid = await verifyPassword(customer?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!customer || !valid) {
    await recordAudit(db, { actor: 'anonymous', event: 'customer.login_failed', subject, ip }, now);
    const notice = await settleLoginFailure(db, gate.ticket, now);
    return { ok: false, reason: 'invalid', friction: gate.friction, notice: notice && customer ? failureNoticeMail(notice, customer, { kind: 'customer', name: customer.customerNumber }) : null };
  }
  const secondFactor = await isTwoFactorEnabled(db, subject!);
  await settleLoginSuccess(db, gate.ticket, now, { remember: !secondFactor });
  await recordAudit(db, { actor: subject!, event: 'customer.login', subject, ip }, now);
  return { ok: true, customer, secondFactor };
}

export function getCustomer(db: Db, id: number) {
  return repo.findCustomerById(db, id);
}

export async function confirmMasterData(db: Db, customerId: number, actor: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await repo.updateCustomer(trx, customerId, { confirmedAt: at, updatedAt: at });
    await repo.insertMasterDataEvent(trx, { customerId, kind: 'confirmed', changes: {}, actor, createdAt: at });
  });
}

/**
 * The customer confirms their master data, corrected where they changed it: the changes, the
 * confirmation and the audit entry are one transaction. Only the customer themself may do it.
 */
export async function correctMasterData(db: Db, actor: Actor, customer: Customer, data: MasterData, ip: string | null, now: Date) {
  accountsPolicy.authorize(actor, 'manageOwnAccount', customer);
  const changes = diffMasterData(masterDataOf(customer), data);
  const at = now.toISOString();
  const by = auditActor(actor);
  await inTransaction(db, async (trx) => {
    if (Object.keys(changes).length > 0) {
      await repo.updateCustomer(trx, customer.id, { ...data, updatedAt: at });
      await repo.insertMasterDataEvent(trx, { customerId: customer.id, kind: 'changed', changes, actor: by, createdAt: at });
    }
    await repo.updateCustomer(trx, customer.id, { confirmedAt: at });
    await repo.insertMasterDataEvent(trx, { customerId: customer.id, kind: 'confirmed', changes: {}, actor: by, createdAt: at });
    await recordAudit(trx, { actor: by, event: 'customer.master_data_confirmed', subject: `customer:${customer.id}`, ip, details: { changed: Object.keys(changes) } }, now);
  });
  return changes;
}

/**
 * Staff correct a customer's master data from the back office: the change is recorded in the
 * customer's history under the staff member's name (the customer sees "changed by support") and
 * audited with the customer as its subject; it is no confirmation by the customer.
 */
export async function changeMasterDataByStaff(db: Db, actor: Actor, customer: Customer, data: MasterData, ip: string | null, now: Date) {
  accountsPolicy.authorize(actor, 'editCustomer', customer, { reveal: true });
  const changes = diffMasterData(masterDataOf(customer), data);
  if (Object.keys(changes).length === 0) return changes;
  const at = now.toISOString();
  const by = auditActor(actor);
  await inTransaction(db, async (trx) => {
    await repo.updateCustomer(trx, customer.id, { ...data, updatedAt: at });
    await repo.insertMasterDataEvent(trx, { customerId: customer.id, kind: 'changed', changes, actor: by, createdAt: at });
    await recordAudit(trx, { actor: by, event: 'customer.master_data_changed_by_staff', subject: `customer:${customer.id}`, ip, details: { changed: Object.keys(changes) } }, now);
  });
  return changes;
}

export async function masterDataHistory(db: Db, customerId: number) {
  const rows = await repo.listMasterDataEvents(db, customerId);
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, { from: string; to: string }> }));
}

export async function setCustomerLanguage(db: Db, customerId: number, language: Language): Promise<void> {
  await repo.updateCustomer(db, customerId, { language });
}

const RESET_VALIDITY_MS = 3_600_000;

/** A new reset token for the customer; only its hash is stored. */
async function issueResetToken(db: Db, customerId: number, now: Date): Promise<string> {
  const token = randomToken();
  await repo.insertPasswordReset(db, {
    customerId,
    tokenHash: sha256(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + RESET_VALIDITY_MS).toISOString(),
    usedAt: null,
  });
  return token;
}

/**
 * Staff send a customer the "Passwort vergessen" link (the same token, validity and page as the
 * customer's own request), audited under the staff member's name. The token goes to the caller
 * for the mail to the customer's own address; staff never see it.
 */
export async function createPasswordResetByStaff(db: Db, actor: Actor, customer: Customer, ip: string | null, now: Date): Promise<string> {
  accountsPolicy.authorize(actor, 'sendPasswordReset', customer, { reveal: true });
  return inTransaction(db, async (trx) => {
    const token = await issueResetToken(trx, customer.id, now);
    await recordAudit(trx, { actor: auditActor(actor), event: 'customer.password_reset_sent_by_staff', subject: `customer:${customer.id}`, ip }, now);
    return token;
  });
}

/**
 * Starts a password reset. Returns the token to mail (or null when no account matches); the
 * caller answers the same either way. Only the token's hash is stored.
 */
export async function createPasswordReset(db: Db, identifier: string, ip: string, now: Date) {
  const id = identifier.trim().toLowerCase();
  const customer = id.includes('@') ? await repo.findCustomerByEmail(db, id) : await repo.findCustomerByNumber(db, id);
  if (!customer) {
    await recordAudit(db, { actor: 'anonymous', event: 'customer.password_reset_unknown', ip }, now);
    return null;
  }
  const token = await issueResetToken(db, customer.id, now);
  await recordAudit(db, { actor: 'anonymous', event: 'customer.password_reset_requested', subject: `customer:${customer.id}`, ip }, now);
  return { token, customer };
}

export type ResetRequest =
  /** `reset`: the link to mail, or null when no account matches; the answer is the same either way. */
  | { ok: true; reset: Awaited<ReturnType<typeof createPasswordReset>> }
  | { ok: false; limit: 'strict' | 'account'; waitMs: number };

/**
 * The "Passwort vergessen" form, throttled like a login: every request counts (each may send a
 * mail), per typed name and address, per address, and per typed name only as a pace, which
 * never holds back a browser or address that logged into the account before. Known and unknown
 * names are counted and answered alike.
 */
export async function requestPasswordReset(db: Db, input: Omit<LoginInput, 'password'>, now: Date): Promise<ResetRequest> {
  const id = input.identifier.trim().toLowerCase().slice(0, 320);
  const customer = id.includes('@') ? await repo.findCustomerByEmail(db, id) : await repo.findCustomerByNumber(db, id);
  const subject = customer ? `customer:${customer.id}` : null;
  const gate = await admitLoginAttempt(db, { door: 'reset', accountKey: id, subject, clientAddress: input.clientAddress, deviceId: subject ? input.recognize(subject) : null }, now);
  if (!gate.allowed) return { ok: false, limit: gate.limit, waitMs: gate.waitMs };
  return { ok: true, reset: await createPasswordReset(db, id, input.clientAddress, now) };
}

/** The customer a reset token belongs to, if it is unused and unexpired. */
export function findValidReset(db: Db, token: string, now: Date) {
  return repo.findOpenPasswordReset(db, sha256(token), now.toISOString());
}

export interface NewPassword {
  token: string;
  password: string;
  passwordRepeat: string;
}

/**
 * Sets the new password, spends the token (and every other open one), and ends all sessions of
 * the customer, in one transaction. A reset link is not a session of the customer's, so none is
 * kept: whoever holds a session opened with the old password is logged out on their next request.
 * Null when the token is unknown, spent or expired; a weak or mistyped password is a validation error.
 */
export async function resetPassword(db: Db, input: NewPassword, ip: string, now: Date): Promise<number | null> {
  const found = input.token ? await findValidReset(db, input.token, now) : undefined;
  if (!found) return null;
  if (!(await isStrongPassword(input.password, [found.customerNumber, found.email, found.firstName, found.lastName]))) {
    throw new DomainError('validation', 'common.formErrors', { password: { key: 'password.weak' } });
  }
  if (input.password !== input.passwordRepeat) throw new DomainError('validation', 'common.formErrors', { passwordRepeat: { key: 'reset.mismatch' } });
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const reset = await findValidReset(trx, input.token, now);
    if (!reset) return null;
    // Every open token of the customer is spent; none left means another request won the race.
    if ((await repo.spendPasswordResets(trx, reset.customerId, at)) === 0) return null;
    await repo.updateCustomer(trx, reset.customerId, { passwordHash, passwordChangedAt: at, updatedAt: at });
    const subject = `customer:${reset.customerId}`;
    await recordAudit(trx, { actor: subject, event: 'customer.password_reset', subject, ip }, now);
    await advanceLoginGeneration(trx, subject, { credential: 'password', actor: subject, ip, acting: null }, now);
    return reset.customerId;
  });
}

export { searchCustomers } from './customer.repository.ts';
