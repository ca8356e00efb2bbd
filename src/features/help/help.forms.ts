import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';

export const AskForm = z.object({
  question: z.string().trim().min(10, 'help.error.questionShort').max(2000, 'common.tooLong'),
  email: z.union([z.literal(''), z.string().trim().max(254, 'common.tooLong').email('help.error.email')]).default(''),
});

export const VoteForm = z.object({ helpful: z.enum(['yes', 'no']) });

const dateTime = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const d = new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?/.test(v) || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'help.error.date' });
      return z.NEVER;
    }
    return d.toISOString();
  });

const idList = z
  .string()
  .trim()
  .max(500, 'common.tooLong')
  .transform((v, ctx) => {
    const parts = v.split(/[\s,;#]+/).filter(Boolean);
    if (parts.some((p) => !/^\d{1,9}$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: 'help.error.relatedFormat' });
      return z.NEVER;
    }
    return parts.map(Number);
  });

export const EntrySettingsForm = z
  .object({
    categoryId: z.coerce.number().int().positive('help.error.category'),
    sticky: z.literal('1').optional(),
    publishFrom: dateTime.prefault(''),
    publishUntil: dateTime.prefault(''),
    contexts: z
      .string()
      .trim()
      .max(200, 'common.tooLong')
      .regex(/^[a-z0-9-]*(\s*,\s*[a-z0-9-]+)*$/, 'help.error.contexts')
      .default(''),
    related: idList.prefault(''),
  })
  .refine((v) => !v.publishFrom || !v.publishUntil || v.publishFrom < v.publishUntil, {
    message: 'help.error.window',
    path: ['publishUntil'],
    // Reported with every other error at once, as long as both dates themselves are readable.
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'publishFrom' || issue.path?.[0] === 'publishUntil'),
  });

export const RevisionForm = z.object({
  question: singleLine(z.string().trim().min(5, 'help.error.questionShort').max(300, 'common.tooLong')),
  keywords: singleLine(z.string().trim().max(500, 'common.tooLong')).default(''),
  answer: z.string().trim().min(1, 'common.required').max(50_000, 'common.tooLong'),
});

export const LanguageField = z.enum(['de', 'en']);
export const CategoryForm = z.object({
  nameDe: singleLine(z.string().trim().min(1, 'common.required').max(100, 'common.tooLong')),
  nameEn: singleLine(z.string().trim().min(1, 'common.required').max(100, 'common.tooLong')),
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'help.error.slug'),
  parentId: z.string().default(''),
  position: z.coerce.number().int().min(0).max(1000).default(0),
});

/** The two buttons under an answer: look at it first, or save it as a draft. */
const EditorAction = z.enum(['preview', 'save'], 'common.invalid').default('save');

export const DraftForm = RevisionForm.extend({ action: EditorAction });

/** A new entry: its settings, its first draft and the language of that draft, maybe answering a visitor's question. */
export const NewEntryForm = EntrySettingsForm.and(RevisionForm).and(
  z.object({
    language: LanguageField,
    questionId: z
      .union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'common.invalid')])
      .default('')
      .transform((v) => (v === '' ? null : Number(v))),
    action: EditorAction,
  }),
);

/** The settings as the service takes them: the pages an entry explains as a list. */
export function entrySettingsOf(form: z.infer<typeof EntrySettingsForm>) {
  const contexts = form.contexts
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { categoryId: form.categoryId, sticky: form.sticky === '1', publishFrom: form.publishFrom, publishUntil: form.publishUntil, contexts, related: form.related };
}
