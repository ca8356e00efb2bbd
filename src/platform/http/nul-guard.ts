import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.ts';

/**
 * PostgreSQL text cannot hold U+0000, and no form field of ours needs it: a NUL anywhere in the
 * query, the path parameters or the body is a bad request, answered before any handler runs.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.url.includes('%00') || hasNul(request.query) || hasNul(request.params) || hasNul(request.body)) {
      throw new DomainError('validation', 'error.badRequest');
    }
  });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  return false;
}
