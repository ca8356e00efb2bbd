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
  /** The explicit "yes" for domains that mix scripts or look like another domain (API and CLI). */
  acceptConfusableDomains: z.boolean({ message: 'common.invalid' }).optional(),
});
export type FirstOrderInput = Omit<z.infer<typeof FirstOrderInput>, 'customerNumber' | 'acceptConfusableDomains'> & {
  customerNumber?: string | undefined;
  acceptConfusableDomains?: boolean | undefined;
  /** The back-office form's "yes", bound to the ASCII names its warning showed. */
  confirmedLookalikes?: string[] | undefined;
};

/** The backoffice form: domains come as one textarea, one per line. */
export const StaffOrderForm = z.object({
  tariff: z.string().default(''),
  domains: z.string().max(60_000).default(''),
  email: z.string().max(1000).default(''),
  customerNumber: z.string().max(100).default(''),
  acceptConfusableDomains: z.literal('1').optional().catch(undefined),
  /** The ASCII names the warning showed, one per line: a tick confirms these, not what was typed after. */
  warnedDomains: z.string().max(20_000).default(''),
});
