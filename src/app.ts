import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import './messages.ts';
import type { Config } from './config.ts';
import type { DbHandle } from './platform/db/index.ts';
import type { Mailer } from './integrations/smtp/mailer.ts';
import { KyselySessionStore } from './platform/http/session-store.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { registerSecurityHeaders, type HelmetOptions } from './platform/http/security-headers.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { registerNulGuard } from './platform/http/nul-guard.ts';
import { languageOf } from './platform/http/web.ts';
import { sessionSecret } from './platform/http/session-secret.ts';
import { rememberingSigner } from './platform/http/cookie-signer.ts';
import { registerSessionLifecycle } from './platform/http/session-lifecycle.ts';
import { createSecretBox, secretKeyMaterial } from './platform/secret-box.ts';
import type { Guards } from './platform/http/route-deps.ts';
import { accountsPlugin, createGuards, sessionWithCustomerReader, registerPrincipal } from './features/accounts/accounts.plugin.ts';
import { contractsPlugin } from './features/contracts/contracts.plugin.ts';
import { mailPlugin } from './features/mail/mail.plugin.ts';
import { createDovecotSyncWorker, createQuotaWarningWorker, type DovecotSyncWorker, type QuotaWarningWorker } from './features/mail/index.ts';
import { ordersPlugin } from './features/orders/orders.plugin.ts';
import { backofficePlugin } from './features/backoffice/backoffice.plugin.ts';
import { panelPlugin } from './features/panel/panel.plugin.ts';
import { loadPanelConfig } from './features/panel/index.ts';
import { createDeviceMemory } from './features/accounts/index.ts';
import { helpPlugin } from './features/help/help.plugin.ts';
import { supportPlugin } from './features/support/support.plugin.ts';
import { loadSupportConfig } from './features/support/index.ts';
import { registerBranding } from './platform/http/branding.ts';
import { logoImageSources } from './platform/branding.ts';
import { dnsCheckPlugin } from './features/dns-check/dns-check.plugin.ts';
import { createDnsChecker, nodeDnsLookups, type DnsLookupFactory } from './features/dns-check/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
    /** Delivers queued credential changes to the Dovecot servers (tests and the CLI run rounds). */
    dovecotSync: DovecotSyncWorker;
    /** Mails the 80 %/95 % usage warnings Dovecot's reported usage calls for (tests run rounds). */
    quotaWarnings: QuotaWarningWorker;
  }
}

export interface AppDeps {
  config: Config;
  database: DbHandle;
  mailer: Mailer;
  clock?: () => Date;
  /** Where logs go (default stdout); tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
  /** Where the DNS check asks (default: node:dns over DNS_SERVERS); tests pass a zone of their own. */
  dnsLookups?: DnsLookupFactory;
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

/** helmet's options for every response: a strict CSP (no inline code), HSTS behind HTTPS. */
export function securityHeaderOptions(config: Config): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // A host logo on another origin (HOST_LOGO_URL) adds that origin, nothing more.
        imgSrc: ["'self'", 'data:', ...logoImageSources(config.branding)],
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
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, mailer } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: { level: config.logLevel, redact: REDACTED_LOG_PATHS, serializers: { req: requestSerializer }, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // One line per request, written when it is answered (Fastify's own logging writes two).
    logController: new LogController({ disableRequestLogging: true }),
  });
  // The line holds only the request's method, path (without the query) and address, its status
  // and time, none of which can carry a secret: it is written without the redaction pass, which
  // costs more than writing it (docs/performance.md, "Pages").
  const accessLog = app.log.child({}, { redact: [] });
  app.addHook('onResponse', (request, reply, done) => {
    accessLog.info({ reqId: request.id, req: request, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });

  registerSecurityHeaders(app, securityHeaderOptions(config));
  // Counters in the database: the limits hold across every app process sharing it.
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute', store: databaseRateLimitStore(database.db) });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyCookie);
  const sessionStore = new KyselySessionStore(database.db, config.sessionIdleMs, clock, sessionWithCustomerReader(database.dialect));
  await app.register(fastifySession, {
    secret: rememberingSigner(await sessionSecret(database.db, config.sessionSecret)),
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
  registerBranding(app, config.branding);
  app.decorateRequest('viewer', null);
  app.decorateRequest('lang', 'de');
  app.addHook('onRequest', async (request) => {
    request.lang = languageOf(request);
  });
  registerSessionLifecycle(app, { sessionIdleMs: config.sessionIdleMs, sessionAbsoluteMs: config.sessionAbsoluteMs, clock });
  registerPrincipal(app, database.db, sessionStore);
  // CSRF on every state change of the web UI; the JSON API authenticates by bearer token instead,
  // and Outlook's autodiscover POST reads public settings without a session.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.url.startsWith('/api/') || /^\/autodiscover\//i.test(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });
  registerNulGuard(app);
  registerErrorHandling(app);

  // The one place that decides what each feature's routes receive: every plugin declares its deps.
  const { db, dialect } = database;
  const guards: Guards = createGuards({ masterDataConfirmMonths: config.masterDataConfirmMonths, clock });
  const secretBox = (purpose: string) => createSecretBox(secretKeyMaterial(config), purpose);
  const { publicUrl, mailServer, mailPolicy, loginRateLimitPerMinute } = config;
  // One known-device cookie for every door that checks a password or code (customer, staff, 2FA, mail).
  const devices = createDeviceMemory(config);
  await app.register(accountsPlugin, {
    db,
    clock,
    mailer,
    guards,
    secretBox,
    devices,
    publicUrl,
    loginRateLimitPerMinute,
    masterDataConfirmMonths: config.masterDataConfirmMonths,
    staff2faRequired: config.staff2faRequired,
  });
  await app.register(contractsPlugin, { db, guards });
  await app.register(mailPlugin, { db, clock, mailer, guards, devices, mailServer, mailPolicy, dovecotSync: config.dovecotSync, publicUrl, loginRateLimitPerMinute, sessionIdleMs: config.sessionIdleMs, sessionAbsoluteMs: config.sessionAbsoluteMs });
  await app.register(ordersPlugin, { db, dialect, clock, guards });
  await app.register(backofficePlugin, { db, clock, mailer, guards, publicUrl });
  await app.register(panelPlugin, { db, clock, guards, panel: loadPanelConfig(config), publicUrl, mailServer });
  await app.register(helpPlugin, { db, dialect, clock, guards, mailServer, publicUrl });
  await app.register(supportPlugin, { db, dialect, clock, mailer, guards, support: loadSupportConfig(config), publicUrl, smtpUrl: config.smtpUrl, mailServer });
  const dnsChecker = createDnsChecker({ lookups: deps.dnsLookups ?? nodeDnsLookups(config.dnsCheck.resolver), settings: config.dnsCheck, mailServer, clock });
  await app.register(dnsCheckPlugin, { db, clock, guards, checker: dnsChecker, cacheSeconds: config.dnsCheck.cacheSeconds });
  // Credential changes reach every Dovecot (auth cache flush, sessions ended): a worker retries what
  // is queued, and the answer to a web form waits for the round that delivers its own change.
  const dovecotSync = createDovecotSyncWorker({ db, settings: config.dovecotSync, clock, log: app.log });
  app.addHook('onClose', async () => dovecotSync.stop());
  app.addHook('onSend', async (request) => {
    if (request.method === 'POST' && !request.url.startsWith('/api/')) await dovecotSync.settle();
  });
  app.decorate('dovecotSync', dovecotSync);
  const quotaWarnings = createQuotaWarningWorker({ db, mailer, clock, log: app.log });
  app.addHook('onClose', async () => quotaWarnings.stop());
  app.decorate('quotaWarnings', quotaWarnings);
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
