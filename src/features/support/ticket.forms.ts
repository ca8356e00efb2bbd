import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';
import { MAX_BODY, MAX_SUBJECT, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATES } from './ticket.model.ts';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const text = (max: number, required: string, tooLong: string) =>
  z
    .string({ error: required })
    // Control characters other than line breaks and tabs mean nothing in a message (and NUL is
    // refused by PostgreSQL): they are dropped, not stored.
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
    .pipe(z.string().min(1, required).max(max, tooLong));

const subject = singleLine(text(MAX_SUBJECT, 'support.subjectRequired', 'support.subjectTooLong'));
const body = text(MAX_BODY, 'support.bodyRequired', 'support.bodyTooLong');
const category = z.enum(TICKET_CATEGORIES, { error: 'support.categoryRequired' });

export const OpenTicketForm = z.object({
  subject,
  category,
  /** `contract:<number>`, `domain:<id>`, `mail:<id>` or '' — checked against the customer's own objects. */
  link: z.string().max(60).optional().default(''),
  body,
});

/**
 * What other pages may fill in when they link to the new-ticket form (`?subject=…&category=…&contract=…`):
 * only a known category and only one of the customer's own contracts; a request for a new
 * administration password points at the one contract that has an administration, if there is one.
 */
export function readTicketPrefill(query: Record<string, unknown>, contracts: { contractNumber: string; panel: string }[]): Record<string, string> {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
  const values: Record<string, string> = {};
  const subject = text(query.subject, MAX_SUBJECT).replace(/[\u0000-\u001f]/g, ' ');
  if (subject) values.subject = subject;
  const category = text(query.category, 30);
  if ((TICKET_CATEGORIES as readonly string[]).includes(category)) values.category = category;
  const contract = text(query.contract, 20);
  if (contract && contracts.some((c) => c.contractNumber === contract)) values.link = `contract:${contract}`;
  const adminContracts = contracts.filter((c) => c.panel === 'mailadmin');
  if (values.category === 'admin_password' && !values.link && adminContracts.length === 1) values.link = `contract:${adminContracts[0]!.contractNumber}`;
  return values;
}

export const ReplyForm = z.object({ body });

/** A button that only confirms an action (close, reveal, the staff action): nothing to read but the CSRF token. */
export const ConfirmForm = z.object({});

export const StaffReplyForm = z.object({
  body,
  /** The state the ticket moves to with the reply (usually: waiting for the customer). */
  state: z.enum(TICKET_STATES).optional().default('waiting'),
});

export const NoteForm = z.object({ body });

export const StaffUpdateForm = z.object({
  state: z.enum(TICKET_STATES, { error: 'common.invalid' }),
  priority: z.enum(TICKET_PRIORITIES, { error: 'common.invalid' }),
  /** A staff id, or '' for nobody. */
  assignee: z
    .string({ error: 'common.invalid' })
    .regex(/^(\d{1,9})?$/, 'common.invalid')
    .transform((v) => (v ? Number(v) : null)),
  category: z.enum(TICKET_CATEGORIES, { error: 'common.invalid' }),
});

export const QueueFilter = z.object({
  state: z.enum(['active', 'all', ...TICKET_STATES]).catch('active').default('active'),
  category: z.enum(['', ...TICKET_CATEGORIES]).catch('').default(''),
  priority: z.enum(['', ...TICKET_PRIORITIES]).catch('').default(''),
  /** '' anyone, 'me', 'none', or a staff id. */
  assignee: z.string().regex(/^(|me|none|\d{1,9})$/).catch('').default(''),
  q: z.string().max(100).transform((v) => v.replace(CONTROL, '')).catch('').default(''),
});
export type QueueFilterInput = z.infer<typeof QueueFilter>;

/** The queue's filter from the URL: a field that makes no sense falls back to its default, so a hand-edited URL still shows a queue. */
export function readQueueFilter(query: unknown): QueueFilterInput {
  const parsed = QueueFilter.safeParse(query ?? {});
  return parsed.success ? parsed.data : { state: 'active', category: '', priority: '', assignee: '', q: '' };
}

export const CannedReplyForm = z.object({
  title: singleLine(text(100, 'support.cannedTitleRequired', 'support.subjectTooLong')),
  body,
});

/** The settings form, read as the settings it sets (an unticked checkbox is not sent at all). */
export const SettingsForm = z
  .object({
    selfService: z.enum(['on', 'off']).optional(),
    autoCloseDays: z.coerce.number({ error: 'support.autoCloseInvalid' }).int('support.autoCloseInvalid').min(1, 'support.autoCloseInvalid').max(365, 'support.autoCloseInvalid'),
    notifyTo: z.union([z.literal(''), z.email('support.notifyInvalid')]).default(''),
  })
  .transform((form) => ({ selfServiceAdminPassword: form.selfService === 'on', autoCloseDays: form.autoCloseDays, notifyTo: form.notifyTo }));

export const StaffEmailTicketForm = z.object({
  customer: z.string({ error: 'support.customerUnknown' }).trim().regex(/^\d{1,12}$/, 'support.customerUnknown'),
  contract: z.string().trim().regex(/^(\d{1,12})?$/, 'support.linkUnknown').optional().default(''),
  subject,
  category,
  body,
});

export const SelfServiceForm = z.object({
  contract: z.string({ error: 'support.contractRequired' }).regex(/^\d{1,12}$/, 'support.contractRequired'),
  password: z.string({ error: 'support.passwordRequired' }).min(1, 'support.passwordRequired').max(1000, 'support.passwordRequired'),
});

/**
 * The confirmation step of "Neues Administrationspasswort setzen": the explicit yes, and a
 * reason (required from the second run on a ticket; the service decides, it knows the runs).
 */
export const AdminPasswordConfirmForm = z.object({
  confirm: z.literal('yes', { error: 'support.staff.confirmRequired' }),
  reason: z
    .string()
    .optional()
    .default('')
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
    .pipe(z.string().max(500, 'support.staff.reasonTooLong')),
});

/** The confirmation step of an irreversible action (deleting a canned reply): the explicit yes; without it the step is shown. */
export const ConfirmedForm = z.object({ confirm: z.literal('yes') });

/** "Übernehmen": a button with nothing to read but the CSRF token. */
export const TakeTicketForm = z.object({});
