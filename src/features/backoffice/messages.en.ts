import type { backofficeDe } from './messages.de.ts';

/** English texts of the back office; the type makes a missing key a compile error. */
export const backofficeEn: Record<keyof typeof backofficeDe, string> = {
  'twoFactor.resetByStaff': 'Reset two-factor login',
  'twoFactor.resetByStaffIntro': 'Only when the customer lost their device and backup codes and their identity has been checked. The customer is notified by e-mail; the action is logged.',
  'twoFactor.resetDone': "The customer's two-factor login has been reset and the customer notified.",
  'twoFactor.resetMailSubject': 'Your two-factor login was reset',
  'twoFactor.resetMailBody': 'Hello,\n\nour support has reset the two-factor login of your customer account {customerNumber}. You now log in with your password only and can set up two-factor login again under "Security".\n\nIf you did not ask for this, please contact us right away.\n',

  'staff.search': 'Find customers',
  'staff.searchLabel': 'Customer number, name, e-mail address or domain',
  'staff.searchSubmit': 'Search',
  'staff.searchNone': 'No customers found.',
  'staff.searchHint': 'Enter at least two characters.',
  'staff.results': '{count} results',
  'staff.customer': 'Customer {number}',
  'staff.name': 'Name',
  'staff.confirmedAt': 'Master data confirmed',
  'staff.never': 'never',
  'staff.contracts': 'Contracts',
  'staff.mailAccounts': 'Mailboxes',
};
