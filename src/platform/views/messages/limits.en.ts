import type { limitsDe } from './limits.de.ts';

export const limitsEn: Record<keyof typeof limitsDe, string> = {
  'limits.tooManyRequests': 'Too many requests in a short time. Please try again in {minutes} minutes.',
  'limits.tooManySearches': 'Too many searches in a short time. Please try again in {minutes} minutes.',
  'limits.tooManyTickets': 'You have opened many tickets in a short time. Please try again later – your text stays here.',
  'limits.wait.seconds': '{count} seconds',
  'limits.wait.minute': '1 minute',
  'limits.wait.minutes': '{count} minutes',
  'limits.login.friction':
    'There were many failed attempts for this account. From a device that has not logged in here before we therefore accept an attempt only now and then: please wait {wait} and try again. From a device or connection you have logged in from before it works at once.',
  'limits.login.frictionNote': 'There were many failed attempts for this account. New devices therefore have to wait between two attempts; your known devices log in as usual.',
  'limits.code.friction': 'There were many wrong codes for this account. From a new device we therefore accept a code only now and then: please wait {wait}.',
  'limits.reset.friction': 'Many links were requested for this entry recently. Please wait {wait} and try again.',
  'limits.failed.title': 'Failed login attempts',
  'limits.failed.intro': 'Attempts with a wrong password or code, summed up per address. Addresses with many failed attempts are slowed down and locked out; you yourself log in from your known devices as usual.',
  'limits.failed.none': 'No failed login attempts in the last 90 days.',
  'limits.failed.password': '{count} failed login attempts from {address}, last on {time}',
  'limits.failed.password.one': '1 failed login attempt from {address} on {time}',
  'limits.failed.code': '{count} wrong two-factor codes from {address}, last on {time}',
  'limits.failed.code.one': '1 wrong two-factor code from {address} on {time}',
  'limits.notice.customer': 'your customer account {name}',
  'limits.notice.mailAccount': 'your mailbox {name}',
  'limits.notice.subject': 'Failed login attempts on {account}',
  'limits.notice.password':
    'Hello,\n\nsince {since} there were {count} failed login attempts on {account}, the last on {time} from the address {address}{more}.\n\nYour access stays protected: attempts from there are slowed down and locked out, and you yourself log in from your known devices as usual.\n\nIf this was not you, please choose a new, strong password and, where offered, turn on two-factor login. You can see all events under "Security" after logging in.\n\nThis e-mail deliberately contains no link. We never ask for your password.\n',
  'limits.notice.code':
    'Hello,\n\nsince {since} the right password for {account} was entered, followed by {count} wrong two-factor codes, the last on {time} from the address {address}{more}.\n\nIf this was not you, someone knows your password: please change it at once. Your second factor has stopped the login so far.\n\nThis e-mail deliberately contains no link. We never ask for your password.\n',
  'limits.notice.more': ' (from {count} addresses in all)',
  'limits.mail.intro': 'Attempts to log into this mailbox (E-Mail Administration) with a wrong password, summed up per address.',
};
