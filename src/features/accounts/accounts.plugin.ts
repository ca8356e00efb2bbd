import type { FastifyPluginAsync } from 'fastify';
import { adminRoutes } from './admin.routes.tsx';
import { authRoutes, type AuthRouteDeps } from './auth.routes.tsx';
import { passwordResetRoutes } from './password-reset.routes.tsx';
import { masterDataRoutes, type MasterDataRouteDeps } from './master-data.routes.tsx';
import { staffRoutes, type StaffRouteDeps } from './staff.routes.tsx';
import { securityRoutes } from './security.routes.tsx';
import { twoFactorRoutes, type TwoFactorRouteDeps } from './two-factor.routes.tsx';

export { createGuards, registerPrincipal } from './guards.ts';
export { sessionWithCustomerReader } from './session-reader.ts';

export type AccountsPluginDeps = AuthRouteDeps & MasterDataRouteDeps & StaffRouteDeps & TwoFactorRouteDeps;

/** Login, logout, password reset, master data, staff login, API tokens and 2FA; for app.ts. */
export const accountsPlugin: FastifyPluginAsync<AccountsPluginDeps> = async (app, deps) => {
  await app.register(authRoutes, deps);
  await app.register(passwordResetRoutes, deps);
  await app.register(masterDataRoutes, deps);
  await app.register(twoFactorRoutes, deps);
  await app.register(securityRoutes, deps);
  await app.register(staffRoutes, deps);
  await app.register(adminRoutes, deps);
};
