import type { FastifyPluginAsync } from 'fastify';
import { helpRoutes, type HelpRouteDeps } from './help.routes.tsx';
import { staffHelpRoutes } from './staff-help.routes.tsx';

export type { HelpRouteDeps };

/** The public help center and its staff editor, for app.ts. */
export const helpPlugin: FastifyPluginAsync<HelpRouteDeps> = async (app, deps) => {
  await app.register(helpRoutes, deps);
  await app.register(staffHelpRoutes, deps);
};
