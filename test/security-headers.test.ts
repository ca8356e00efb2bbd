import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaderOptions } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { securityHeaders } from '../src/platform/http/security-headers.ts';
import { buildTestApp } from './support/app.ts';

/** What @fastify/helmet, building helmet per request, sends for these options. */
async function helmetPluginHeaders(options: ReturnType<typeof securityHeaderOptions>) {
  const app = Fastify();
  // The same options; its types come from a second copy of helmet's declarations.
  await app.register(fastifyHelmet, options as Parameters<typeof fastifyHelmet>[1]);
  app.get('/', async () => 'ok');
  const res = await app.inject({ url: '/' });
  await app.close();
  const { 'content-type': _type, 'content-length': _length, date: _date, connection: _connection, ...headers } = res.headers;
  return headers;
}

describe('security headers computed once', () => {
  for (const [label, env] of [
    ['http', { PUBLIC_URL: 'http://hostdesk.test' }],
    ['https with a logo from another origin', { PUBLIC_URL: 'https://hostdesk.test', HOST_LOGO_URL: 'https://cdn.example.net/logo.svg' }],
  ] as const) {
    it(`are exactly @fastify/helmet's for the app's options (${label})`, async () => {
      const options = securityHeaderOptions(loadConfig({ DATABASE_URL: 'file::memory:', SECRET_KEY: 'test-secret-key-test-secret-key-0123456789', ...env }));
      const ours = securityHeaders(options);
      expect(Object.keys(ours).length).toBeGreaterThan(8);
      expect(ours).toEqual(await helmetPluginHeaders(options));
    });
  }

  it('go out with every answer of the app, pages, assets and errors alike', async () => {
    const t = await buildTestApp('sqlite');
    try {
      const expected = securityHeaders(securityHeaderOptions(t.config));
      for (const url of ['/login', '/assets/app.css', '/healthz', '/no-such-page']) {
        const res = await t.app.inject({ url });
        for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${url} ${name}`).toBe(value);
        expect(res.headers['x-powered-by'], url).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });
});
