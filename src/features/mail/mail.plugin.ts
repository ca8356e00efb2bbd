import type { FastifyPluginAsync } from 'fastify';
import { registerSubLoginLifecycle } from '../../platform/http/session-lifecycle.ts';
import { mailAdminRoutes } from './mail-admin.routes.tsx';
import { mailLoginRoutes } from './mail-login.routes.tsx';
import { MAIL_LOGIN_FIELD } from './mail-guards.ts';
import { loginDiagnosisRoutes } from './login-diagnosis.routes.tsx';
import { authPolicyRoutes } from './auth-policy.routes.ts';
import { mailServersRoutes } from './mail-servers.routes.tsx';
import { clientSetupRoutes, credentialsRoutes } from './mail.routes.tsx';
import type { MailRouteDeps } from './mail-route-deps.ts';

export type { MailRouteDeps };

/** Everything mail: the administration, the Zugangsdaten page, the client autoconfiguration and Dovecot's auth policy requests; for app.ts. */
export const mailPlugin: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  // The mail login is a second login in the session, with the same timeouts as the customer's.
  registerSubLoginLifecycle(app, { field: MAIL_LOGIN_FIELD, clock: deps.clock, sessionIdleMs: deps.sessionIdleMs, sessionAbsoluteMs: deps.sessionAbsoluteMs });
  await app.register(mailLoginRoutes, deps);
  await app.register(mailAdminRoutes, deps);
  await app.register(credentialsRoutes, deps);
  await app.register(clientSetupRoutes, deps);
  await app.register(loginDiagnosisRoutes, deps);
  await app.register(mailServersRoutes, deps);
  await app.register(authPolicyRoutes, deps);
};
