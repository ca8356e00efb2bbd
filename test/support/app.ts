import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Dialect } from '../../src/platform/db/index.ts';
import { seedCatalog } from '../../src/demo.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { createTestMailer, type TestMailer } from './mailer.ts';
import type { DnsLookupFactory } from '../../src/features/dns-check/index.ts';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase['handle']['db'];
  database: TestDatabase;
  mailer: TestMailer;
  logs: string[];
  config: Config;
  clock: { now: Date };
  close(): Promise<void>;
}

/** The real app on a fresh database with the standard catalog, a memory mailer a test can wait on, and captured logs. */
export async function buildTestApp(dialect: Dialect, env: Record<string, string> = {}, options: { sqliteFile?: string; database?: TestDatabase; dnsLookups?: DnsLookupFactory } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(dialect, options));
  // Staff 2FA is switched off here so that suites can log staff in freely; test/two-factor.test.ts
  // and the browser journeys run with it on, as production does.
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'info', PUBLIC_URL: 'http://hostdesk.test', STAFF_2FA_REQUIRED: 'false', DNS_SERVERS: '127.0.0.1:9', SECRET_KEY: 'test-secret-key-test-secret-key-0123456789', ...env });
  const clock = { now: new Date() };
  if (!options.database) await seedCatalog(database.handle, clock.now);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const mailer = createTestMailer();
  const app = await buildApp({
    config,
    database: database.handle,
    mailer,
    clock: () => clock.now,
    logStream: stream,
    dnsLookups: options.dnsLookups,
  });
  await app.ready();
  return {
    app,
    db: database.handle.db,
    database,
    mailer,
    logs,
    config,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A browser-like client for inject(): keeps cookies and pulls CSRF tokens out of pages. */
export class Client {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance, private ip = '127.0.0.1') {}

  /** The same browser (cookies and all) from another client address, e.g. a laptop on the road. */
  moveTo(ip: string): this {
    this.ip = ip;
    return this;
  }

  /** The value of one cookie this browser holds. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers }, remoteAddress: this.ip });
    this.remember(res);
    return res;
  }

  /** `ip` sends this one request from another address (same cookies), e.g. to tell requests apart in the audit log. */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean; headers?: Record<string, string>; ip?: string } = {}) {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...options.headers },
      remoteAddress: options.ip ?? this.ip,
    });
    this.remember(res);
    return res;
  }

  /** Logs a customer in and confirms the master data when asked to. */
  async loginCustomer(identifier: string, password: string, options: { confirm?: boolean } = {}) {
    await this.get('/login');
    const res = await this.post('/login', { identifier, password });
    if (res.statusCode !== 303) throw new Error(`login failed with ${res.statusCode}`);
    if (options.confirm) {
      const page = await this.get('/domains');
      if (page.headers.location === '/stammdaten') {
        await this.get('/stammdaten');
        await this.post('/stammdaten', { salutation: 'ms', firstName: 'Test', lastName: 'Kundin', company: '', street: 'Teststraße 1', postcode: '10115', city: 'Berlin', country: 'DE', phone: '' });
      }
    }
    return res;
  }

  async loginStaff(login: string, password: string) {
    await this.get('/staff/login');
    const res = await this.post('/staff/login', { login, password });
    if (res.statusCode !== 303) throw new Error(`staff login failed with ${res.statusCode}`);
    return res;
  }
}
