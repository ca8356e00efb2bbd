import type { FastifyInstance, Session } from 'fastify';
import type { Clock, SessionTimeouts } from './route-deps.ts';

const TOUCH_EVERY_MS = 60_000;

/** When a login began and when it was last used (ms): what its idle and absolute timeouts look at. */
export interface LoginTimes {
  authAt?: number;
  seenAt?: number;
}

/**
 * Where a login stands on the clock: `expired` past its idle or absolute limit, `touch` when its
 * last activity should be written back (at most once a minute, so a page view is not a database
 * write), `current` otherwise. Every login of a session is judged by this one rule.
 */
export function checkLoginTimes(times: LoginTimes, timeouts: SessionTimeouts, now: number): 'expired' | 'touch' | 'current' {
  const seenAt = times.seenAt ?? 0;
  if (now - (times.authAt ?? 0) > timeouts.sessionAbsoluteMs || now - seenAt > timeouts.sessionIdleMs) return 'expired';
  return now - seenAt > TOUCH_EVERY_MS ? 'touch' : 'current';
}

/** Idle and absolute timeouts for the session's customer or staff login. */
export function registerSessionLifecycle(app: FastifyInstance, deps: SessionTimeouts & { clock: Clock }): void {
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    if (!session || (!session.customerId && !session.staffId)) return;
    const now = deps.clock().getTime();
    const state = checkLoginTimes(session, deps, now);
    if (state === 'expired') {
      await session.regenerate(['lang']);
      request.session.flash = { kind: 'info', key: 'session.expired' };
      return;
    }
    if (state === 'touch') session.seenAt = now;
  });
}

/** The session fields that hold a login of their own beside the customer or staff one. */
export type SubLoginField = { [Field in keyof Session]-?: NonNullable<Session[Field]> extends { authAt: number; seenAt: number } ? Field : never }[keyof Session];

/**
 * The same timeouts for a second login kept in one session field (the E-Mail-Administration's
 * `mailLogin`), on the routes of the plugin that registers it: past its limits the field goes
 * and the rest of the session stays; in use, its activity is written back once a minute.
 */
export function registerSubLoginLifecycle(app: FastifyInstance, deps: SessionTimeouts & { clock: Clock; field: SubLoginField }): void {
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    const login = session?.[deps.field];
    if (!login) return;
    const now = deps.clock().getTime();
    const state = checkLoginTimes(login, deps, now);
    if (state === 'expired') delete session[deps.field];
    else if (state === 'touch') session[deps.field] = { ...login, seenAt: now };
  });
}
