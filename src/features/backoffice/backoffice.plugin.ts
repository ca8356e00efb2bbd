/** The back office's routes, for app.ts only. */
export { backofficeCustomerRoutes as backofficePlugin, type BackofficeRouteDeps } from './customers.routes.tsx';
