import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/policy.ts';

/** The logged-in customer or staff user (loaded by the accounts guards), as every feature's policies know them. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.customer) return { kind: 'customer', customerId: request.customer.id };
  if (request.staff) return { kind: 'staff', staffId: request.staff.id, role: request.staff.role };
  return { kind: 'anonymous' };
}
