import type { platformDe } from './platform.de.ts';

/** English texts of the platform's own texts; the type makes a missing key a compile error. */
export const platformEn: Record<keyof typeof platformDe, string> = {
  'app.tagline': 'Customer area',
  'nav.domains': 'Domains',
  'nav.masterData': 'Master data',
  'nav.support': 'SupportCenter',
  'nav.help': 'Help',
  'nav.logout': 'Log out',
  'nav.logoutEverywhere': 'Log out everywhere',
  'nav.skip': 'Skip to content',
  'nav.main': 'Main navigation',
  'lang.de': 'Deutsch',
  'lang.en': 'English',
  'lang.switch': 'Change language',
  'nav.imprint': 'Imprint',
  'nav.privacy': 'Privacy policy',

  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.copySelected': 'Selected – press Ctrl+C (⌘+C) to copy',
  'common.print': 'Print',
  'common.downloadText': 'Download as a text file',
  'password.show': 'Show',
  'password.hide': 'Hide',

  'session.expired': 'Your session has expired. Please log in again.',

  'password.weak': 'This password is too easy to guess. Use a longer one, for example several words.',
  'password.hint': 'At least 10 characters; a sentence of several words is strong and easy to remember.',

  'nav.security': 'Security',

  'app.staffTagline': 'Back office',
  'nav.staff.customers': 'Customers',
  'nav.staff.order': 'New order',
  'nav.staff.tokens': 'API tokens',
  'nav.staff.audit': 'Audit log',
  'nav.staff.account': 'My account',

  'common.createdAt': 'Created',
  'common.back': 'Back',
  'common.formErrors': 'Please correct the marked fields.',
  'common.required': 'Please fill in.',
  'common.tooLong': 'At most {max} characters.',
  'common.invalidEmail': 'Please enter a valid e-mail address.',
  'common.invalid': 'This value is not valid.',
  'common.hiddenCharacter': 'Contains an invisible character or a text-direction control ({char}). Such characters disguise what others read; please remove it.',
  'common.singleLine': 'Please keep this to one line, without line breaks, tabs or control characters.',

  'error.title': 'Error',
  'error.notFound': 'This page does not exist.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'The form was out of date. Please reload the page and submit it again.',
  'error.internal': 'Something went wrong. Please try again later.',
  'error.badRequest': 'The request was malformed.',
  'error.unsupportedMediaType': 'This format is not supported.',
  'error.tooManyRequests': 'Too many requests. Please wait a moment.',
  'error.unauthorized': 'Please log in.',

  'limits.tooManyRequests': 'Too many requests in a short time. Please try again in {minutes} minutes.',

  'nav.staff.help': "Edit help",
  'nav.staff.tickets': 'Tickets',
  'nav.staff.mailServers': 'Mail servers',
  'nav.staff.panelServers': 'Plesk servers',

  // issue #17 (custui): phone header, breadcrumbs, error summary
  'nav.menu': 'Menu',
  'nav.breadcrumb': 'You are here',
  'common.errorInField': '{field}: {message}',
  // issue #17 (confirm17): the confirmation step of irreversible actions
  'common.cancel': 'Cancel',
};
