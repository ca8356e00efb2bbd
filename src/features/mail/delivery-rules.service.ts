import { inTransaction, type Db } from '../../platform/db/index.ts';
import { DomainError, type FieldErrors } from '../../platform/errors.ts';
import { auditActor } from '../../platform/policy.ts';
import { describeHiddenCharacter, findHiddenCharacter } from '../../platform/unicode.ts';
import { recordAudit } from '../audit/index.ts';
import * as accounts from './mail-account.repository.ts';
import { findMailContract } from '../contracts/index.ts';
import { loadMailOverview, requireMailContract, parseTargets, type AuditedBy, type MailActing } from './mail-admin.service.ts';
import { compileSieveScript, sieveScriptId, type SieveRules } from './delivery-rules.sieve.ts';
import type { AutoReplyState, MailDeliveryRulesTable } from './delivery-rules.tables.ts';
import { mailPolicy } from './mail.policies.ts';

/**
 * A mailbox's delivery rules: the out-of-office reply (Abwesenheitsnotiz) and forwarding. Set by
 * the contract's mail administration, by the mailbox's own login, or by staff from a ticket (the
 * SupportCenter's audited staff action, which calls writeAutoReply itself). Every change compiles
 * the mailbox's Sieve script in the same transaction; Dovecot reads it on the next delivery.
 */

export const MAX_SUBJECT_LENGTH = 150;
export const MAX_BODY_LENGTH = 4000;
export const MAX_REPLY_DAYS = 90;

export interface AutoReplyInput {
  active: boolean;
  from: string;
  until: string;
  subject: string;
  body: string;
  days: number;
  addresses: string[];
}

export interface ForwardingInput {
  target: string;
  keepCopy: boolean;
}

/** What the editor shows: the stored rules, or the defaults of a mailbox that has none yet. */
export interface DeliveryRulesView {
  autoReply: { active: boolean; from: string; until: string; subject: string; body: string; days: number; addresses: string[] };
  forward: { target: string; keepCopy: boolean };
}

/** An account with its addresses, as the pages load it (OverviewAccount). */
export interface RulesAccount {
  id: number;
  name: string;
  contractId: number;
  addresses: { address: string }[];
}

function validation(fields: FieldErrors): never {
  throw new DomainError('validation', 'common.formErrors', fields);
}

const parseAddresses = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

export async function loadDeliveryRules(db: Db, account: RulesAccount): Promise<DeliveryRulesView> {
  const row = await db.selectFrom('mailDeliveryRules').selectAll().where('accountId', '=', account.id).executeTakeFirst();
  if (!row) {
    return {
      autoReply: { active: false, from: '', until: '', subject: '', body: '', days: 7, addresses: account.addresses.map((a) => a.address) },
      forward: { target: '', keepCopy: true },
    };
  }
  return {
    autoReply: { active: row.autoReply === 'on', from: row.replyFrom ?? '', until: row.replyUntil ?? '', subject: row.replySubject, body: row.replyBody, days: row.replyDays, addresses: parseAddresses(row.replyAddresses) },
    forward: { target: row.forwardTo ?? '', keepCopy: row.forwardKeep === 1 },
  };
}

// Control characters other than tab and line breaks; in a subject line breaks too (header injection).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const LINE_BREAK = /[\r\n]/;

/**
 * A calendar day as <input type="date"> sends it (YYYY-MM-DD), or as typed where a browser shows a
 * plain text field (TT.MM.JJJJ); '' is none, anything else undefined (refused by the caller).
 */
function parseDay(text: string): string | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const normalised = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return date.toISOString().slice(0, 10) === normalised ? normalised : undefined;
}

/** The checked, normalised out-of-office settings: refused with every field's message at once, never cut short silently. */
export function checkAutoReply(input: AutoReplyInput, own: string[], today: string) {
  const subject = input.subject.trim();
  const body = input.body.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const errors: FieldErrors = {};
  // Hidden characters (bidi overrides, zero-width) would let the reply read otherwise than it says.
  const hiddenInSubject = findHiddenCharacter(subject);
  const hiddenInBody = findHiddenCharacter(body);
  if (LINE_BREAK.test(input.subject)) errors.subject = { key: 'mail.ooo.error.subjectLine' };
  else if (hiddenInSubject) errors.subject = { key: 'common.hiddenCharacter', params: { char: describeHiddenCharacter(hiddenInSubject) } };
  else if (CONTROL.test(subject)) errors.subject = { key: 'mail.ooo.error.control' };
  else if (subject.length > MAX_SUBJECT_LENGTH) errors.subject = { key: 'mail.ooo.error.subjectLength', params: { max: MAX_SUBJECT_LENGTH } };
  else if (input.active && subject === '') errors.subject = { key: 'mail.ooo.error.subjectRequired' };
  if (hiddenInBody) errors.body = { key: 'common.hiddenCharacter', params: { char: describeHiddenCharacter(hiddenInBody) } };
  else if (CONTROL.test(body)) errors.body = { key: 'mail.ooo.error.control' };
  else if (body.length > MAX_BODY_LENGTH) errors.body = { key: 'mail.ooo.error.bodyLength', params: { max: MAX_BODY_LENGTH } };
  else if (input.active && body.trim() === '') errors.body = { key: 'mail.ooo.error.bodyRequired' };
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_REPLY_DAYS) errors.days = { key: 'mail.ooo.error.days', params: { max: MAX_REPLY_DAYS } };
  const chosen = [...new Set(input.addresses.map((a) => a.trim().toLowerCase()))];
  if (chosen.some((a) => !own.includes(a))) errors.addresses = { key: 'mail.ooo.error.foreignAddress' };
  else if (input.active && own.length === 0) errors.addresses = { key: 'mail.ooo.error.noAddresses' };
  else if (input.active && chosen.length === 0) errors.addresses = { key: 'mail.ooo.error.addressesRequired' };
  const from = parseDay(input.from);
  const until = parseDay(input.until);
  if (from === undefined) errors.from = { key: 'mail.ooo.error.date' };
  if (until === undefined) errors.until = { key: 'mail.ooo.error.date' };
  else if (from && until && until < from) errors.until = { key: 'mail.ooo.error.order' };
  else if (input.active && until && until < today) errors.until = { key: 'mail.ooo.error.past' };
  if (Object.keys(errors).length > 0) validation(errors);
  return { active: input.active, from: from ?? null, until: until ?? null, subject, body, days: input.days, addresses: chosen };
}

export function checkForwarding(input: ForwardingInput, own: string[]) {
  const text = input.target.trim();
  if (text === '') return { target: null, keepCopy: input.keepCopy };
  if (/[\s,;]/.test(text)) validation({ target: { key: 'mail.fwd.error.one' } });
  let target: string;
  try {
    [target] = parseTargets(text) as [string];
  } catch {
    validation({ target: { key: 'mail.fwd.error.address' } });
  }
  if (own.includes(target)) validation({ target: { key: 'mail.fwd.error.own' } });
  return { target, keepCopy: input.keepCopy };
}

type StoredRules = Omit<MailDeliveryRulesTable, 'accountId' | 'updatedAt'>;

const EMPTY_RULES: StoredRules = { autoReply: 'off', replyFrom: null, replyUntil: null, replySubject: '', replyBody: '', replyDays: 7, replyAddresses: '[]', forwardTo: null, forwardKeep: 1 };

/** The mailbox's rules compiled to its Sieve script: written, replaced, or removed when nothing is on. */
async function writeSieveScript(trx: Db, account: { id: number; name: string }, rules: StoredRules, own: string[]) {
  const sieve: SieveRules = {
    ownAddresses: own,
    autoReply:
      rules.autoReply === 'on'
        ? { from: rules.replyFrom, until: rules.replyUntil, subject: rules.replySubject, body: rules.replyBody, days: rules.replyDays, answerFor: parseAddresses(rules.replyAddresses) }
        : null,
    forward: rules.forwardTo ? { to: rules.forwardTo, keepCopy: rules.forwardKeep === 1 } : null,
  };
  const script = compileSieveScript(sieve, account.name);
  await trx.deleteFrom('mailSieveScripts').where('accountId', '=', account.id).execute();
  if (script) await trx.insertInto('mailSieveScripts').values({ accountId: account.id, accountName: account.name, scriptId: sieveScriptId(script), script }).execute();
}

/** Stores part of the rules (the rest as it was) and the script, in one transaction. */
async function storeRules(db: Db, account: RulesAccount, change: Partial<StoredRules>, now: Date) {
  const own = account.addresses.map((a) => a.address);
  await inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('mailDeliveryRules').selectAll().where('accountId', '=', account.id).executeTakeFirst();
    const { accountId: _id, updatedAt: _at, ...stored } = current ?? { accountId: account.id, updatedAt: '', ...EMPTY_RULES };
    const next: StoredRules = { ...stored, ...change };
    if (current) await trx.updateTable('mailDeliveryRules').set({ ...next, updatedAt: now.toISOString() }).where('accountId', '=', account.id).execute();
    else await trx.insertInto('mailDeliveryRules').values({ accountId: account.id, ...next, updatedAt: now.toISOString() }).execute();
    await writeSieveScript(trx, account, next, own);
  });
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The out-of-office settings of an account, checked and stored with its script and an audit
 * entry. No policy check: the caller has made it (mail routes through saveAutoReply below, the
 * SupportCenter's staff action through its own policy).
 */
export async function writeAutoReply(db: Db, account: RulesAccount, input: AutoReplyInput, by: AuditedBy, now: Date) {
  const checked = checkAutoReply(input, account.addresses.map((a) => a.address), today(now));
  const state: AutoReplyState = checked.active ? 'on' : 'off';
  await inTransaction(db, async (trx) => {
    await storeRules(
      trx,
      account,
      { autoReply: state, replyFrom: checked.from, replyUntil: checked.until, replySubject: checked.subject, replyBody: checked.body, replyDays: checked.days, replyAddresses: JSON.stringify(checked.addresses) },
      now,
    );
    await recordAudit(trx, { ...by, event: 'mail.auto_reply_changed', subject: `mail-account:${account.name}`, details: { state, from: checked.from, until: checked.until, days: checked.days } }, now);
  });
  return checked;
}

/** An account of the contract, for an actor mailPolicy lets set its delivery rules. */
async function requireRulesAccount(db: Db, contractId: number, account: RulesAccount, by: MailActing) {
  const contract = await requireMailContract(db, contractId);
  const row = await accounts.findMailAccountOfContract(db, contract.id, account.id);
  if (!row || row.id !== account.id) throw new DomainError('not_found', 'error.notFound');
  mailPolicy.authorize(by.actor, 'setDeliveryRules', { contract, account: row });
}

export async function saveAutoReply(db: Db, contractId: number, account: RulesAccount, input: AutoReplyInput, by: MailActing, now: Date) {
  await requireRulesAccount(db, contractId, account, by);
  return writeAutoReply(db, account, input, { actor: auditActor(by.actor), ip: by.ip }, now);
}

export async function saveForwarding(db: Db, contractId: number, account: RulesAccount, input: ForwardingInput, by: MailActing, now: Date) {
  await requireRulesAccount(db, contractId, account, by);
  const checked = checkForwarding(input, account.addresses.map((a) => a.address));
  await inTransaction(db, async (trx) => {
    await storeRules(trx, account, { forwardTo: checked.target, forwardKeep: checked.keepCopy ? 1 : 0 }, now);
    await recordAudit(
      trx,
      { actor: auditActor(by.actor), ip: by.ip, event: 'mail.forwarding_changed', subject: `mail-account:${account.name}`, details: { target: checked.target, keepCopy: checked.keepCopy } },
      now,
    );
  });
  return checked;
}

/** Start texts for the editor, plain text, in German and English. */
export const AUTO_REPLY_TEMPLATES = {
  de: {
    subject: 'Abwesenheitsnotiz',
    body: 'Guten Tag,\n\nvielen Dank für Ihre Nachricht. Ich bin bis einschließlich [Datum] nicht im Büro und lese meine E-Mails in dieser Zeit nicht regelmäßig.\n\nIn dringenden Fällen wenden Sie sich bitte an [Name, E-Mail-Adresse].\n\nMit freundlichen Grüßen\n[Ihr Name]',
  },
  en: {
    subject: 'Out of office',
    body: 'Hello,\n\nThank you for your message. I am out of the office until [date] and will not be reading my e-mail regularly.\n\nFor urgent matters, please contact [name, e-mail address].\n\nKind regards\n[Your name]',
  },
} as const;

/**
 * The mailboxes of a contract with the E-Mail Administration, with their addresses, for the
 * SupportCenter's staff action (which checks the ticket and its contract first). None for a
 * contract without one.
 */
export async function listMailboxesForRules(db: Db, contractId: number) {
  const contract = await findMailContract(db, contractId);
  if (!contract || contract.panel !== 'mailadmin') return [];
  const overview = await loadMailOverview(db, contract);
  return overview.accounts.map((account) => ({
    id: account.id,
    name: account.name,
    contractId: account.contractId,
    addresses: account.addresses.map((address) => ({ address: address.address, label: `${address.localPart}@${address.domainUnicode}` })),
  }));
}
export type RulesMailbox = Awaited<ReturnType<typeof listMailboxesForRules>>[number];
