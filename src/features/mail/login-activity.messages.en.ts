import type { loginActivityDe } from './login-activity.messages.de.ts';

/** English texts of the login activity; the type makes a missing key a compile error. */
export const loginActivityEn: Record<keyof typeof loginActivityDe, string> = {
  'mail.activity.title': 'Logins from mail programs',
  'mail.activity.intro': 'What the mail server reports: the last successful login per protocol, and failed logins with their reason.',
  'mail.activity.success': '{protocol}: last successful login on {time} from {address} ({security})',
  'mail.activity.never': '{protocol}: no successful login reported',
  'mail.activity.tls': 'encrypted',
  'mail.activity.plain': 'not encrypted',
  'mail.activity.failed': '{count} failed logins ({reason}) over {protocol} from {address}, last on {time}',
  'mail.activity.failed.one': '1 failed login ({reason}) over {protocol} from {address} on {time}',
  'mail.activity.noFailures': 'No failed logins reported.',
  'mail.activity.unknownTitle': 'Login attempts with unknown names',
  'mail.activity.unknown': '"{login}": {count} failed logins over {protocol} from {address}, last on {time}',
  'mail.activity.unknown.one': '"{login}": 1 failed login over {protocol} from {address} on {time}',
  'mail.activity.reason.password': 'wrong password',
  'mail.activity.reason.unknown': 'unknown name',
  'mail.activity.reason.inactive': 'mailbox deactivated',
  'mail.activity.reason.protocol': 'protocol switched off',
  'mail.activity.reason.throttled': 'refused after too many failures',
};
