import type { MessageKey } from '../../platform/views/i18n.ts';
import type { COUNTRIES, MasterData, SALUTATIONS } from './master-data.forms.ts';

type Salutation = (typeof SALUTATIONS)[number];
type Country = (typeof COUNTRIES)[number];

/** The labels of master data, for the customer's form and the back office's customer view. */
export const SALUTATION_LABELS: Record<Salutation, MessageKey> = { '': 'salutation.none', mr: 'salutation.mr', ms: 'salutation.ms', diverse: 'salutation.diverse' };

export const COUNTRY_LABELS: Record<Country, MessageKey> = {
  DE: 'country.DE',
  AT: 'country.AT',
  CH: 'country.CH',
  LI: 'country.LI',
  LU: 'country.LU',
  NL: 'country.NL',
  BE: 'country.BE',
  FR: 'country.FR',
  IT: 'country.IT',
  PL: 'country.PL',
  DK: 'country.DK',
  GB: 'country.GB',
  US: 'country.US',
};

export const MASTER_DATA_FIELD_LABELS: Record<keyof MasterData, MessageKey> = {
  salutation: 'field.salutation',
  firstName: 'field.firstName',
  lastName: 'field.lastName',
  company: 'field.company',
  street: 'field.street',
  postcode: 'field.postcode',
  city: 'field.city',
  country: 'field.country',
  phone: 'field.phone',
};

/** A stored value's label; a value the list no longer holds is shown as it is stored. */
export function labelOf<Value extends string>(labels: Record<Value, MessageKey>, value: string): MessageKey | null {
  return Object.hasOwn(labels, value) ? labels[value as Value] : null;
}
