import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/index.ts';
import { dummyPasswordHash, generatePassword, hashMailPassword, verifyPassword } from '../../platform/crypto.ts';
import { DomainError, type FieldErrors } from '../../platform/errors.ts';
import { isStrongPassword, MAX_PASSWORD_LENGTH } from '../../platform/password-strength.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { listAuditEvents, recordAudit } from '../audit/index.ts';
import { countSessionsOpenedWith, type ActingSession } from '../../platform/http/session-store.ts';
import { findMailContract, listDomainsOfContracts, parseDomainName, type MailContract } from '../contracts/index.ts';
import * as accounts from './mail-account.repository.ts';
import * as addresses from './mail-address.repository.ts';
import { mailAccountName } from './mail-account.service.ts';
import { mailPolicy } from './mail.policies.ts';
import { requestDovecotSync } from './dovecot-sync.service.ts';
import { forgetMailboxUsage } from './mail-quota.service.ts';

/** Who acted (as the audit log names them, `auditActor(actor)`) and from where. */
export interface AuditedBy {
  actor: string;
  ip?: string | null;
}

/** Who acts in the administration, and from where: mailPolicy decides by `actor`, the audit log names it. */
export interface MailActing {
  actor: Actor;
  ip: string | null;
}

const audited = (by: MailActing): AuditedBy => ({ actor: auditActor(by.actor), ip: by.ip });

export const MAX_FORWARD_TARGETS = 20;
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/;
const ADMIN_SUFFIX = '.001';

export const isAdminAccount = (a: { name: string }) => a.name.endsWith(ADMIN_SUFFIX);

/** The contract's mail administration; only tariffs with the E-Mail Administration have one. */
export async function requireMailContract(db: Db, contractId: number): Promise<MailContract> {
  const contract = await findMailContract(db, contractId);
  if (!contract || contract.panel !== 'mailadmin') throw new DomainError('not_found', 'error.notFound');
  return contract;
}

/** The contract's administration, for an actor mailPolicy lets in (anyone else: the 404 of a missing contract). */
async function requireAdministration(db: Db, contractId: number, by: MailActing): Promise<MailContract> {
  const contract = await requireMailContract(db, contractId);
  mailPolicy.authorize(by.actor, 'administerMail', contract);
  return contract;
}

/** The `.001` account: its password is the administration password. */
export async function findAdminAccount(db: Db, contractId: number) {
  const contract = await findMailContract(db, contractId);
  return contract ? accounts.findMailAccountByName(db, mailAccountName(contract.contractNumber, 1)) : undefined;
}

/** Everything the administration shows: accounts with their addresses, forwarders, catch-alls, domains. */
export async function loadMailOverview(db: Db, contract: MailContract) {
  const [accountRows, addressRows, domains] = await Promise.all([
    accounts.listMailAccountsOfContracts(db, [contract.id]),
    addresses.listAddressesOfContract(db, contract.id),
    listDomainsOfContracts(db, [contract.id]),
  ]);
  const targets = await addresses.listTargetsOfAddresses(
    db,
    addressRows.filter((row) => row.kind !== 'mailbox').map((row) => row.id),
  );
  const targetsOf = (id: number) => targets.filter((row) => row.addressId === id).map((row) => row.target);
  return {
    contract,
    domains,
    accounts: accountRows.map((account) => ({
      ...account,
      isAdmin: isAdminAccount(account),
      addresses: addressRows.filter((row) => row.kind === 'mailbox' && row.accountId === account.id).sort((first, second) => second.isPrimary - first.isPrimary),
    })),
    forwarders: addressRows.filter((row) => row.kind === 'forward').map((row) => ({ ...row, targets: targetsOf(row.id) })),
    catchAlls: addressRows.filter((row) => row.kind === 'catchall').map((row) => ({ ...row, targets: targetsOf(row.id) })),
  };
}
export type MailOverview = Awaited<ReturnType<typeof loadMailOverview>>;
export type OverviewAccount = MailOverview['accounts'][number];

function validation(fields: FieldErrors): never {
  throw new DomainError('validation', 'common.formErrors', fields);
}

/** A new password as typed (checked with zxcvbn, German dictionary) or generated; returns it with its hash. */
export async function preparePassword(
  input: { mode: 'set' | 'generate'; password: string; passwordRepeat: string },
  userInputs: string[],
): Promise<{ password: string; passwordHash: string; generated: boolean }> {
  if (input.mode === 'generate') {
    const password = generatePassword();
    return { password, passwordHash: await hashMailPassword(password), generated: true };
  }
  if (input.password.length > MAX_PASSWORD_LENGTH || !(await isStrongPassword(input.password, userInputs))) validation({ password: { key: 'password.weak' } });
  if (input.password !== input.passwordRepeat) validation({ passwordRepeat: { key: 'mail.error.mismatch' } });
  return { password: input.password, passwordHash: await hashMailPassword(input.password), generated: false };
}

/** Words a password must not be built from: the contract's numbers and domains. */
export async function passwordContext(db: Db, contract: MailContract): Promise<string[]> {
  const domains = await listDomainsOfContracts(db, [contract.id]);
  return [contract.contractNumber, ...domains.flatMap((domain) => [domain.nameAscii, domain.nameUnicode, domain.nameAscii.split('.')[0]!])];
}

function checkQuota(contract: MailContract, quotaMb: number): void {
  if (!Number.isInteger(quotaMb) || quotaMb < 1 || quotaMb > contract.mailQuotaMb) {
    validation({ quotaMb: { key: 'mail.error.quota', params: { max: contract.mailQuotaMb } } });
  }
}

/** Local part and domain of a new address on one of the contract's own domains. */
async function resolveAddress(db: Db, contract: MailContract, localPartInput: string, domainId: number) {
  const localPart = localPartInput.trim().toLowerCase();
  if (!localPart) validation({ localPart: { key: 'mail.error.localPartRequired' } });
  if (!LOCAL_PART.test(localPart) || localPart.includes('..')) validation({ localPart: { key: 'mail.error.localPart' } });
  const domains = await listDomainsOfContracts(db, [contract.id]);
  const domain = domains.find((candidate) => candidate.id === domainId);
  if (!domain) validation({ domainId: { key: 'mail.error.foreignDomain' } });
  const address = `${localPart}@${domain.nameAscii}`;
  if (await addresses.findAddress(db, address)) validation({ localPart: { key: 'mail.error.addressTaken', params: { address } } });
  return { localPart, domain, address };
}

/** `name@domain` as a forward target: any syntactically valid address, domain stored as punycode. */
export function parseTargets(text: string): string[] {
  const items = text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) validation({ targets: { key: 'mail.error.targetsRequired' } });
  if (items.length > MAX_FORWARD_TARGETS) validation({ targets: { key: 'mail.error.tooManyTargets', params: { max: MAX_FORWARD_TARGETS } } });
  const out = new Set<string>();
  for (const item of items) {
    const at = item.lastIndexOf('@');
    const local = item.slice(0, at).toLowerCase();
    let domain: string | null = null;
    try {
      domain = at > 0 ? parseDomainName(item.slice(at + 1)).ascii : null;
    } catch {
      domain = null;
    }
    if (!domain || !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
      validation({ targets: { key: 'mail.error.target', params: { address: item.slice(0, 80) } } });
    }
    out.add(`${local}@${domain}`);
  }
  return [...out];
}

/**
 * Atomic work on addresses and accounts (joining the caller's transaction, if any). Two requests
 * that both passed the "address free?" check meet the unique index: the loser is told, like
 * the first check would have.
 */
async function atomically<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(db, work);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'mail.error.conflict');
    throw error;
  }
}

export interface NewAccountInput {
  quotaMb: number;
  localPart: string;
  domainId: number | null;
  password: { mode: 'set' | 'generate'; password: string; passwordRepeat: string };
}

/** A new mailbox `<contract>.NNN` within the tariff's limit, optionally with its first address. */
export async function createMailAccount(db: Db, contractId: number, input: NewAccountInput, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  checkQuota(contract, input.quotaMb);
  if ((await accounts.countMailAccounts(db, contract.id)) >= contract.mailAccountLimit) {
    throw new DomainError('conflict', 'mail.error.limit', {}, { limit: contract.mailAccountLimit });
  }
  const secret = await preparePassword(input.password, await passwordContext(db, contract));
  return atomically(db, async (trx) => {
    if ((await accounts.countMailAccounts(trx, contract.id)) >= contract.mailAccountLimit) {
      throw new DomainError('conflict', 'mail.error.limit', {}, { limit: contract.mailAccountLimit });
    }
    const wantsAddress = input.localPart.trim() !== '';
    const address = wantsAddress ? await resolveAddress(trx, contract, input.localPart, input.domainId ?? -1) : null;
    const index = await accounts.claimNextAccountIndex(trx, contract.id);
    const account = await accounts.insertMailAccount(
      trx,
      { contractId: contract.id, name: mailAccountName(contract.contractNumber, index), passwordHash: secret.passwordHash, quotaMb: input.quotaMb },
      now,
    );
    if (address) {
      await addresses.insertAddress(
        trx,
        { contractId: contract.id, domainId: address.domain.id, localPart: address.localPart, address: address.address, kind: 'mailbox', accountId: account.id, isPrimary: 1 },
        now,
      );
    }
    await recordAudit(trx, { ...audited(by), event: 'mail.account_created', subject: `mail-account:${account.name}`, details: { address: address?.address ?? null, quotaMb: input.quotaMb } }, now);
    return { account, password: secret.generated ? secret.password : null };
  });
}

/** An account of the contract, for an actor mailPolicy lets manage it. */
async function requireAccount(db: Db, contract: MailContract, accountId: number, by: MailActing) {
  const account = await accounts.findMailAccountOfContract(db, contract.id, accountId);
  if (!account) throw new DomainError('not_found', 'error.notFound');
  mailPolicy.authorize(by.actor, 'manageMailObject', { contract, object: account });
  return account;
}

/** An address, forwarder or catch-all of the contract, for an actor mailPolicy lets manage it. */
async function requireAddress(db: Db, contract: MailContract, addressId: number, by: MailActing) {
  const address = await addresses.findAddressOfContract(db, contract.id, addressId);
  if (!address) throw new DomainError('not_found', 'error.notFound');
  mailPolicy.authorize(by.actor, 'manageMailObject', { contract, object: address });
  return address;
}

/** What changed on a mail account: its password, or (later) one of its app passwords. */
export type MailCredential = 'password' | 'app_password' | 'deactivated';

/**
 * Records a change of a mail account's credentials: the account's generation grows, so every
 * web login (E-Mail Administration, mailbox self-service) opened with the old one is void on its
 * next request, in every app process. `acting` is the mail login of this very account that made
 * the change (the user's own change): it is kept if it was valid, and the generation it records
 * from now on is returned; null otherwise. Ended logins are one audit entry for the change.
 * Runs inside the caller's transaction.
 */
export async function advanceMailGeneration(trx: Db, account: { id: number; name: string }, change: { credential: MailCredential; acting: ActingSession | null }, by: AuditedBy, now: Date): Promise<number | null> {
  const bumped = await accounts.advanceMailCredentialGeneration(trx, account.id);
  if (!bumped) throw new DomainError('not_found', 'error.notFound');
  // The mail servers too: the auth cache forgets the old password, open IMAP/POP3 sessions end.
  await requestDovecotSync(trx, account.name, now);
  const kept = change.acting?.generation === bumped.before ? change.acting : null;
  const ended = await countSessionsOpenedWith(trx, { mailAccountId: account.id }, bumped.before, now, kept?.id);
  if (ended > 0) {
    await recordAudit(
      trx,
      { actor: by.actor, ip: by.ip, event: 'sessions.ended', subject: `mail-account:${account.name}`, details: { credential: change.credential, sessions: ended, keptOwn: kept !== null } },
      now,
    );
  }
  return kept ? bumped.after : null;
}

const RECENT_SECURITY_MS = 30 * 86_400_000;

/**
 * Sessions of a mail account ended by a credential change in the last 30 days, newest first:
 * the mail pages show them as the account's recent security note (mail accounts have no page of
 * security events of their own).
 */
export function listRecentSessionEndings(db: Db, accountName: string, now: Date) {
  return listAuditEvents(db, { subject: `mail-account:${accountName}`, event: 'sessions.ended', since: new Date(now.getTime() - RECENT_SECURITY_MS), limit: 3 });
}

/**
 * Stores a new password hash for a mail account and logs it. Takes `db` or a transaction, so a
 * caller (the SupportCenter's staff action) can set `.001`'s password inside its own transaction.
 * Dovecot reads the hash on the next login: IMAP, POP3 and SMTP change at once. Web logins
 * opened with the old password end (see advanceMailGeneration); pass `acting` only for a login
 * of this account changing its own password.
 */
export async function setMailAccountPassword(db: Db, accountId: number, passwordHash: string, by: AuditedBy, acting: ActingSession | null, now: Date): Promise<number | null> {
  if (!passwordHash.startsWith('{ARGON2ID}$argon2id$')) throw new Error('setMailAccountPassword needs a hash from hashMailPassword()');
  return inTransaction(db, async (trx) => {
    const account = await accounts.findMailAccountById(trx, accountId);
    if (!account) throw new DomainError('not_found', 'error.notFound');
    await accounts.updateMailAccount(trx, accountId, { passwordHash, passwordChangedAt: now.toISOString() });
    await recordAudit(trx, { ...by, event: 'mail.password_changed', subject: `mail-account:${account.name}`, details: { admin: isAdminAccount(account) } }, now);
    return advanceMailGeneration(trx, account, { credential: 'password', acting }, by, now);
  });
}

/**
 * A password typed or generated in the administration, or typed by the mailbox's own login;
 * returns the generated one to show once, and the generation for `acting` (the account's own
 * login, if it made the change) to record.
 */
export async function changeMailPassword(
  db: Db,
  contractId: number,
  accountId: number,
  input: NewAccountInput['password'],
  by: MailActing,
  acting: ActingSession | null,
  now: Date,
): Promise<{ password: string | null; isAdmin: boolean; generation: number | null }> {
  const contract = await requireMailContract(db, contractId);
  const account = await accounts.findMailAccountOfContract(db, contract.id, accountId);
  if (!account) throw new DomainError('not_found', 'error.notFound');
  mailPolicy.authorize(by.actor, 'changeMailPassword', { contract, account });
  const secret = await preparePassword(input, [...(await passwordContext(db, contract)), account.name]);
  const generation = await setMailAccountPassword(db, account.id, secret.passwordHash, audited(by), acting, now);
  return { password: secret.generated ? secret.password : null, isAdmin: isAdminAccount(account), generation };
}

export interface AccountSettingsInput {
  quotaMb: number;
  active: boolean;
  imap: boolean;
  pop3: boolean;
  smtp: boolean;
}

export async function updateMailAccountSettings(db: Db, contractId: number, accountId: number, input: AccountSettingsInput, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const account = await requireAccount(db, contract, accountId, by);
  checkQuota(contract, input.quotaMb);
  // `.001` carries the administration login: switching it off would lock the administrator out.
  if (isAdminAccount(account) && !input.active) validation({ active: { key: 'mail.error.adminActive' } });
  const flag = (b: boolean) => (b ? 1 : 0);
  const deactivated = account.active === 1 && !input.active;
  const protocolOff = (account.imap === 1 && !input.imap) || (account.pop3 === 1 && !input.pop3) || (account.smtp === 1 && !input.smtp);
  await atomically(db, async (trx) => {
    await accounts.updateMailAccount(trx, account.id, { quotaMb: input.quotaMb, active: flag(input.active), imap: flag(input.imap), pop3: flag(input.pop3), smtp: flag(input.smtp) });
    await recordAudit(trx, { ...audited(by), event: 'mail.account_changed', subject: `mail-account:${account.name}`, details: { ...input } }, now);
    // Deactivated: its web logins end too; a protocol switched off: its open sessions end (the others log in again).
    if (deactivated) await advanceMailGeneration(trx, account, { credential: 'deactivated', acting: null }, audited(by), now);
    // A new quota is the userdb's quota_rule, which the auth cache holds and open sessions keep
    // from their login: the same flush (and reconnect) makes every Dovecot use it at once.
    else if (protocolOff || account.quotaMb !== input.quotaMb) await requestDovecotSync(trx, account.name, now);
  });
}

/** `.001` carries the administration login and cannot be deleted; any other account can. */
export function checkDeletable(account: { name: string }): void {
  if (isAdminAccount(account)) throw new DomainError('conflict', 'mail.error.adminDelete');
}

export async function deleteMailAccount(db: Db, contractId: number, accountId: number, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const account = await requireAccount(db, contract, accountId, by);
  checkDeletable(account);
  await atomically(db, async (trx) => {
    await requestDovecotSync(trx, account.name, now);
    await accounts.deleteMailAccountRow(trx, account.id);
    await forgetMailboxUsage(trx, account.name);
    await recordAudit(trx, { ...audited(by), event: 'mail.account_deleted', subject: `mail-account:${account.name}` }, now);
  });
  return account;
}

export async function addMailboxAddress(db: Db, contractId: number, accountId: number, input: { localPart: string; domainId: number }, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const account = await requireAccount(db, contract, accountId, by);
  return atomically(db, async (trx) => {
    const resolved = await resolveAddress(trx, contract, input.localPart, input.domainId);
    const hasAddress = await addresses.hasMailboxAddress(trx, account.id);
    const row = await addresses.insertAddress(
      trx,
      { contractId: contract.id, domainId: resolved.domain.id, localPart: resolved.localPart, address: resolved.address, kind: 'mailbox', accountId: account.id, isPrimary: hasAddress ? 0 : 1 },
      now,
    );
    await recordAudit(trx, { ...audited(by), event: 'mail.address_added', subject: `mail-account:${account.name}`, details: { address: resolved.address } }, now);
    return row;
  });
}

export async function makePrimaryAddress(db: Db, contractId: number, addressId: number, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const address = await requireAddress(db, contract, addressId, by);
  if (address.kind !== 'mailbox' || address.accountId === null) throw new DomainError('not_found', 'error.notFound');
  await atomically(db, async (trx) => {
    await addresses.setPrimaryAddress(trx, address.accountId!, address.id);
    await recordAudit(trx, { ...audited(by), event: 'mail.address_primary', subject: `mail-address:${address.address}` }, now);
  });
}

export async function addForwarder(db: Db, contractId: number, input: { localPart: string; domainId: number; targets: string }, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const targets = parseTargets(input.targets);
  return atomically(db, async (trx) => {
    const resolved = await resolveAddress(trx, contract, input.localPart, input.domainId);
    if (targets.includes(resolved.address)) validation({ targets: { key: 'mail.error.selfTarget' } });
    const row = await addresses.insertAddress(
      trx,
      { contractId: contract.id, domainId: resolved.domain.id, localPart: resolved.localPart, address: resolved.address, kind: 'forward', accountId: null, isPrimary: 0 },
      now,
    );
    await addresses.insertTargets(trx, row.id, targets);
    await recordAudit(trx, { ...audited(by), event: 'mail.forwarder_added', subject: `mail-address:${resolved.address}`, details: { targets: targets.length } }, now);
    return row;
  });
}

/** The catch-all of a domain: mail to any unknown address of it goes to the targets. One per domain. */
export async function setCatchAll(db: Db, contractId: number, input: { domainId: number; targets: string }, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const targets = parseTargets(input.targets);
  const domain = (await listDomainsOfContracts(db, [contract.id])).find((candidate) => candidate.id === input.domainId);
  if (!domain) validation({ domainId: { key: 'mail.error.foreignDomain' } });
  const address = `@${domain.nameAscii}`;
  return atomically(db, async (trx) => {
    const existing = await addresses.findAddress(trx, address);
    if (existing) await addresses.deleteAddressRow(trx, existing.id);
    const row = await addresses.insertAddress(trx, { contractId: contract.id, domainId: domain.id, localPart: '', address, kind: 'catchall', accountId: null, isPrimary: 0 }, now);
    await addresses.insertTargets(trx, row.id, targets);
    await recordAudit(trx, { ...audited(by), event: 'mail.catchall_set', subject: `mail-address:${address}`, details: { targets: targets.length } }, now);
    return row;
  });
}

export async function removeAddress(db: Db, contractId: number, addressId: number, by: MailActing, now: Date) {
  const contract = await requireAdministration(db, contractId, by);
  const address = await requireAddress(db, contract, addressId, by);
  const owner = address.accountId === null ? undefined : await accounts.findMailAccountOfContract(db, contract.id, address.accountId);
  await atomically(db, async (trx) => {
    // Before the row goes: the address is one of the login names the auth cache may hold.
    if (owner) await requestDovecotSync(trx, owner.name, now);
    await addresses.deleteAddressRow(trx, address.id);
    if (address.accountId !== null) await addresses.ensurePrimaryAddress(trx, address.accountId);
    await recordAudit(trx, { ...audited(by), event: `mail.${address.kind === 'mailbox' ? 'address' : address.kind === 'forward' ? 'forwarder' : 'catchall'}_removed`, subject: `mail-address:${address.address}` }, now);
  });
  return address;
}

/** Checks a password against an account's hash (for the Apple profile with an embedded password). */
export async function checkMailPassword(db: Db, accountId: number, password: string): Promise<boolean> {
  return verifyPassword((await accounts.findMailPasswordHash(db, accountId)) ?? (await dummyPasswordHash()), password);
}
