import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { OutgoingMail } from '../../integrations/smtp/mailer.ts';
import { contractDirectory, domainDirectory } from '../contracts/index.ts';
import { admitLoginAttempt, rememberLoginSource, settleLoginFailure, settleLoginSuccess, type LoginTicket } from '../accounts/index.ts';
import { findMailAccountForLogin } from './mail-account.repository.ts';
import { lookupOf, mailSubjectOf, noticeFor } from './mail-login.service.ts';
import * as repo from './login-activity.repository.ts';
import { recordAppPasswordUse } from './app-passwords.repository.ts';
import { MAIL_PROTOCOLS, type MailLoginFailureReason, type MailLoginFailuresTable, type MailProtocol } from './login-activity.tables.ts';

/**
 * Dovecot as one more door of the login throttle, and what it reports as login activity.
 *
 * Dovecot asks before it checks a password (`command=allow`): the attempt is admitted under the
 * same rules and counters as the web logins of the account (accounts' login throttle, door
 * `mail`, keyed by the typed login), or refused. After the check it reports the result
 * (`command=report`): the admitted attempt is settled (a success makes the client address known
 * to the account for 90 days, as a web login does), and the login is stored as activity.
 * No password and no hash of one reaches Hostdesk; nothing here costs more than a few indexed
 * queries.
 */
export interface PolicyAttempt {
  /** What the client typed as user name (Dovecot's %{orig_user}). */
  login: string;
  /** Dovecot's service: imap, pop3, or smtp for Postfix's SMTP AUTH. */
  protocol: string;
  clientAddress: string;
  /** Names this auth request of this client connection in both requests (session, pid, port). */
  connection: string;
}

export interface PolicyReport extends PolicyAttempt {
  success: boolean;
  /** The attempt was refused by this policy answer (throttled). */
  policyReject: boolean;
  tls: boolean;
  /** The app password a successful login used, as the passdb named it; null for the mailbox password. */
  appPasswordId: number | null;
}

/** Dovecot's policy answer: negative refuses, 0 lets the login go on. */
export interface PolicyAnswer {
  status: number;
  msg?: string;
}

const isMailProtocol = (p: string): p is MailProtocol => (MAIL_PROTOCOLS as readonly string[]).includes(p);
const loginOf = (typed: string) => typed.trim().toLowerCase().slice(0, 320);
const addressOf = (a: string) => a.trim().slice(0, 64);
/** Pending tickets are dropped when no report came within this time (Dovecot's timeout is 2 s). */
const PENDING_MS = 10 * 60_000;

function attemptKeyOf(a: PolicyAttempt): string {
  return sha256([a.protocol, loginOf(a.login), addressOf(a.clientAddress), a.connection].join('\0'));
}

export const THROTTLED_MESSAGE = 'Too many failed logins. Please wait a while and try again.';

/** `command=allow`: admits the attempt under the shared login throttle, or refuses it. */
export async function admitMailServerLogin(db: Db, attempt: PolicyAttempt, now: Date): Promise<PolicyAnswer> {
  // Other services (doveadm, sieve …) have no mail login of their own in Hostdesk's passdb.
  if (!isMailProtocol(attempt.protocol)) return { status: 0 };
  const login = loginOf(attempt.login);
  const found = login ? await findMailAccountForLogin(db, lookupOf(login)) : undefined;
  const subject = found ? mailSubjectOf(found.name) : null;
  const gate = await admitLoginAttempt(db, { door: 'mail', accountKey: login, subject, clientAddress: addressOf(attempt.clientAddress), deviceId: null }, now);
  if (!gate.allowed) return { status: -1, msg: THROTTLED_MESSAGE };
  await repo.putPendingTicket(db, attemptKeyOf(attempt), JSON.stringify(gate.ticket), now.toISOString());
  return { status: 0 };
}

/**
 * `command=report`: settles the admitted attempt and stores the login as activity. Returns the
 * failed-login notice for the contract's customer when this failure makes a burst worth telling.
 */
export async function recordMailServerLogin(db: Db, report: PolicyReport, now: Date): Promise<OutgoingMail | null> {
  if (!isMailProtocol(report.protocol)) return null;
  const at = now.toISOString();
  const login = loginOf(report.login);
  const clientAddress = addressOf(report.clientAddress);
  const pending = await repo.takePendingTicket(db, attemptKeyOf(report));
  const ticket = pending ? (JSON.parse(pending) as LoginTicket) : null;
  const found = login ? await findMailAccountForLogin(db, lookupOf(login)) : undefined;
  if (report.success) {
    if (ticket) await settleLoginSuccess(db, ticket, now);
    // Reported without a question before (Hostdesk was unreachable then): Dovecot checked the password.
    else if (found) await rememberLoginSource(db, mailSubjectOf(found.name), clientAddress, now);
    if (found) await repo.upsertLoginSuccess(db, { accountId: found.id, protocol: report.protocol, at, clientAddress, tls: report.tls ? 1 : 0 });
    if (found && report.appPasswordId !== null) await recordAppPasswordUse(db, found.id, report.appPasswordId, { at, address: clientAddress, protocol: report.protocol });
    return null;
  }
  const reason: MailLoginFailureReason = report.policyReject
    ? 'throttled'
    : !found
      ? 'unknown'
      : !found.active
        ? 'inactive'
        : !found[report.protocol]
          ? 'protocol'
          : 'password';
  const notice = ticket ? await settleLoginFailure(db, ticket, now) : null;
  if (found) {
    await repo.addLoginFailure(db, { target: `a:${found.id}`, contractId: found.contractId, accountId: found.id, login, protocol: report.protocol, clientAddress, reason }, at);
  } else {
    // Unknown names are kept only under a contract they name (its domain or contract number), capped per contract.
    const contractId = await contractOfLogin(db, login);
    if (contractId !== undefined) await repo.addLoginFailure(db, { target: `n:${login}`, contractId, accountId: null, login, protocol: report.protocol, clientAddress, reason }, at);
  }
  return found && notice ? noticeFor(db, found, notice) : null;
}

/** The contract an unknown login belongs to: by its address's domain, or by the contract number of `500001.007`. */
async function contractOfLogin(db: Db, login: string): Promise<number | undefined> {
  if (login.lastIndexOf('@') > 0) {
    const ascii = lookupOf(login);
    const domain = ascii.slice(ascii.lastIndexOf('@') + 1);
    const row = await domainDirectory(db).where('nameAscii', '=', domain).executeTakeFirst();
    return row?.contractId;
  }
  const number = /^(\d{1,12})\.\d{1,6}$/.exec(login)?.[1];
  if (!number) return undefined;
  const row = await contractDirectory(db).where('contractNumber', '=', number).executeTakeFirst();
  return row?.id;
}

export interface ProtocolActivity {
  protocol: MailProtocol;
  lastSuccess: { at: string; clientAddress: string; tls: boolean } | null;
  /** Newest first. */
  failures: FailureSummary[];
}

export type FailureSummary = Pick<Selectable<MailLoginFailuresTable>, 'login' | 'protocol' | 'clientAddress' | 'reason' | 'failures' | 'firstAt' | 'lastAt'>;

export interface MailLoginActivity {
  /** One entry per protocol (IMAP, POP3, SMTP), in that order. */
  protocols: ProtocolActivity[];
  /** Every failure line of the account, newest first (at most FAILURE_LINES_CAP). */
  failures: FailureSummary[];
}

/**
 * What the mail servers reported about one account: per protocol the last successful login and
 * the failure lines with their reasons. Two indexed queries. For the pages, and for a diagnosis
 * ("Warum kann ich mich nicht anmelden?") that needs the recent failures and where they came from.
 */
export async function mailLoginActivity(db: Db, accountId: number): Promise<MailLoginActivity> {
  const [successes, rows] = await Promise.all([repo.listLoginSuccesses(db, accountId), repo.listLoginFailures(db, accountId, repo.FAILURE_LINES_CAP)]);
  return activityOf(successes, rows.map(failureOf));
}

/** The same for many accounts at once (the staff customer view), keyed by account id. */
export async function mailLoginActivityOfAccounts(db: Db, accountIds: number[]): Promise<Map<number, MailLoginActivity>> {
  const [successes, rows] = await Promise.all([repo.listSuccessesOfAccounts(db, accountIds), repo.listFailuresOfAccounts(db, accountIds, repo.FAILURE_LINES_CAP * accountIds.length)]);
  return new Map(
    accountIds.map((id) => [
      id,
      activityOf(
        successes.filter((s) => s.accountId === id),
        rows.filter((r) => r.accountId === id).map(failureOf),
      ),
    ]),
  );
}

export interface ContractLoginActivity {
  accounts: { name: string; activity: MailLoginActivity }[];
  unknownNames: (FailureSummary & { contractId: number })[];
}

/** Everything reported for the accounts of some contracts, by contract id (the staff customer view): three indexed queries. */
export async function loginActivityOfContracts(db: Db, contractIds: number[], accounts: { id: number; name: string; contractId: number }[]): Promise<Map<number, ContractLoginActivity>> {
  const [byAccount, unknown] = await Promise.all([mailLoginActivityOfAccounts(db, accounts.map((a) => a.id)), unknownNameFailures(db, contractIds, repo.FAILURE_LINES_CAP * contractIds.length)]);
  return new Map(
    contractIds.map((id) => [
      id,
      {
        accounts: accounts.filter((a) => a.contractId === id).map((a) => ({ name: a.name, activity: byAccount.get(a.id)! })),
        unknownNames: unknown.filter((u) => u.contractId === id),
      },
    ]),
  );
}

/** Failed logins with names no account has, under the contracts' domains or numbers (typos, old addresses, guessers). */
export async function unknownNameFailures(db: Db, contractIds: number[], limit = repo.FAILURE_LINES_CAP): Promise<(FailureSummary & { contractId: number })[]> {
  const rows = await repo.listUnknownNameFailures(db, contractIds, limit);
  return rows.map((r) => ({ ...failureOf(r), contractId: r.contractId }));
}

function failureOf(r: Omit<FailureSummary, 'failures'> & { failures: number | string }): FailureSummary {
  return { login: r.login, protocol: r.protocol, clientAddress: r.clientAddress, reason: r.reason, failures: Number(r.failures), firstAt: r.firstAt, lastAt: r.lastAt };
}

function activityOf(successes: { protocol: MailProtocol; at: string; clientAddress: string; tls: number }[], failures: FailureSummary[]): MailLoginActivity {
  return {
    protocols: MAIL_PROTOCOLS.map((protocol) => {
      const s = successes.find((x) => x.protocol === protocol);
      return {
        protocol,
        lastSuccess: s ? { at: s.at, clientAddress: s.clientAddress, tls: s.tls === 1 } : null,
        failures: failures.filter((f) => f.protocol === protocol),
      };
    }),
    failures,
  };
}

/** Housekeeping: activity older than the retention (MAIL_LOGIN_ACTIVITY_DAYS) and tickets never reported. */
export async function pruneMailLoginActivity(db: Db, now: Date, retentionDays: number): Promise<void> {
  await repo.pruneLoginActivityRows(db, new Date(now.getTime() - retentionDays * 86_400_000).toISOString(), new Date(now.getTime() - PENDING_MS).toISOString());
}
