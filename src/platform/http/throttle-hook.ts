import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import type { MessageKey } from '../views/i18n.ts';
import { minutesOf, takeAttempt, type ThrottleRule } from '../throttle.ts';

export interface RequestThrottle {
  rule: ThrottleRule;
  /** The key this request counts against (client IP, customer, queried address); null skips the rule. */
  keyOf(request: FastifyRequest): string | null;
}

/**
 * A preHandler that counts every request against the database throttles (so the budget holds
 * across app processes) and answers 429 with `message` once a key's budget is spent.
 */
export function throttleRequests(db: Db, clock: () => Date, throttles: RequestThrottle[], message: MessageKey = 'limits.tooManyRequests'): preHandlerAsyncHookHandler {
  return async (request) => {
    const checks = throttles.flatMap(({ rule, keyOf }) => {
      const key = keyOf(request);
      return key === null ? [] : [{ rule, key }];
    });
    const attempt = await takeAttempt(db, checks, clock());
    if (!attempt.allowed) throw new DomainError('rate_limited', message, {}, { minutes: minutesOf(attempt.waitMs) });
  };
}

/** The client address (behind a trusted proxy: the forwarded one). */
export const byIp = (request: FastifyRequest) => request.ip;
