import type { FastifyInstance } from 'fastify';
import type { Clock, SessionTimeouts } from './route-deps.ts';

const TOUCH_EVERY_MS = 60_000;

/**
 * Idle and absolute timeouts for logged-in sessions. Activity is written back at most once a
 * minute, so a page view is not a database write.
 */
export function registerSessionLifecycle(app: FastifyInstance, deps: SessionTimeouts & { clock: Clock }): void {
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    if (!session || (!session.customerId && !session.staffId)) return;
    const now = deps.clock().getTime();
    const expired =
      now - (session.authAt ?? 0) > deps.sessionAbsoluteMs || now - (session.seenAt ?? 0) > deps.sessionIdleMs;
    if (expired) {
      await session.regenerate(['lang']);
      request.session.flash = { kind: 'info', key: 'session.expired' };
      return;
    }
    if (now - (session.seenAt ?? 0) > TOUCH_EVERY_MS) session.seenAt = now;

  });
}
