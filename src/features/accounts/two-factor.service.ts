import { randomInt } from 'node:crypto';
import { inTransaction, type Db } from '../../platform/db/index.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { DomainError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import { generateTotpSecret, matchTotp } from './totp.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { advanceLoginGeneration } from './credential-generation.ts';
import type { OutgoingMail } from '../../integrations/smtp/mailer.ts';
import { admitLoginAttempt, settleLoginFailure, settleLoginSuccess } from './login-throttle.ts';
import { customerFailureNotice } from './failure-notice.ts';
import * as repo from './two-factor.repository.ts';
export const BACKUP_CODE_COUNT = 10;
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export async function isTwoFactorEnabled(db: Db, subject: string): Promise<boolean> {
  const row = await repo.findCredential(db, subject);
  return !!row?.confirmedAt;
}

/** Starts (or restarts) setting up TOTP; the factor counts only once a code confirms it. */
export async function startTwoFactorEnrollment(db: Db, box: SecretBox, subject: string, now: Date): Promise<string> {
  if (await isTwoFactorEnabled(db, subject)) throw new DomainError('conflict', 'twoFactor.alreadyEnabled');
  const secret = generateTotpSecret();
  await repo.upsertPendingCredential(db, { subject, secretSealed: box.seal(secret), confirmedAt: null, lastStep: 0, createdAt: now.toISOString() });
  return secret;
}

/** The seed of an enrollment not yet confirmed, to show it again (e.g. after a wrong code). */
export async function pendingEnrollmentSecret(db: Db, box: SecretBox, subject: string): Promise<string | null> {
  const row = await repo.findCredential(db, subject);
  return row && !row.confirmedAt ? box.open(row.secretSealed) : null;
}

/**
 * Confirms the enrollment with a first code and returns fresh backup codes, shown once. A new
 * second factor ends the user's other sessions; `acting` (the session that set it up) goes on
 * with the returned generation.
 */
export async function confirmTwoFactorEnrollment(
  db: Db,
  box: SecretBox,
  subject: string,
  code: string,
  ip: string,
  acting: ActingSession | null,
  now: Date,
): Promise<{ codes: string[]; generation: number | null }> {
  const secret = await pendingEnrollmentSecret(db, box, subject);
  if (!secret) throw new DomainError('validation', 'twoFactor.notStarted');
  const step = matchTotp(secret, code.replace(/\s/g, ''), now);
  if (step === null) throw new DomainError('validation', 'twoFactor.invalidCode', { code: { key: 'twoFactor.invalidCode' } });
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  const generation = await inTransaction(db, async (trx) => {
    await repo.confirmCredential(trx, subject, now.toISOString(), step);
    await repo.replaceBackupCodes(
      trx,
      subject,
      codes.map((c) => sha256(normalizeBackupCode(c))),
    );
    await recordAudit(trx, { actor: subject, event: 'two_factor.enabled', subject, ip }, now);
    return advanceLoginGeneration(trx, subject, { credential: 'two_factor', actor: subject, ip, acting }, now);
  });
  return { codes, generation };
}

/** `generation`: what the acting session records from now on, when the last backup code was spent (null otherwise). */
export type SecondFactorResult =
  | { ok: true; usedBackupCode: boolean; generation: number | null }
  /** `notice`: the owner's mail about this burst of wrong codes, to send. */
  | { ok: false; reason: 'invalid'; friction: boolean; notice: OutgoingMail | null }
  | { ok: false; reason: 'throttled'; limit: 'strict' | 'account'; waitMs: number };

/**
 * Checks a TOTP code or a backup code; codes are single use, and wrong ones are throttled like
 * passwords (per account and address, per address, the account paced), with the known-device
 * evidence of `deviceId`. A complete login makes the address evidence for the account. The last
 * backup code spent changes the second factor (only the app is left): the user's other sessions
 * end, `acting` (the session or pending login that used it) is kept.
 */
export async function verifySecondFactor(
  db: Db,
  box: SecretBox,
  subject: string,
  input: string,
  client: { address: string; deviceId: string | null },
  acting: ActingSession | null,
  now: Date,
): Promise<SecondFactorResult> {
  const ip = client.address;
  // Counted before the check, so that parallel guesses cannot pass the limit together.
  const gate = await admitLoginAttempt(db, { door: 'code', accountKey: subject, subject, clientAddress: ip, deviceId: client.deviceId }, now);
  if (!gate.allowed) return { ok: false, reason: 'throttled', limit: gate.limit, waitMs: gate.waitMs };
  const code = input.trim().slice(0, 40);
  const credential = await repo.findCredential(db, subject);
  let ok = false;
  let usedBackupCode = false;
  if (credential?.confirmedAt) {
    const step = matchTotp(box.open(credential.secretSealed), code.replace(/\s/g, ''), now);
    if (step !== null && step > credential.lastStep) {
      // Conditional update: two requests with the same code cannot both win.
      ok = await repo.advanceLastStep(db, subject, step);
    } else if (step === null && /^[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code)) {
      ok = usedBackupCode = await repo.spendBackupCode(db, subject, sha256(normalizeBackupCode(code)), now.toISOString());
    }
  }
  if (!ok) {
    await recordAudit(db, { actor: subject, event: 'two_factor.failed', subject, ip }, now);
    const notice = await customerFailureNotice(db, await settleLoginFailure(db, gate.ticket, now));
    return { ok: false, reason: 'invalid', friction: gate.friction, notice };
  }
  await settleLoginSuccess(db, gate.ticket, now);
  let generation: number | null = null;
  if (usedBackupCode) {
    await recordAudit(db, { actor: subject, event: 'two_factor.backup_code_used', subject, ip }, now);
    if ((await remainingBackupCodes(db, subject)) === 0) {
      generation = await inTransaction(db, (trx) => advanceLoginGeneration(trx, subject, { credential: 'backup_codes', actor: subject, ip, acting }, now));
    }
  }
  return { ok: true, usedBackupCode, generation };
}

export async function remainingBackupCodes(db: Db, subject: string): Promise<number> {
  return repo.countUnusedBackupCodes(db, subject);
}

/**
 * Removes the second factor of `subject`: by its owner (whose `acting` session is kept and goes
 * on with the returned generation), or by an admin recovering a customer's account (every session
 * of the customer ends). Anyone else is refused (accountsPolicy `removeSecondFactor`).
 */
export async function disableTwoFactor(db: Db, actor: Actor, subject: string, ip: string | null, acting: ActingSession | null, now: Date): Promise<number | null> {
  accountsPolicy.authorize(actor, 'removeSecondFactor', subject, { reveal: true });
  const by = auditActor(actor);
  const own = by === subject;
  return inTransaction(db, async (trx) => {
    await repo.deleteSecondFactor(trx, subject);
    await recordAudit(trx, { actor: by, event: own ? 'two_factor.disabled' : 'two_factor.reset_by_staff', subject, ip }, now);
    return advanceLoginGeneration(trx, subject, { credential: 'two_factor', actor: by, ip, acting: own ? acting : null }, now);
  });
}

function newBackupCode(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

function normalizeBackupCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}
