import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export type HelmetOptions = NonNullable<Parameters<typeof helmet>[0]>;

/**
 * The response headers helmet sets for these options, worked out once. helmet's headers depend
 * only on its options (no nonces here: scripts and styles come from files), yet @fastify/helmet
 * builds helmet's middleware anew on every request — a noticeable share of a page's CPU
 * (docs/performance.md, "Pages"). The headers are the same ones: test/security-headers.test.ts
 * compares them with @fastify/helmet's for the app's options.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Sends helmet's headers (computed once) with every response. */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): Record<string, string> {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  return headers;
}
