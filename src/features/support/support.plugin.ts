import type { FastifyPluginAsync } from 'fastify';
import { supportRoutes } from './support.routes.tsx';
import { staffTicketRoutes } from './staff-tickets.routes.tsx';
import type { SupportRouteDeps } from './support-route-deps.ts';

export type { SupportRouteDeps };

/** The whole SupportCenter, customer and staff side, as one plugin for app.ts. */
export const supportPlugin: FastifyPluginAsync<SupportRouteDeps> = async (app, deps) => {
  await app.register(supportRoutes, deps);
  await app.register(staffTicketRoutes, deps);
};
