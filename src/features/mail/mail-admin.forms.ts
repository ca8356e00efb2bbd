import { z } from 'zod';

/** A number typed into a form field; anything but 1–9 digits is NaN, which the service refuses with its own message. */
const typedNumber = (text: string) => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const NumberField = z.string().max(20).default('').transform(typedNumber);
/** A checkbox sends "1" when ticked and nothing otherwise. */
const Checkbox = z.string().max(10).optional().transform((value) => value === '1');
const LocalPart = z.string().max(200).default('');
const Targets = z.string().max(5000).default('');

const PasswordPart = {
  mode: z.enum(['set', 'generate']).catch('set'),
  password: z.string().max(1000).default(''),
  passwordRepeat: z.string().max(1000).default(''),
};

/** The login of the E-Mail-Administration and of a mailbox's self-service. */
export const MailLoginForm = z.object({ login: z.string().max(320).default(''), password: z.string().max(256).default(''), next: z.string().max(1000).optional() });

export const PasswordForm = z.object(PasswordPart);

/** A new mailbox: its quota, optionally its first address, and a password typed or generated. */
export const NewAccountForm = z.object({
  quotaMb: NumberField,
  localPart: LocalPart,
  // No domain chosen: no first address, unless a local part was typed (then the service asks for one).
  domainId: z.string().max(20).default('').transform((text) => (text ? typedNumber(text) : null)),
  ...PasswordPart,
});

export const AddressForm = z.object({ localPart: LocalPart, domainId: NumberField });
export const ForwarderForm = z.object({ localPart: LocalPart, domainId: NumberField, targets: Targets });
export const CatchAllForm = z.object({ domainId: NumberField, targets: Targets });
export const SettingsForm = z.object({ quotaMb: NumberField, active: Checkbox, imap: Checkbox, pop3: Checkbox, smtp: Checkbox });

/** The mailbox user's own password: the current one, and a new one typed (never generated here). */
export const SelfPasswordForm = z.object({ currentPassword: z.string().max(1000).default(''), password: PasswordPart.password, passwordRepeat: PasswordPart.passwordRepeat });

/** The Apple profile with the mailbox's password in it: the password, checked before it goes in. */
export const MobileconfigForm = z.object({ password: z.string().max(1000).default('') });

/** The Apple profile with a new app password: the device it is for (its name), or empty. */
export const MobileconfigAppPasswordForm = z.object({ device: z.string().max(200).default('') });

/** A form that is one button (remove an address, make it primary, delete an account). */
export const ConfirmForm = z.object({});

/** An id from a URL: digits only; anything else finds nothing. */
export const idFromUrl = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : 0);

/** A new app password: its name, the protocols it may use, and optionally its last day (`YYYY-MM-DD`). */
export const AppPasswordForm = z.object({ name: z.string().max(200).default(''), imap: Checkbox, pop3: Checkbox, smtp: Checkbox, validUntil: z.string().max(20).default('') });

/** The "app passwords only" switch: `on` is 1 to switch it on, anything else switches it off. */
export const AppPasswordsOnlyForm = z.object({ on: Checkbox });
// ---- Out-of-office reply and forwarding (delivery-rules.service.ts) ----

/** Repeated checkboxes arrive as one string or a list of them. */
const CheckedValues = z
  .union([z.string().max(320), z.array(z.string().max(320)).max(200)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** Lengths here only stop the absurd; the service refuses with its own, exact limits. */
export const AutoReplyForm = z.object({
  active: Checkbox,
  from: z.string().max(40).default(''),
  until: z.string().max(40).default(''),
  subject: z.string().max(2000).default(''),
  body: z.string().max(50_000).default(''),
  days: NumberField,
  addresses: CheckedValues,
});

export const ForwardingForm = z.object({ target: z.string().max(1000).default(''), keepCopy: Checkbox });
