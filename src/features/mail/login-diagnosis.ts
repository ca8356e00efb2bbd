import type { MailEndpoint, MailServerSettings } from './mail.config.ts';

/**
 * "Warum kann ich mich nicht anmelden?": what stands between a mail program and its mailbox,
 * decided from facts alone (no I/O), so that every page that offers the diagnosis (Zugangsdaten,
 * the mailbox page, the mailbox user's page, the staff ticket view) says the same. The facts come
 * from `gatherDiagnosisFacts` (login-diagnosis.service.ts).
 */
import { MAIL_PROTOCOLS, type MailLoginFailureReason, type MailProtocol } from './login-activity.tables.ts';

export { MAIL_PROTOCOLS, type MailProtocol };

/** Where a login came from: one of the mail protocols, or the web login of the mail administration. */
export type LoginChannel = MailProtocol | 'web';

/** Why a login failed, as far as Hostdesk can tell (the web login knows only wrong passwords). */
export type FailureReason = MailLoginFailureReason;

export interface FailureLine {
  channel: LoginChannel;
  reason: FailureReason;
  address: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export interface SuccessLine {
  channel: LoginChannel;
  address: string;
  at: string;
  /** Unknown for web logins (always HTTPS) and for reports without it. */
  tls: boolean | null;
}

export interface DiagnosisFacts {
  account: { name: string; active: boolean; protocols: Record<MailProtocol, boolean>; passwordChangedAt: string; appPasswordsOnly: boolean };
  /** Every user name that logs into the mailbox: its account name and its addresses (lower case). */
  logins: string[];
  server: MailServerSettings;
  failures: FailureLine[];
  successes: SuccessLine[];
  /** Client addresses the login throttle refuses right now, and until when. */
  throttled: { address: string; until: string }[];
}

/** What the person asking says their mail program uses; every part optional. */
export interface DiagnosisQuestion {
  protocol: MailProtocol | null;
  login: string | null;
  server: string | null;
}

export type Finding =
  | { kind: 'account-active' }
  | { kind: 'account-inactive' }
  | { kind: 'protocol-on'; protocol: MailProtocol }
  | { kind: 'protocol-off'; protocol: MailProtocol }
  | { kind: 'app-passwords-only' }
  | { kind: 'login-right'; login: string }
  | { kind: 'login-wrong'; typed: string; logins: string[] }
  | { kind: 'logins'; logins: string[] }
  | { kind: 'server-right'; protocol: MailProtocol; endpoint: MailEndpoint }
  | { kind: 'server-wrong'; typed: string; protocol: MailProtocol; endpoint: MailEndpoint }
  | { kind: 'old-password'; channel: LoginChannel; address: string; count: number; since: string; changedAt: string }
  | { kind: 'failures'; line: FailureLine }
  | { kind: 'no-failures' }
  | { kind: 'throttled'; address: string; until: string }
  | { kind: 'last-success'; line: SuccessLine };

export type Severity = 'ok' | 'problem' | 'info';

export type NextStep =
  | { kind: 'activate' }
  | { kind: 'enable-protocol'; protocol: MailProtocol }
  | { kind: 'fix-login'; login: string }
  | { kind: 'fix-server'; protocol: MailProtocol; endpoint: MailEndpoint }
  | { kind: 'new-password' }
  | { kind: 'use-app-password' }
  | { kind: 'wait'; until: string }
  | { kind: 'nothing-found' };

export interface Diagnosis {
  findings: { finding: Finding; severity: Severity }[];
  next: NextStep;
}

/** Failures older than this say nothing about today's problem. */
const RECENT_MS = 14 * 24 * 3_600_000;

const SEVERITY: Record<Finding['kind'], Severity> = {
  'account-active': 'ok',
  'account-inactive': 'problem',
  'protocol-on': 'ok',
  'protocol-off': 'problem',
  'app-passwords-only': 'info',
  'login-right': 'ok',
  'login-wrong': 'problem',
  logins: 'info',
  'server-right': 'ok',
  'server-wrong': 'problem',
  'old-password': 'problem',
  failures: 'problem',
  'no-failures': 'ok',
  throttled: 'problem',
  'last-success': 'info',
};

const normalHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

/**
 * The checks in the order a support agent would ask them, and the one next step: the first
 * problem that blocks every login wins (a switched-off account before a wrong password), so the
 * customer is never sent to change a password that is not the cause.
 */
export function diagnoseMailLogin(facts: DiagnosisFacts, question: DiagnosisQuestion, now: Date): Diagnosis {
  const findings: Diagnosis['findings'] = [];
  const add = (finding: Finding, severity = SEVERITY[finding.kind]) => findings.push({ finding, severity });
  const steps: NextStep[] = [];
  const { account } = facts;

  if (account.active) add({ kind: 'account-active' });
  else {
    add({ kind: 'account-inactive' });
    steps.push({ kind: 'activate' });
  }

  for (const protocol of question.protocol ? [question.protocol] : MAIL_PROTOCOLS) {
    if (account.protocols[protocol]) add({ kind: 'protocol-on', protocol });
    // Only the protocol asked about blocks; the others are facts.
    else if (question.protocol) {
      add({ kind: 'protocol-off', protocol });
      steps.push({ kind: 'enable-protocol', protocol });
    } else add({ kind: 'protocol-off', protocol }, 'info');
  }

  if (account.appPasswordsOnly) add({ kind: 'app-passwords-only' });

  const typed = question.login?.trim().toLowerCase();
  if (!typed) add({ kind: 'logins', logins: facts.logins });
  else if (facts.logins.includes(typed)) add({ kind: 'login-right', login: typed });
  else {
    add({ kind: 'login-wrong', typed: question.login!.trim(), logins: facts.logins });
    steps.push({ kind: 'fix-login', login: facts.logins[0] ?? account.name });
  }

  if (question.protocol && question.server?.trim()) {
    const endpoint = facts.server[question.protocol];
    if (normalHost(question.server) === normalHost(endpoint.host)) add({ kind: 'server-right', protocol: question.protocol, endpoint });
    else {
      add({ kind: 'server-wrong', typed: question.server.trim(), protocol: question.protocol, endpoint });
      steps.push({ kind: 'fix-server', protocol: question.protocol, endpoint });
    }
  }

  const recent = facts.failures
    .filter((line) => now.getTime() - Date.parse(line.lastAt) <= RECENT_MS)
    .filter((line) => !question.protocol || line.channel === question.protocol || line.channel === 'web')
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  const changedAt = account.passwordChangedAt;
  let wrongPassword = false;
  for (const line of recent) {
    if (line.reason === 'password') wrongPassword = true;
    // A device that logged in before the change and fails since: it still holds the old password.
    const oldPassword =
      line.reason === 'password' &&
      line.firstAt >= changedAt &&
      facts.successes.some((s) => s.address === line.address && s.at < changedAt);
    add(oldPassword ? { kind: 'old-password', channel: line.channel, address: line.address, count: line.count, since: line.firstAt, changedAt } : { kind: 'failures', line });
  }
  if (recent.length === 0) add({ kind: 'no-failures' });
  // The mailbox password does not open mail programs at all here: an app password does.
  if (wrongPassword) steps.push({ kind: account.appPasswordsOnly ? 'use-app-password' : 'new-password' });

  const locks = facts.throttled.filter((lock) => Date.parse(lock.until) > now.getTime()).sort((a, b) => b.until.localeCompare(a.until));
  for (const lock of locks) add({ kind: 'throttled', address: lock.address, until: lock.until });
  if (locks[0]) steps.push({ kind: 'wait', until: locks[0].until });

  for (const line of [...facts.successes].sort((a, b) => b.at.localeCompare(a.at))) {
    if (!question.protocol || line.channel === question.protocol) add({ kind: 'last-success', line });
  }

  return { findings, next: steps[0] ?? { kind: 'nothing-found' } };
}
