import { z } from 'zod';

const code = z.string({ message: 'common.required' }).max(40, { message: 'common.tooLong' });

/** A TOTP code or a backup code. */
export const CodeForm = z.object({ code: code.refine((value) => value.trim().length > 0, { message: 'common.required' }) });

/** Turning 2FA off: the password and a current code. */
export const DisableTwoFactorForm = z.object({
  password: z.string({ message: 'common.required' }).min(1, { message: 'common.required' }).max(256, { message: 'common.tooLong' }),
  code: code.refine((value) => value.trim().length > 0, { message: 'common.required' }),
});
