import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import type { FormState } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { Actor } from '../../platform/policy.ts';
import { showHiddenCharacters } from '../../platform/unicode.ts';

/** The logged-in customer as the policies name them (behind the customer guard). */
export function customerActorOf(request: FastifyRequest): Actor {
  if (!request.customer) throw new DomainError('not_found', 'error.notFound');
  return { kind: 'customer', customerId: request.customer.id };
}

/** The logged-in staff member as the policies name them (behind the staff guard). */
export function staffActorOf(request: FastifyRequest): Actor {
  if (!request.staff) throw new DomainError('not_found', 'error.notFound');
  return { kind: 'staff', staffId: request.staff.id, role: request.staff.role };
}

/** An id from a URL: digits only, anything else finds nothing. */
export const idFromUrl = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : 0);

/** Why a one-button form (close, reveal, the staff action) was refused: its one message. */
export function refusalOf(form: FormState): MessageKey {
  return Object.values(form.errors)[0]?.key ?? 'common.formErrors';
}

/** Sends a stored attachment as a download: never rendered inline, never sniffed. */
export function sendAttachment(reply: FastifyReply, file: { filename: string; contentType: string; data: Buffer | Uint8Array }) {
  // Names stored before hidden characters were refused are saved with them written out.
  const name = showHiddenCharacters(file.filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(file.data));
}
