import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecretBox } from '../secret-box.ts';

/**
 * The shared parts of what route plugins receive. Each plugin declares its own deps interface
 * from these and plain values; app.ts, the one composition root, creates and passes them.
 */
export type Clock = () => Date;

/** The box for one purpose (its own derived key) over the app's one secret key. */
export type SecretBoxFor = (purpose: string) => SecretBox;

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** preHandlers that decide who may reach a route; every customer and staff route uses one. */
export interface Guards {
  /** A logged-in customer, whether or not the master data is confirmed. */
  customer: Guard;
  /** A logged-in customer whose master-data confirmation is not due. */
  confirmedCustomer: Guard;
  staff: Guard;
  admin: Guard;
}

/** Idle and absolute limits of a login, in milliseconds. */
export interface SessionTimeouts {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
}
