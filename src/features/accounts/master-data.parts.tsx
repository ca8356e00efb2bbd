import type { ComponentChildren } from 'preact';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { SelectField, TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { COUNTRIES, SALUTATIONS } from './master-data.forms.ts';
import { COUNTRY_LABELS, SALUTATION_LABELS } from './master-data.labels.ts';

/**
 * The master data fields, as the customer's "Stammdaten", the back office's edit form and the
 * order form show them. The order form asks for none of them (`required={false}`), offers an
 * empty country (`emptyCountry`, its label) and adds fields of its own to the grid (children).
 */
export function MasterDataFields({
  ctx,
  form,
  ownData = true,
  required = true,
  emptyCountry,
  children,
}: {
  ctx: ViewContext;
  form: FormState;
  ownData?: boolean;
  required?: boolean;
  emptyCountry?: MessageKey;
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  // Staff editing a customer's data must not have their browser fill in their own.
  const auto = (token: string) => (ownData ? token : 'off');
  const countries = COUNTRIES.map((country) => ({ value: country, label: t(COUNTRY_LABELS[country]) }));
  return (
    <div class="grid-2">
      <SelectField ctx={ctx} form={form} name="salutation" label="field.salutation" options={SALUTATIONS.map((salutation) => ({ value: salutation, label: t(SALUTATION_LABELS[salutation]) }))} />
      <TextField ctx={ctx} form={form} name="company" label="field.company" autocomplete={auto('organization')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="firstName" label="field.firstName" autocomplete={auto('given-name')} required={required} maxLength={100} />
      <TextField ctx={ctx} form={form} name="lastName" label="field.lastName" autocomplete={auto('family-name')} required={required} maxLength={100} />
      <TextField ctx={ctx} form={form} name="street" label="field.street" autocomplete={auto('street-address')} required={required} maxLength={200} />
      <TextField ctx={ctx} form={form} name="postcode" label="field.postcode" autocomplete={auto('postal-code')} required={required} maxLength={20} />
      <TextField ctx={ctx} form={form} name="city" label="field.city" autocomplete={auto('address-level2')} required={required} maxLength={100} />
      <SelectField ctx={ctx} form={form} name="country" label="field.country" options={emptyCountry ? [{ value: '', label: t(emptyCountry) }, ...countries] : countries} />
      <TextField ctx={ctx} form={form} name="phone" label="field.phone" type="tel" autocomplete={auto('tel')} maxLength={40} />
      {children}
    </div>
  );
}

// The error summary names each field by its label, in this order (FormCard reads it).
MasterDataFields.fieldLabels = {
  salutation: 'field.salutation',
  company: 'field.company',
  firstName: 'field.firstName',
  lastName: 'field.lastName',
  street: 'field.street',
  postcode: 'field.postcode',
  city: 'field.city',
  country: 'field.country',
  phone: 'field.phone',
} satisfies Record<string, MessageKey>;
