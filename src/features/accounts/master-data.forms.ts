import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';

export const SALUTATIONS = ['', 'mr', 'ms', 'diverse'] as const;
export const COUNTRIES = ['DE', 'AT', 'CH', 'LI', 'LU', 'NL', 'BE', 'FR', 'IT', 'PL', 'DK', 'GB', 'US'] as const;

const text = (max: number) => singleLine(z.string().trim().max(max, { message: 'common.tooLong' }));
const required = (max: number) => text(max).min(1, { message: 'common.required' });

/** The master data a customer confirms or corrects (the login e-mail is not part of it). */
export const MasterDataForm = z.object({
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
export type MasterData = z.infer<typeof MasterDataForm>;
