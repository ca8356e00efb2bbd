import { z } from 'zod';
import type { Language } from '../../platform/db/database.ts';
import { singleLine } from '../../platform/single-line.ts';
import { checkPostcodeOfCountry, MasterDataShape, POSTCODE_CHECK } from '../accounts/index.ts';

/** The languages a customer's area and mail can be in. */
export const ORDER_LANGUAGES = ['de', 'en'] as const satisfies readonly Language[];

/**
 * The master data an order may carry: the Stammdaten form's own fields and rules, each optional
 * (the customer confirms or completes them at the first login), plus the customer's language.
 */
export const OrderMasterData = MasterDataShape.partial().extend({
  language: z.enum(ORDER_LANGUAGES, { message: 'common.invalid' }).optional(),
});
export type OrderMasterData = z.infer<typeof OrderMasterData>;
export const ORDER_MASTER_DATA_FIELDS = Object.keys(OrderMasterData.shape) as (keyof OrderMasterData)[];

const FirstOrderFields = z.object({
  tariff: z.string({ message: 'common.required' }).trim().min(1, { message: 'common.required' }).max(40, { message: 'common.tooLong' }),
  domains: z.array(z.string().max(1000, { message: 'common.tooLong' }), { message: 'domain.required' }).min(1, { message: 'domain.required' }).max(50, { message: 'domain.tooMany' }),
  email: singleLine(z.string({ message: 'common.required' }).trim().min(1, { message: 'common.required' }).max(254, { message: 'common.tooLong' })),
  customerNumber: z
    .string()
    .trim()
    .max(20, { message: 'common.tooLong' })
    .regex(/^\d*$/, { message: 'common.invalid' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** The explicit "yes" for domains that mix scripts or look like another domain (API and CLI). */
  acceptConfusableDomains: z.boolean({ message: 'common.invalid' }).optional(),
  ...OrderMasterData.shape,
});
/** A first order as every door (API, CLI, backoffice) hands it to the service; the postcode as the Stammdaten form checks it. */
export const FirstOrderInput = FirstOrderFields.superRefine(checkPostcodeOfCountry, POSTCODE_CHECK);
export type FirstOrderInput = Omit<z.infer<typeof FirstOrderInput>, 'customerNumber' | 'acceptConfusableDomains'> & {
  customerNumber?: string | undefined;
  acceptConfusableDomains?: boolean | undefined;
  /** The back-office form's "yes", bound to the ASCII names its warning showed. */
  confirmedLookalikes?: string[] | undefined;
};

/** The backoffice form as typed: domains come as one textarea, one per line (or separated by commas). */
const StaffOrderFields = z.object({
  tariff: z.string({ message: 'common.invalid' }).default(''),
  domains: z.string({ message: 'common.invalid' }).max(60_000, { message: 'common.tooLong' }).default(''),
  email: z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default(''),
  customerNumber: z.string({ message: 'common.invalid' }).max(100, { message: 'common.tooLong' }).default(''),
  acceptConfusableDomains: z.literal('1').optional().catch(undefined),
  /** The ASCII names the warning showed, one per line: a tick confirms these, not what was typed after. */
  warnedDomains: z.string().max(20_000).default(''),
  ...Object.fromEntries(ORDER_MASTER_DATA_FIELDS.map((field) => [field, z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default('')])) as Record<
    keyof OrderMasterData,
    z.ZodDefault<z.ZodString>
  >,
});

/** A field left empty on the form is not given: the order's rules apply only to what was typed. */
function typedMasterData(form: Record<keyof OrderMasterData, string>): Record<string, string> {
  return Object.fromEntries(ORDER_MASTER_DATA_FIELDS.filter((field) => form[field].trim() !== '').map((field) => [field, form[field]]));
}

/** The backoffice form, read into the one order every door hands to the service. */
export const StaffOrderForm = StaffOrderFields.transform((form) => ({
  tariff: form.tariff,
  domains: form.domains.split(/[\s,;]+/).filter(Boolean),
  email: form.email,
  ...(form.customerNumber ? { customerNumber: form.customerNumber } : {}),
  ...typedMasterData(form),
  // The tick confirms the names the warning listed; a domain typed in afterwards is warned about anew.
  confirmedLookalikes: form.acceptConfusableDomains === '1' ? form.warnedDomains.split('\n').map((d) => d.trim()).filter(Boolean) : [],
})).pipe(FirstOrderFields.omit({ acceptConfusableDomains: true }).extend({ confirmedLookalikes: z.array(z.string()) }).superRefine(checkPostcodeOfCountry, POSTCODE_CHECK));
