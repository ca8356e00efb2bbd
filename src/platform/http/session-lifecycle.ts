import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../db/index.ts';

const TOUCH_EVERY_MS = 60_000;

/**
 * Idle and absolute timeouts for logged-in sessions, and the viewer shown in the page header.
 * Activity is written back at most once a minute, so a page view is not a database write.
 */
export function registerSessionLifecycle(app: FastifyInstance, deps: { db: Db; config: Config; clock: () => Date }): void {
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    if (!session || (!session.customerId && !session.staffId)) return;
    const now = deps.clock().getTime();
    const expired =
      now - (session.authAt ?? 0) > deps.config.sessionAbsoluteMs || now - (session.seenAt ?? 0) > deps.config.sessionIdleMs;
    if (expired) {
      await session.regenerate(['lang']);
      request.session.flash = { kind: 'info', key: 'login.sessionExpired' };
      return;
    }
    if (now - (session.seenAt ?? 0) > TOUCH_EVERY_MS) session.seenAt = now;

    if (session.customerId) {
      const c = await deps.db
        .selectFrom('customers')
        .select(['customerNumber', 'firstName', 'lastName', 'email'])
        .where('id', '=', session.customerId)
        .executeTakeFirst();
      request.viewer = c ? { kind: 'customer', customerNumber: c.customerNumber, name: `${c.firstName} ${c.lastName}`.trim() || c.email } : null;
    } else if (session.staffId) {
      const s = await deps.db.selectFrom('staffUsers').select(['login', 'role']).where('id', '=', session.staffId).where('disabledAt', 'is', null).executeTakeFirst();
      request.viewer = s ? { kind: 'staff', login: s.login, role: s.role } : null;
    }
  });
}
