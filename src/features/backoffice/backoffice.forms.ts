import { z } from 'zod';

/** A button that acts on the customer of the URL and carries no fields of its own. */
export const ConfirmForm = z.object({});

/** The customer search: at most 200 characters are searched. */
export function searchQueryOf(query: Record<string, unknown>): string {
  return typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** An internal note about a customer: up to 5000 characters; control characters other than line breaks are dropped. */
export const CustomerNoteForm = z.object({
  body: z
    .string({ error: 'backoffice.noteRequired' })
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
    .pipe(z.string().min(1, 'backoffice.noteRequired').max(5000, 'backoffice.noteTooLong')),
});

/** The confirmation step of resetting a customer's second factor: the explicit yes. */
export const ResetTwoFactorForm = z.object({ confirm: z.literal('yes', { error: 'backoffice.confirmRequired' }) });
