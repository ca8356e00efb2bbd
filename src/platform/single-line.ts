import type { z } from 'zod';
import { DomainError } from './errors.ts';
import { singleLineProblem } from './unicode.ts';

/**
 * The one rule for every single-line field of the app (names, subjects, titles, logins shown to
 * others): added to the field's own schema, it refuses line breaks, control characters and the
 * hidden characters of `unicode.ts` with a message that names the character. Nothing is
 * silently dropped, so what is stored is what the person saw when they typed it.
 */
export function singleLine<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = typeof value === 'string' ? singleLineProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: problem.params });
  });
}

/** The same rule for services that take a plain string: a validation error on `field`. */
export function requireSingleLine(value: string, field: string): void {
  const problem = singleLineProblem(value);
  if (problem) throw new DomainError('validation', 'common.formErrors', { [field]: problem });
}
