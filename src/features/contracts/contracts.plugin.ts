/** The Domainverwaltung's routes, for app.ts only; other features use index.ts. */
export { domainRoutes as contractsPlugin, type DomainRouteDeps } from './domains.routes.tsx';
