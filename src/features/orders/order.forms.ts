import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';

/** A first order as every door (API, CLI, backoffice) hands it to the service. */
export const FirstOrderInput = z.object({
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
});
export type FirstOrderInput = Omit<z.infer<typeof FirstOrderInput>, "customerNumber"> & { customerNumber?: string | undefined };

/** The backoffice form: domains come as one textarea, one per line. */
export const StaffOrderForm = z.object({
  tariff: z.string().default(''),
  domains: z.string().max(60_000).default(''),
  email: z.string().max(1000).default(''),
  customerNumber: z.string().max(100).default(''),
});
