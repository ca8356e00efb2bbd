import { inTransaction, type Db } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { requireSingleLine } from '../../platform/single-line.ts';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../../platform/crypto.ts';
import type { StaffRole, StaffUser } from './accounts.tables.ts';
import { recordAudit } from '../audit/index.ts';
import { isStrongPassword, MAX_PASSWORD_LENGTH } from '../../platform/password-strength.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { advanceLoginGeneration } from './credential-generation.ts';
import { admitLoginAttempt, settleLoginFailure, settleLoginSuccess } from './login-throttle.ts';
import type { LoginInput } from './customer.service.ts';
import * as repo from './staff.repository.ts';

export const STAFF_LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Adds a staff user with a generated password, returned once. */
export async function addStaffUser(db: Db, input: { login: string; role: StaffRole; name?: string }, actor: string, now: Date) {
  const login = input.login.trim().toLowerCase();
  if (!STAFF_LOGIN.test(login)) throw new DomainError('validation', 'common.invalid', { login: { key: 'common.invalid' } });
  if (input.name !== undefined) requireSingleLine(input.name, 'name');
  const exists = await repo.findStaffIdByLogin(db, login);
  if (exists) throw new DomainError('conflict', 'common.invalid', { login: { key: 'common.invalid' } });
  const password = generatePassword(20);
  const user = await repo.insertStaffUser(db, {
    login,
    name: input.name ?? login,
    passwordHash: await hashPassword(password),
    role: input.role,
    language: 'de',
    createdAt: now.toISOString(),
    disabledAt: null,
  });
  await recordAudit(db, { actor, event: 'staff.created', subject: `staff:${user.id}`, details: { login, role: input.role } }, now);
  return { ...user, password };
}

export type StaffLoginResult =
  | { ok: true; staff: StaffUser }
  | { ok: false; reason: 'invalid'; friction: boolean }
  | { ok: false; reason: 'throttled'; limit: 'strict' | 'account'; waitMs: number };

/**
 * Staff login, under the same throttle as every other door. Staff have no mail address on
 * file: their failed attempts reach them on their own security page instead of by mail.
 */
export async function authenticateStaff(db: Db, input: Omit<LoginInput, 'identifier'> & { login: string }, now: Date): Promise<StaffLoginResult> {
  const key = input.login.trim().toLowerCase().slice(0, 64);
  const ip = input.clientAddress;
  const staff = await repo.findActiveStaffByLogin(db, key);
  const subject = staff ? `staff:${staff.id}` : null;
  const gate = await admitLoginAttempt(db, { door: 'staff', accountKey: key, subject, clientAddress: ip, deviceId: subject ? input.recognize(subject) : null }, now);
  if (!gate.allowed) {
    await recordAudit(db, { actor: 'anonymous', event: 'staff.login_throttled', ip, details: { limit: gate.limit, waitMs: gate.waitMs } }, now);
    return { ok: false, reason: 'throttled', limit: gate.limit, waitMs: gate.waitMs };
  }
  const valid = await verifyPassword(staff?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!staff || !valid) {
    await recordAudit(db, { actor: 'anonymous', event: 'staff.login_failed', subject, ip }, now);
    await settleLoginFailure(db, gate.ticket, now);
    return { ok: false, reason: 'invalid', friction: gate.friction };
  }
  // Staff always pass a second factor (or its setup) in production: the address counts once that is done.
  await settleLoginSuccess(db, gate.ticket, now, { remember: false });
  await recordAudit(db, { actor: subject!, event: 'staff.login', subject, ip }, now);
  return { ok: true, staff };
}

export function getStaffUser(db: Db, id: number) {
  return repo.findActiveStaffById(db, id);
}

export async function setStaffLanguage(db: Db, staffId: number, language: Language): Promise<void> {
  await repo.updateStaffUser(db, staffId, { language });
}

/** Active staff by name, for choosing an assignee. */
export function listActiveStaffNames(db: Db) {
  return repo.listActiveStaff(db);
}

export interface StaffPasswordInput {
  currentPassword: string;
  password: string;
  passwordRepeat: string;
}

/**
 * A staff user sets a new password of their own, after typing the current one. The session that
 * did it (`acting`) goes on with the returned generation; every other session of theirs ends.
 */
export async function changeStaffPassword(db: Db, staffId: number, input: StaffPasswordInput, ip: string | null, acting: ActingSession | null, now: Date): Promise<number | null> {
  const staff = await getStaffUser(db, staffId);
  if (!staff) throw new DomainError('not_found', 'error.notFound');
  if (!(await verifyPassword(staff.passwordHash, input.currentPassword))) {
    throw new DomainError('validation', 'common.formErrors', { currentPassword: { key: 'staff.account.wrongCurrent' } });
  }
  if (input.password.length > MAX_PASSWORD_LENGTH || !(await isStrongPassword(input.password, [staff.login, staff.name]))) {
    throw new DomainError('validation', 'common.formErrors', { password: { key: 'password.weak' } });
  }
  if (input.password !== input.passwordRepeat) throw new DomainError('validation', 'common.formErrors', { passwordRepeat: { key: 'reset.mismatch' } });
  const passwordHash = await hashPassword(input.password);
  const subject = `staff:${staffId}`;
  return inTransaction(db, async (trx) => {
    await repo.updateStaffUser(trx, staffId, { passwordHash });
    await recordAudit(trx, { actor: subject, event: 'staff.password_changed', subject, ip }, now);
    return advanceLoginGeneration(trx, subject, { credential: 'password', actor: subject, ip, acting }, now);
  });
}
