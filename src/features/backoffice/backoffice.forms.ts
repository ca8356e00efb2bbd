import { z } from 'zod';

/** A button that acts on the customer of the URL and carries no fields of its own. */
export const ConfirmForm = z.object({});

/** The customer search: at most 200 characters are searched. */
export function searchQueryOf(query: Record<string, unknown>): string {
  return typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
}
