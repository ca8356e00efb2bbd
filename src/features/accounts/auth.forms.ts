import { z } from 'zod';
import type { Language } from '../../platform/db/database.ts';
import { isLanguage } from '../../platform/views/i18n.ts';

/** A hidden `next` path: anything but a short string is ignored (`safeNext` decides the rest). */
const next = z.string().max(1000).optional().catch(undefined);
const required = (max: number) => z.string({ message: 'common.required' }).min(1, { message: 'common.required' }).max(max, { message: 'common.tooLong' });

/** The customer login: customer number or e-mail, and the password. */
export const LoginForm = z.object({
  identifier: required(320).refine((value) => value.trim().length > 0, { message: 'common.required' }),
  password: required(256),
  next,
});

/** "Passwort vergessen": customer number or e-mail. */
export const ForgotPasswordForm = z.object({
  identifier: required(320)
    .transform((value) => value.trim())
    .refine((value) => value.length > 0, { message: 'common.required' }),
});

/** A new password from the reset link; strength and repetition are the service's to check. */
export const ResetPasswordForm = z.object({
  token: z.string().max(200).default(''),
  password: required(256),
  passwordRepeat: z.string().max(256, { message: 'common.tooLong' }).default(''),
});

/** The language switch in every page's header. */
export const LanguageForm = z.object({ lang: z.custom<Language>(isLanguage, { message: 'common.invalid' }), next });
