import type { Db } from '../../platform/db/index.ts';
import { listFailedLogins, lockedLoginSources } from '../accounts/index.ts';
import { diagnoseMailLogin, type DiagnosisFacts, type DiagnosisQuestion, type FailureLine, type SuccessLine } from './login-diagnosis.ts';
import { loadMailOverview, requireMailContract } from './mail-admin.service.ts';
import { mailLoginActivity } from './login-activity.service.ts';
import { findMailAccountById } from './mail-account.repository.ts';
import type { MailServerSettings } from './mail.config.ts';
import { mailSubjectOf } from './mail-login.service.ts';

/** The mailbox as the diagnosis needs it: its switches and every address that is also its user name. */
export interface DiagnosedAccount {
  id: number;
  name: string;
  active: number;
  imap: number;
  pop3: number;
  smtp: number;
  passwordChangedAt: string;
  appPasswordsOnly: number;
  addresses: { address: string }[];
}

/** How many client addresses the diagnosis asks the throttle about (the most recent failures). */
const THROTTLE_LOOKUPS = 10;

/**
 * Collects what the diagnosis decides from: the account's switches and user names, its failed
 * and successful logins, and the client addresses the login throttle refuses right now.
 */
export async function gatherDiagnosisFacts(db: Db, account: DiagnosedAccount, server: MailServerSettings, now: Date): Promise<DiagnosisFacts> {
  const logins = [account.name, ...account.addresses.map((a) => a.address)];
  const webFailures = await listFailedLogins(db, mailSubjectOf(account.name), { limit: 20 });
  const failures: FailureLine[] = webFailures
    .filter((line) => line.kind === 'password')
    .map((line) => ({ channel: 'web', reason: 'password', address: line.address, count: line.failures, firstAt: line.firstAt, lastAt: line.lastAt }));
  // What Dovecot reported about IMAP, POP3 and SMTP AUTH (the auth policy requests).
  const activity = await mailLoginActivity(db, account.id);
  for (const line of activity.failures) {
    failures.push({ channel: line.protocol, reason: line.reason, address: line.clientAddress, count: line.failures, firstAt: line.firstAt, lastAt: line.lastAt });
  }
  const successes: SuccessLine[] = activity.protocols.flatMap(({ protocol, lastSuccess }) =>
    lastSuccess ? [{ channel: protocol, address: lastSuccess.clientAddress, at: lastSuccess.at, tls: lastSuccess.tls }] : [],
  );
  const recentAddresses = [...new Set(failures.map((line) => line.address))].slice(0, THROTTLE_LOOKUPS);
  const throttled = await lockedLoginSources(db, 'mail', logins, recentAddresses, now);
  return {
    account: {
      name: account.name,
      active: account.active === 1,
      protocols: { imap: account.imap === 1, pop3: account.pop3 === 1, smtp: account.smtp === 1 },
      passwordChangedAt: account.passwordChangedAt,
      appPasswordsOnly: account.appPasswordsOnly === 1,
    },
    logins,
    server,
    failures,
    successes,
    throttled,
  };
}

/** A mailbox as its owner knows it: its first address, else its account name. */
export const mailboxLabel = (account: { name: string; addresses: { localPart: string; domainUnicode: string }[] }) => {
  const first = account.addresses[0];
  return first ? `${first.localPart}@${first.domainUnicode}` : account.name;
};

/**
 * The diagnosis of one mailbox, found by id; `contractId` (when given) must be its contract,
 * so a route that checked access to a contract reaches only that contract's mailboxes.
 */
export async function diagnoseMailbox(db: Db, server: MailServerSettings, target: { accountId: number; contractId?: number }, question: DiagnosisQuestion, now: Date) {
  const row = await findMailAccountById(db, target.accountId);
  if (!row || (target.contractId !== undefined && row.contractId !== target.contractId)) return null;
  const contract = await requireMailContract(db, row.contractId);
  const account = (await loadMailOverview(db, contract)).accounts.find((a) => a.id === row.id);
  if (!account) return null;
  const facts = await gatherDiagnosisFacts(db, account, server, now);
  return { contract, account, mailbox: mailboxLabel(account), diagnosis: diagnoseMailLogin(facts, question, now) };
}
export type MailboxDiagnosis = NonNullable<Awaited<ReturnType<typeof diagnoseMailbox>>>;
