import { z } from 'zod';

const required = (max: number) => z.string({ message: 'common.required' }).min(1, { message: 'common.required' }).max(max, { message: 'common.tooLong' });

/** The staff login. */
export const StaffLoginForm = z.object({
  login: required(64).refine((value) => value.trim().length > 0, { message: 'common.required' }),
  password: required(256),
  next: z.string().max(1000).optional().catch(undefined),
});

/** A staff user's new password; the current one, strength and repetition are the service's to check. */
export const StaffPasswordForm = z.object({
  currentPassword: z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default(''),
  password: z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default(''),
  passwordRepeat: z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default(''),
});

/** A new API token: its name (required, single line, at most 100 characters: the service checks). */
export const ApiTokenForm = z.object({ name: z.string({ message: 'common.invalid' }).max(1000, { message: 'common.tooLong' }).default('') });

/** The confirmation step of revoking an API token: the explicit yes; without it the step is shown. */
export const RevokeApiTokenForm = z.object({ confirm: z.literal('yes') });

const queryText = (max: number) => z.string().trim().max(max).catch('').default('');

/**
 * The security log's filters, as the GET form sends them: event code, who acted (a staff login or
 * a customer number), which customer (number), a range of days (YYYY-MM-DD, UTC, both inclusive),
 * the page. Read as text here; what the text must name is the service's to check, field by field.
 */
export const AuditFilterForm = z.object({
  event: queryText(60),
  actor: queryText(64),
  customer: queryText(20),
  from: queryText(10),
  to: queryText(10),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilterInput = z.infer<typeof AuditFilterForm>;
