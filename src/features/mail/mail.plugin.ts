import type { FastifyPluginAsync } from 'fastify';
import { mailAdminRoutes } from './mail-admin.routes.tsx';
import { authPolicyRoutes } from './auth-policy.routes.ts';
import { mailServersRoutes } from './mail-servers.routes.tsx';
import { clientSetupRoutes, credentialsRoutes } from './mail.routes.tsx';
import type { MailRouteDeps } from './mail-route-deps.ts';

export type { MailRouteDeps };

/** Everything mail: the administration, the Zugangsdaten page, the client autoconfiguration and Dovecot's auth policy requests; for app.ts. */
export const mailPlugin: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  await app.register(mailAdminRoutes, deps);
  await app.register(credentialsRoutes, deps);
  await app.register(clientSetupRoutes, deps);
  await app.register(mailServersRoutes, deps);
  await app.register(authPolicyRoutes, deps);
};
