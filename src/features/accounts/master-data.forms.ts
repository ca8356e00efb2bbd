import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';

export const SALUTATIONS = ['', 'mr', 'ms', 'diverse'] as const;
export const COUNTRIES = ['DE', 'AT', 'CH', 'LI', 'LU', 'NL', 'BE', 'FR', 'IT', 'PL', 'DK', 'GB', 'US'] as const;

const text = (max: number) => singleLine(z.string().trim().max(max, { message: 'common.tooLong' }));
const required = (max: number) => text(max).min(1, { message: 'common.required' });

type Country = (typeof COUNTRIES)[number];

/**
 * What a postcode looks like in each country: the message names the shape and an example, so the
 * customer sees what to type. Countries not listed take letters, digits, spaces and hyphens.
 */
export const POSTCODE_RULES: Partial<Record<Country, { pattern: RegExp; message: 'masterData.postcodeDigits' | 'masterData.postcodeShape'; example: string; digits?: number }>> = {
  DE: { pattern: /^\d{5}$/, message: 'masterData.postcodeDigits', digits: 5, example: '10115' },
  AT: { pattern: /^\d{4}$/, message: 'masterData.postcodeDigits', digits: 4, example: '1010' },
  CH: { pattern: /^\d{4}$/, message: 'masterData.postcodeDigits', digits: 4, example: '8001' },
  LI: { pattern: /^94(8[5-9]|9[0-8])$/, message: 'masterData.postcodeDigits', digits: 4, example: '9490' },
  LU: { pattern: /^(L-?)?\d{4}$/i, message: 'masterData.postcodeDigits', digits: 4, example: '1111' },
  BE: { pattern: /^\d{4}$/, message: 'masterData.postcodeDigits', digits: 4, example: '1000' },
  DK: { pattern: /^\d{4}$/, message: 'masterData.postcodeDigits', digits: 4, example: '1050' },
  FR: { pattern: /^\d{5}$/, message: 'masterData.postcodeDigits', digits: 5, example: '75001' },
  IT: { pattern: /^\d{5}$/, message: 'masterData.postcodeDigits', digits: 5, example: '00118' },
  NL: { pattern: /^\d{4} ?[A-Za-z]{2}$/, message: 'masterData.postcodeShape', example: '1012 AB' },
  PL: { pattern: /^\d{2}-\d{3}$/, message: 'masterData.postcodeShape', example: '00-950' },
  GB: { pattern: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, message: 'masterData.postcodeShape', example: 'SW1A 1AA' },
  US: { pattern: /^\d{5}(-\d{4})?$/, message: 'masterData.postcodeShape', example: '10001' },
};

/** The master data's fields and their own rules (orders take each of them optionally). */
export const MasterDataShape = z.object({
  salutation: z.enum(SALUTATIONS, { message: 'common.invalid' }).default(''),
  firstName: required(100),
  lastName: required(100),
  company: text(200).default(''),
  street: required(200),
  postcode: required(20).regex(/^[A-Za-z0-9 -]+$/, { message: 'common.invalid' }),
  city: required(100),
  country: z.enum(COUNTRIES, { message: 'common.invalid' }),
  phone: text(40)
    .regex(/^[0-9 +()/.-]*$/, { message: 'common.invalid' })
    .default(''),
});

/**
 * The postcode in the shape of its country, checked alongside every other field's error (all at
 * once) as long as postcode and country are themselves readable; for any schema with both fields.
 */
export function checkPostcodeOfCountry(data: { postcode?: string | undefined; country?: string | undefined }, ctx: z.RefinementCtx): void {
  // With `when`, this runs although other fields failed: the input may not even be an object.
  if (typeof data !== 'object' || data === null || typeof data.postcode !== 'string' || typeof data.country !== 'string') return;
  const rule = POSTCODE_RULES[data.country as Country];
  if (rule && !rule.pattern.test(data.postcode)) {
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: rule.message, params: { example: rule.example, ...(rule.digits ? { digits: rule.digits } : {}) } });
  }
}
export const POSTCODE_CHECK = { when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => issue.path?.[0] === 'postcode' || issue.path?.[0] === 'country') };

/** The master data a customer confirms or corrects (the login e-mail is not part of it). */
export const MasterDataForm = MasterDataShape.superRefine(checkPostcodeOfCountry, POSTCODE_CHECK);
export type MasterData = z.infer<typeof MasterDataForm>;
