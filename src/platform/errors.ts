import type { MessageKey } from './views/i18n.ts';

export type ErrorCode =
  | 'validation'
  | 'confirmation_required'
  | 'conflict'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited';

/** One table from error code to HTTP status; services never name a status themselves. */
export const STATUS_OF: Record<ErrorCode, number> = {
  validation: 422,
  // Valid, but only with an explicit "yes" from whoever sends it again (a lookalike domain).
  confirmation_required: 422,
  conflict: 409,
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  rate_limited: 429,
};

export type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

/** A failure the user can act on: a message key for the whole and optional keys per field. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly fields: FieldErrors = {},
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'DomainError';
  }
}
