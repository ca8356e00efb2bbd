import type { ordersDe } from './messages.de.ts';

/** English texts of orders; the type makes a missing key a compile error. */
export const ordersEn: Record<keyof typeof ordersDe, string> = {
  'order.title': 'Enter a first order',
  'order.intro': 'Creates the customer (if new), the contract with its tariff and its domains. Tariffs without Plesk also get mailbox .001 with a generated password.',
  'order.tariff': 'Tariff',
  'order.domains': 'Domains (one per line)',
  'order.email': "Customer's e-mail address",
  'order.customerNumber': 'Existing customer number (optional)',
  'order.submit': 'Place order',
  'order.done': 'The order has been placed.',
  'order.secretsOnce': 'These passwords are shown only now and are not stored in plain text anywhere. Pass them on to the customer securely.',
  'order.customerPassword': 'Customer area password',
  'order.mailAccount': 'Mailbox',
  'order.mailPassword': 'Mailbox password (also the e-mail administration password)',
  'order.existingCustomer': 'Existing customer: their current password stays valid.',
  'order.lookalikesNeedConfirmation': 'Risk of confusion with {domains}. Order only if this is exactly what is wanted, and confirm it explicitly.',
  'order.lookalikesTitle': 'Risk of confusion',
  'order.lookalikesIntro': 'These domains look like other names. This is how fraud works: someone orders a name that looks like a known customer’s in the address bar. Compare the punycode form in brackets.',
  'order.confirmLookalikes': 'I have checked the warning; these domains are to be ordered exactly as they are.',
  'order.confirmLookalikesRequired': 'Please confirm the warning explicitly (in the form with the checkbox, in the API with "acceptConfusableDomains": true, on the command line with --accept-confusable-domains).',

  'customer.unknown': 'Customer number {number} does not exist.',
  'customer.emailTaken': 'A customer account with this e-mail address exists already ({hint}). Give its customer number.',
  'customer.emailMismatch': 'The e-mail address does not belong to customer {number}.',
  'api.unauthorized': 'A valid API token is missing (Authorization: Bearer …).',

  // Orders with master data (issue #17, item 14)
  'order.masterDataTitle': "Customer's master data (optional)",
  'order.masterDataIntro': 'What you enter here the customer only confirms at their first login; they fill in empty fields themselves. An existing customer keeps their master data as it is.',
  'order.language': "Customer's language",
  'order.languageDefault': 'German (default)',
  'order.countryNone': 'not specified',
  'order.masterDataDiffers': 'Differs from the master data of customer {number}. Only the customer changes it; leave the field empty.',
};
