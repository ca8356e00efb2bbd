import { inTransaction, type Db } from '../../platform/db/index.ts';
import { hashMailPassword } from '../../platform/crypto.ts';
import { DomainError, type FieldErrors } from '../../platform/errors.ts';
import { startOfDay } from '../../platform/views/i18n.ts';
import type { ActingSession } from '../../platform/http/session-store.ts';
import { auditActor } from '../../platform/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { generateAppPassword } from './app-password-format.ts';
import * as repo from './app-passwords.repository.ts';
import { requestDovecotSync } from './dovecot-sync.service.ts';
import type { MailProtocol } from './login-activity.tables.ts';
import * as accounts from './mail-account.repository.ts';
import { advanceMailGeneration, requireMailContract, type MailActing } from './mail-admin.service.ts';
import { mailPolicy } from './mail.policies.ts';

/**
 * App passwords: one per device or program ("Thunderbird Büro"), for the protocols it needs,
 * optionally until a day. Generated (app-password-format.ts), shown once, stored as argon2id
 * only; Dovecot checks them in its passdb (server-config.ts) beside the mailbox password, which a
 * mailbox can refuse for mail programs altogether (`appPasswordsOnly`).
 */
export const MAX_APP_PASSWORDS = 20;
export const MAX_APP_PASSWORD_NAME = 60;
const MAX_VALID_DAYS = 5 * 366;

export interface NewAppPasswordInput {
  name: string;
  imap: boolean;
  pop3: boolean;
  smtp: boolean;
  /** The last day it works (`YYYY-MM-DD`), or '' for no end. */
  validUntil: string;
}

const DAY_MS = 86_400_000;

/** The instant after the last valid day (when the next one begins), or null; field errors for the rest. */
function checkNewAppPassword(input: NewAppPasswordInput, now: Date): { name: string; protocols: Record<MailProtocol, boolean>; expiresAt: string | null } {
  const errors: FieldErrors = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) errors.name = { key: 'mail.app.nameMissing' };
  else if (name.length > MAX_APP_PASSWORD_NAME || /[\u0000-\u001f\u007f]/.test(input.name.replace(/[\t ]/g, ''))) errors.name = { key: 'mail.app.nameInvalid', params: { max: MAX_APP_PASSWORD_NAME } };
  if (!input.imap && !input.pop3 && !input.smtp) errors.protocols = { key: 'mail.app.protocolMissing' };
  let expiresAt: string | null = null;
  if (input.validUntil.trim()) {
    const typed = input.validUntil.trim();
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
    const start = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : Number.NaN;
    const valid = day && new Date(start).toISOString().slice(0, 10) === typed;
    // Through the whole last day, as the pages show days (Berlin time): it ends when the next one begins.
    const end = valid ? startOfDay(new Date(start + DAY_MS).toISOString().slice(0, 10)).getTime() : Number.NaN;
    if (!valid) errors.validUntil = { key: 'mail.app.dateInvalid' };
    else if (end <= now.getTime()) errors.validUntil = { key: 'mail.app.datePast' };
    else if (end - now.getTime() > MAX_VALID_DAYS * DAY_MS) errors.validUntil = { key: 'mail.app.dateTooFar' };
    else expiresAt = new Date(end).toISOString();
  }
  if (Object.keys(errors).length > 0) throw new DomainError('validation', 'common.formErrors', errors);
  return { name, protocols: { imap: input.imap, pop3: input.pop3, smtp: input.smtp }, expiresAt };
}

/** The account, for an actor the policy lets manage its app passwords (administration or its own login). */
async function requireAppPasswordAccount(db: Db, contractId: number, accountId: number, by: MailActing) {
  const contract = await requireMailContract(db, contractId);
  const account = await accounts.findMailAccountOfContract(db, contract.id, accountId);
  if (!account) throw new DomainError('not_found', 'error.notFound');
  mailPolicy.authorize(by.actor, 'manageAppPasswords', { contract, account });
  return account;
}

export function listAppPasswords(db: Db, accountId: number) {
  return repo.listAppPasswordsOf(db, accountId);
}
export type { AppPasswordRow } from './app-passwords.repository.ts';

/** A new app password; its secret is returned to be shown once and is nowhere else afterwards. */
export async function createAppPassword(db: Db, contractId: number, accountId: number, input: NewAppPasswordInput, by: MailActing, now: Date) {
  const account = await requireAppPasswordAccount(db, contractId, accountId, by);
  const checked = checkNewAppPassword(input, now);
  if ((await repo.countAppPasswordsOf(db, account.id)) >= MAX_APP_PASSWORDS) throw new DomainError('conflict', 'mail.app.tooMany', {}, { max: MAX_APP_PASSWORDS });
  let generated = generateAppPassword();
  while (await repo.isPublicIdTaken(db, account.id, generated.publicId)) generated = generateAppPassword();
  const passwordHash = await hashMailPassword(generated.secret);
  return inTransaction(db, async (trx) => {
    const row = await repo.insertAppPassword(trx, {
      accountId: account.id,
      name: checked.name,
      publicId: generated.publicId,
      passwordHash,
      imap: checked.protocols.imap ? 1 : 0,
      pop3: checked.protocols.pop3 ? 1 : 0,
      smtp: checked.protocols.smtp ? 1 : 0,
      createdAt: now.toISOString(),
      expiresAt: checked.expiresAt,
    });
    const protocols = (['imap', 'pop3', 'smtp'] as const).filter((p) => checked.protocols[p]);
    await recordAudit(
      trx,
      { actor: auditActor(by.actor), ip: by.ip, event: 'mail.app_password_created', subject: `mail-account:${account.name}`, details: { name: checked.name, protocols: protocols.join(', '), expiresAt: checked.expiresAt } },
      now,
    );
    return { secret: generated.secret, appPassword: row, accountName: account.name };
  });
}

/**
 * Revokes one: Dovecot refuses it from the next login on (its passdb no longer finds it), the
 * change is queued to flush the auth cache and end the account's IMAP/POP3 sessions, and the
 * account's web logins other than the acting one end (a credential changed).
 */
export async function revokeAppPassword(db: Db, contractId: number, accountId: number, appPasswordId: number, by: MailActing, acting: ActingSession | null, now: Date) {
  const account = await requireAppPasswordAccount(db, contractId, accountId, by);
  return inTransaction(db, async (trx) => {
    const appPassword = await repo.findAppPasswordOf(trx, account.id, appPasswordId);
    if (!appPassword) throw new DomainError('not_found', 'mail.app.notFound');
    await repo.deleteAppPassword(trx, account.id, appPassword.id);
    const audited = { actor: auditActor(by.actor), ip: by.ip };
    await recordAudit(trx, { ...audited, event: 'mail.app_password_revoked', subject: `mail-account:${account.name}`, details: { name: appPassword.name } }, now);
    const generation = await advanceMailGeneration(trx, account, { credential: 'app_password', acting }, audited, now);
    return { name: appPassword.name, generation };
  });
}

/**
 * "Mail programs only with app passwords": IMAP, POP3 and SMTP refuse the mailbox's own
 * password (the web pages keep it). Switched on, sessions opened with it end.
 */
export async function setAppPasswordsOnly(db: Db, contractId: number, accountId: number, on: boolean, by: MailActing, now: Date) {
  const account = await requireAppPasswordAccount(db, contractId, accountId, by);
  if ((account.appPasswordsOnly === 1) === on) return;
  await inTransaction(db, async (trx) => {
    await repo.setAppPasswordsOnly(trx, account.id, on);
    await recordAudit(trx, { actor: auditActor(by.actor), ip: by.ip, event: on ? 'mail.app_passwords_only_on' : 'mail.app_passwords_only_off', subject: `mail-account:${account.name}` }, now);
    if (on) await requestDovecotSync(trx, account.name, now);
  });
}

/** From Dovecot's report of a successful login with an app password (auth-policy.routes.ts). */
export async function recordAppPasswordUse(db: Db, accountId: number, appPasswordId: number, use: { at: string; address: string; protocol: MailProtocol }) {
  await repo.recordAppPasswordUse(db, accountId, appPasswordId, use);
}
