import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import type { DbHandle } from './platform/db/index.ts';
import type { Mailer } from './integrations/smtp/mailer.ts';
import { KyselySessionStore } from './platform/http/session-store.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { registerNulGuard } from './platform/http/nul-guard.ts';
import { languageOf } from './platform/http/web.ts';
import { sessionSecret } from './platform/http/session-secret.ts';
import { registerSessionLifecycle } from './platform/http/session-lifecycle.ts';
import { authRoutes } from './features/accounts/auth.routes.tsx';
import { masterDataRoutes } from './features/accounts/master-data.routes.tsx';
import { staffRoutes } from './features/accounts/staff.routes.tsx';
import { domainRoutes } from './features/contracts/domains.routes.tsx';
import { orderRoutes } from './features/orders/order.routes.tsx';
import { backofficeCustomerRoutes } from './features/backoffice/customers.routes.tsx';
import { createGuards, registerPrincipal } from './features/accounts/guards.ts';
import { mailRoutes } from './features/mail/index.ts';
import { twoFactorRoutes } from './features/accounts/two-factor.routes.tsx';
import { createSecretBox, secretKeyMaterial, type SecretBox } from './platform/secret-box.ts';
import { panelRoutes } from './features/panel/index.ts';
import { helpRoutes, staffHelpRoutes } from './features/help/index.ts';
import { supportCenter } from './features/support/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}

export interface AppDeps {
  config: Config;
  database: DbHandle;
  mailer: Mailer;
  clock?: () => Date;
  /** Where logs go (default stdout); tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
}

/** Everything a route module receives: the one place where the app is wired together. */
export interface RouteDeps {
  config: Config;
  database: DbHandle;
  db: DbHandle['db'];
  mailer: Mailer;
  clock: () => Date;
  guards: ReturnType<typeof createGuards>;
  /** The box for one purpose (its own derived key) over the app's one secret key. */
  secretBox(purpose: string): SecretBox;
}

const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordRepeat',
  '*.customerPassword',
  '*.token',
  '*._csrf',
];

/** Paths (never query strings, which may carry tokens) are what request logs show. */
function requestSerializer(req: { method: string; url: string; ip?: string }) {
  return { method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, mailer } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: { level: config.logLevel, redact: REDACTED_LOG_PATHS, serializers: { req: requestSerializer }, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Counters in the database: the limits hold across every app process sharing it.
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute', store: databaseRateLimitStore(database.db) });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyCookie);
  const sessionStore = new KyselySessionStore(database.db, config.sessionIdleMs, clock);
  await app.register(fastifySession, {
    secret: await sessionSecret(database.db, config.sessionSecret),
    cookieName: config.secureCookies ? '__Host-hostdesk' : 'hostdesk_session',
    store: sessionStore,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../public', import.meta.url)),
    prefix: '/assets/',
    maxAge: '1h',
  });

  // The route table, for the authorization matrix test: every route must have an entry there.
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  app.decorate('routeTable', routeTable);
  app.decorateRequest('viewer', null);
  app.decorateRequest('lang', 'de');
  app.addHook('onRequest', async (request) => {
    request.lang = languageOf(request);
  });
  registerSessionLifecycle(app, { config, clock });
  registerPrincipal(app, database.db, sessionStore);
  // CSRF on every state change of the web UI; the JSON API authenticates by bearer token instead,
  // and Outlook's autodiscover POST reads public settings without a session.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.url.startsWith('/api/') || /^\/autodiscover\//i.test(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });
  registerNulGuard(app);
  registerErrorHandling(app);

  const routeDeps: RouteDeps = {
    config,
    database,
    db: database.db,
    mailer,
    clock,
    guards: createGuards({ db: database.db, config, clock }),
    secretBox: (purpose) => createSecretBox(secretKeyMaterial(config), purpose),
  };
  await app.register(authRoutes, routeDeps);
  await app.register(masterDataRoutes, routeDeps);
  await app.register(twoFactorRoutes, routeDeps);
  await app.register(domainRoutes, routeDeps);
  await app.register(mailRoutes, routeDeps);
  await app.register(staffRoutes, routeDeps);
  await app.register(orderRoutes, routeDeps);
  await app.register(backofficeCustomerRoutes, routeDeps);
  await app.register(panelRoutes, routeDeps);
  await app.register(helpRoutes, routeDeps);
  await app.register(staffHelpRoutes, routeDeps);
  await app.register(supportCenter, routeDeps);
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
