import type { contractsDe } from './messages.de.ts';

/** English texts of contracts; the type makes a missing key a compile error. */
export const contractsEn: Record<keyof typeof contractsDe, string> = {
  'domains.title': 'Domains',
  'domains.intro': 'All domains of your contracts. To the right of each domain you find what your tariff offers for it.',
  'domains.domain': 'Domain',
  'domains.contract': 'Contract',
  'domains.tariff': 'Tariff',
  'domains.actions': 'Actions',
  'domains.none': 'Your contracts have no domains yet.',
  'domains.openPanel': 'Manage package',
  'domains.mailAdmin': 'E-mail administration',
  'domains.credentials': 'Credentials',
  'domains.welcome': 'Welcome, {name}',
  'domains.contracts': 'Your contracts',
  'domains.status': 'Status',
  'domains.orderedAt': 'Ordered on',
  'contract.status.active': 'active',
  'contract.status.suspended': 'suspended',
  'contract.status.cancelled': 'cancelled',
  'panel.plesk': 'Plesk {version}',
  'panel.mailadmin': 'E-mail administration',

  'domain.invalid': '"{domain}" is not a valid domain name.',
  'domain.tooLong': '"{domain}" is too long (at most 253 characters, 63 per label).',
  'domain.duplicate': '"{domain}" is already taken.',
  'domain.repeated': '"{domain}" appears more than once in the order.',
  'domain.required': 'Enter at least one domain.',
  'domain.tooMany': 'At most {max} domains per order.',
  'tariff.unknown': 'Unknown tariff "{code}".',
};
