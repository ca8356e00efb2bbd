import type { FastifyInstance } from 'fastify';
import { brandingCss, type Branding } from '../branding.ts';

/**
 * The host's settings for every page (ViewContext.branding), and the host's colour as a
 * stylesheet from our own origin: the CSP allows no inline style. The colour was validated as
 * `#rrggbb` when the configuration was read, so nothing else reaches the CSS.
 */
export function registerBranding(app: FastifyInstance, branding: Branding): void {
  app.decorate('branding', branding);
  const css = brandingCss(branding);
  app.get('/branding.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(css),
  );
}
