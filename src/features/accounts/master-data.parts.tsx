import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { SelectField, TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { COUNTRIES, SALUTATIONS } from './master-data.forms.ts';
import { COUNTRY_LABELS, SALUTATION_LABELS } from './master-data.labels.ts';

/**
 * The master data fields, as the customer's "Stammdaten" and the back office's edit form both show them.
 */
export function MasterDataFields({ ctx, form, ownData = true }: { ctx: ViewContext; form: FormState; ownData?: boolean }) {
  const { t } = ctx;
  // Staff editing a customer's data must not have their browser fill in their own.
  const auto = (token: string) => (ownData ? token : 'off');
  return (
    <div class="grid-2">
      <SelectField ctx={ctx} form={form} name="salutation" label="field.salutation" options={SALUTATIONS.map((salutation) => ({ value: salutation, label: t(SALUTATION_LABELS[salutation]) }))} />
      <TextField ctx={ctx} form={form} name="company" label="field.company" autocomplete={auto('organization')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="firstName" label="field.firstName" autocomplete={auto('given-name')} required maxLength={100} />
      <TextField ctx={ctx} form={form} name="lastName" label="field.lastName" autocomplete={auto('family-name')} required maxLength={100} />
      <TextField ctx={ctx} form={form} name="street" label="field.street" autocomplete={auto('street-address')} required maxLength={200} />
      <TextField ctx={ctx} form={form} name="postcode" label="field.postcode" autocomplete={auto('postal-code')} required maxLength={20} />
      <TextField ctx={ctx} form={form} name="city" label="field.city" autocomplete={auto('address-level2')} required maxLength={100} />
      <SelectField ctx={ctx} form={form} name="country" label="field.country" options={COUNTRIES.map((country) => ({ value: country, label: t(COUNTRY_LABELS[country]) }))} />
      <TextField ctx={ctx} form={form} name="phone" label="field.phone" type="tel" autocomplete={auto('tel')} maxLength={40} />
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
