import type { FastifyPluginAsync } from 'fastify';
import { dnsCheckRoutes, type DnsCheckRouteDeps } from './dns-check.routes.tsx';

export type { DnsCheckRouteDeps };

/** The DNS check of a mail domain, customer and staff side, for app.ts. */
export const dnsCheckPlugin: FastifyPluginAsync<DnsCheckRouteDeps> = async (app, deps) => {
  await app.register(dnsCheckRoutes, deps);
};
