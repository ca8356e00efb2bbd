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

export const OpenTicketForm = z.object({
  subject,
  category: z.enum(TICKET_CATEGORIES as [string, ...string[]], { error: 'support.categoryRequired' }),
  /** `contract:<number>`, `domain:<id>`, `mail:<id>` or '' — checked against the customer's own objects. */
  link: z.string().max(60).optional().default(''),
  body,
});
export type OpenTicketInput = z.infer<typeof OpenTicketForm>;

export const ReplyForm = z.object({ body });

export const StaffReplyForm = z.object({
  body,
  /** The state the ticket moves to with the reply (usually: waiting for the customer). */
  state: z.enum(TICKET_STATES as [string, ...string[]]).optional().default('waiting'),
});

export const NoteForm = z.object({ body });

export const StaffUpdateForm = z.object({
  state: z.enum(TICKET_STATES as [string, ...string[]], { error: 'common.invalid' }),
  priority: z.enum(TICKET_PRIORITIES as [string, ...string[]], { error: 'common.invalid' }),
  assignee: z.string().regex(/^(\d{1,9})?$/, 'common.invalid'),
  category: z.enum(TICKET_CATEGORIES as [string, ...string[]], { error: 'common.invalid' }),
});

export const QueueFilter = z.object({
  state: z.enum(['active', 'all', ...TICKET_STATES] as [string, ...string[]]).catch('active').default('active'),
  category: z.enum(['', ...TICKET_CATEGORIES] as [string, ...string[]]).catch('').default(''),
  priority: z.enum(['', ...TICKET_PRIORITIES] as [string, ...string[]]).catch('').default(''),
  /** '' anyone, 'me', 'none', or a staff id. */
  assignee: z.string().regex(/^(|me|none|\d{1,9})$/).catch('').default(''),
  q: z.string().max(100).transform((v) => v.replace(CONTROL, '')).catch('').default(''),
});
export type QueueFilterInput = z.infer<typeof QueueFilter>;

export const CannedReplyForm = z.object({
  title: singleLine(text(100, 'support.cannedTitleRequired', 'support.subjectTooLong')),
  body,
});

export const SettingsForm = z.object({
  selfService: z.enum(['on', 'off']).optional(),
  autoCloseDays: z.coerce.number({ error: 'support.autoCloseInvalid' }).int('support.autoCloseInvalid').min(1, 'support.autoCloseInvalid').max(365, 'support.autoCloseInvalid'),
  notifyTo: z.union([z.literal(''), z.email('support.notifyInvalid')]).default(''),
});

export const StaffEmailTicketForm = z.object({
  customer: z.string().trim().regex(/^\d{1,12}$/, 'support.customerUnknown'),
  contract: z.string().trim().regex(/^(\d{1,12})?$/, 'support.linkUnknown').optional().default(''),
  subject,
  category: z.enum(TICKET_CATEGORIES as [string, ...string[]], { error: 'support.categoryRequired' }),
  body,
});

export const SelfServiceForm = z.object({
  contract: z.string().regex(/^\d{1,12}$/, 'support.contractRequired'),
  password: z.string({ error: 'support.passwordRequired' }).min(1, 'support.passwordRequired').max(1000, 'support.passwordRequired'),
});
