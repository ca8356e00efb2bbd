import { X509Certificate } from 'node:crypto';
import { singleLine } from '../../platform/single-line.ts';
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../../platform/password-strength.ts';

export const MailPasswordForm = z
  .object({
    address: z.string('common.invalid').min(3, 'common.invalid').max(320, 'common.tooLong'),
    password: z.string('plesk.mail.passwordRequired').min(1, 'plesk.mail.passwordRequired').max(MAX_PASSWORD_LENGTH, 'plesk.mail.passwordTooLong'),
    passwordRepeat: z.string('common.invalid').max(MAX_PASSWORD_LENGTH, 'plesk.mail.passwordTooLong'),
  })
  .refine((v) => v.password === v.passwordRepeat, {
    path: ['passwordRepeat'],
    message: 'plesk.mail.passwordMismatch',
    // Reported with every other error at once, as long as both passwords themselves are readable.
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'password' || issue.path?.[0] === 'passwordRepeat'),
  });

/** The versions an admin may enter; '' leaves it to detection (or the tariff). */
export const PANEL_VERSION_CHOICES = ['', '8.6', '9.5', '10.4', '11.5', '12.5', '17.8', '18.0'] as const;

export const PanelServerForm = z
  .object({
    name: z.string().trim().min(1, 'plesk.form.nameRequired').max(100, 'common.tooLong').regex(/^[\w.\-]+$/, 'plesk.form.nameInvalid'),
    url: z
      .string()
      .trim()
      .max(300, 'common.tooLong')
      .refine((v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'https:' && u.pathname === '/' && !u.search && !u.username;
        } catch {
          return false;
        }
      }, 'plesk.form.urlInvalid'),
    version: z.enum(PANEL_VERSION_CHOICES, { message: 'plesk.form.versionInvalid' }),
    authKind: z.enum(['key', 'password'], { message: 'common.invalid' }),
    apiLogin: singleLine(z.string().trim().max(100, 'common.tooLong')).default(''),
    secret: z.string().max(500, 'common.tooLong').default(''),
    caPem: z
      .string()
      .trim()
      .max(20_000, 'common.tooLong')
      .default('')
      .refine((v) => v === '' || isCertificate(v), 'plesk.form.caInvalid'),
    mailPasswordEnabled: z.string().optional(),
  })
  .refine((v) => v.authKind !== 'password' || v.apiLogin.length > 0, { path: ['apiLogin'], message: 'plesk.form.loginRequired' });
export type PanelServerInput = z.infer<typeof PanelServerForm>;

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
