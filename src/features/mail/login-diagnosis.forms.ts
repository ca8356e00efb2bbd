import { z } from 'zod';
import { singleLine } from '../../platform/single-line.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/http/web.ts';
import type { FormState } from '../../platform/views/context.ts';
import { MAIL_PROTOCOLS, type DiagnosisQuestion } from './login-diagnosis.ts';

const optional = (max: number, tooLong: string) => singleLine(z.string().trim().max(max, tooLong)).optional();

/** The diagnosis' optional question (a GET form): what the mail program uses. */
export const DiagnosisQuestionForm = z.object({
  protocol: z.union([z.enum(MAIL_PROTOCOLS as [string, ...string[]]), z.literal('')], { error: 'mail.diag.protocolInvalid' }).optional(),
  login: optional(320, 'mail.diag.loginTooLong'),
  server: optional(253, 'mail.diag.serverTooLong'),
});

const FIELDS = ['protocol', 'login', 'server'] as const;

/**
 * Reads the question from the query; a part that is not valid gets its message on the form and
 * the diagnosis runs without it (it is a question, nothing is stored).
 */
export function readDiagnosisQuestion(query: unknown): { question: DiagnosisQuestion; form: FormState } {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const name of FIELDS) if (typeof raw[name] === 'string') values[name] = raw[name].slice(0, 2000);
  const errors: FieldErrors = {};
  const question: DiagnosisQuestion = { protocol: null, login: null, server: null };
  for (const name of FIELDS) {
    const parsed = DiagnosisQuestionForm.pick({ [name]: true } as Record<typeof name, true>).safeParse(values);
    if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
    else if (parsed.data[name]) Object.assign(question, { [name]: parsed.data[name] });
  }
  return { question, form: { values, errors } };
}
