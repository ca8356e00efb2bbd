import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { crawl, type FoundForm } from './support/crawl.ts';
import { dumpDatabase } from './support/dump.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { createApiToken } from '../src/features/accounts/index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
// Forms whose whole purpose is to end the session; fuzzing them would only log the fuzzer out.
const SKIP = /\/logout/;
const UPSTREAM = /\/panel|plesk/;

/** Values a hostile or broken client sends: odd Unicode, control characters, huge, repeated, missing. */
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'true', 'null', '[]', '{}', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", '%00', '\u0000', '\uFEFF', 'ä'.repeat(300), 'x'.repeat(70_000)),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 3 }),
);
const rawBodies = fc.constantFrom('%', '%ff%fe', 'a=%E0%A4%A', '=&&=', 'a[b][c]=1&a[b]=2', '\u0000', '_csrf');

function encode(fields: Record<string, unknown>, csrf: string): string {
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) if (item !== undefined) body.append(k, String(item));
  return body.toString();
}

describe.each(DIALECTS)('fuzzing every form and JSON endpoint (%s)', (dialect) => {
  let t: TestApp;
  const logins: Record<string, () => Promise<Client>> = {};
  beforeAll(async () => {
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000' });
    const mail = await orderFor(t, { tariff: 'mail-s' });
    await orderFor(t, { tariff: 'web-plus', email: `info@${mail.domains[0]}`, customerNumber: mail.customerNumber });
    const admin = await staffUser(t, 'admin');
    logins.anonymous = async () => new Client(t.app, '10.66.0.1');
    logins.customer = async () => {
      const c = new Client(t.app, '10.66.0.2');
      await c.loginCustomer(mail.customerNumber, mail.customerPassword!, { confirm: true });
      return c;
    };
    logins.staff = async () => {
      const c = new Client(t.app, '10.66.0.3');
      await c.loginStaff(admin.login, admin.password);
      return c;
    };
  }, 120_000);
  afterAll(() => t.close());

  const starts: Record<string, string[]> = {
    anonymous: ['/', '/login', '/passwort-vergessen', '/staff/login', '/mail-admin', '/hilfe', '/help'],
    customer: ['/domains', '/stammdaten', '/sicherheit', '/support', '/hilfe'],
    staff: ['/staff', '/staff/orders/new', '/staff/api-tokens', '/staff/audit'],
  };

  for (const role of ['anonymous', 'customer', 'staff'] as const) {
    it(`answers random input to ${role} forms with 4xx and no change, never 5xx`, async () => {
      const crawler = await logins[role]!();
      const { forms, pages } = await crawl(crawler, starts[role]!, { skip: /\/logout|\/assets\// });
      expect(pages.length).toBeGreaterThan(2);
      const posts = forms.filter((f) => f.method === 'post' && !SKIP.test(f.action));
      expect(posts.length).toBeGreaterThan(0);
      if (process.env.FUZZ_VERBOSE) console.log(role, pages.length, posts.map((f) => f.action));
      for (const form of posts) await fuzzForm(role, form);
    }, 600_000);
  }

  async function fuzzForm(role: string, form: FoundForm) {
    const fields = form.fields.filter((f) => f !== '_csrf');
    const arb = fc.oneof(
      { weight: 5, arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }).map((r) => ({ raw: null as string | null, fields: r })) },
      { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw, fields: {} as Record<string, unknown> })) },
    );
    let client = await logins[role]!();
    await fc.assert(
      fc.asyncProperty(arb, async (sample) => {
        const page = await client.get(form.page);
        if (page.statusCode !== 200) {
          client = await logins[role]!(); // a previous sample may have ended the session legitimately
          await client.get(form.page);
        }
        const before = await dumpDatabase(t.db, dialect);
        const payload = sample.raw ?? encode(sample.fields, client.csrf);
        const res = await t.app.inject({
          method: 'POST',
          url: form.action,
          payload,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader() },
          remoteAddress: '10.66.1.1',
        });
        const where = `${role} POST ${form.action} ${payload.slice(0, 200)}`;
        // Routes that talk to a Plesk server may answer 502/504 when it cannot be reached (the test
        // servers are unreachable on purpose); nothing may ever answer 500.
        if (UPSTREAM.test(form.action) && [502, 504].includes(res.statusCode)) return;
        expect(res.statusCode, where).toBeLessThan(500);
        if (res.statusCode >= 400) expect(await dumpDatabase(t.db, dialect), where).toBe(before);
      }),
      { numRuns: RUNS },
    );
  }

  it('answers random JSON to the API with a 4xx error object and no change, never 5xx', async () => {
    const admin = await staffUser(t, 'admin');
    const { token } = await createApiToken(t.db, 'fuzz', admin.id, t.clock.now);
    // The first use stamps last_used_at (at most once a minute); do it before comparing dumps.
    await t.app.inject({ method: 'GET', url: '/api/v1/tariffs', headers: { authorization: `Bearer ${token}` } });
    const order = fc.record(
      {
        tariff: fc.oneof(fc.constantFrom('mail-s', 'web-plus', ''), fc.anything()),
        domains: fc.oneof(fc.array(fc.oneof(fc.domain(), fc.string({ unit: 'binary' }))), fc.anything()),
        email: fc.oneof(fc.emailAddress(), fc.anything()),
        customerNumber: fc.oneof(fc.constantFrom('1', '10001', '99999999999999999999'), fc.anything()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(order, fc.anything(), fc.string({ unit: 'binary' })), async (body) => {
        const before = await dumpDatabase(t.db, dialect);
        const payload = typeof body === 'string' ? body : JSON.stringify(body) ?? 'null';
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/orders',
          payload,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        });
        expect(res.statusCode, payload.slice(0, 200)).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.json().error.code, payload.slice(0, 200)).toBeTruthy();
          expect(await dumpDatabase(t.db, dialect), payload.slice(0, 200)).toBe(before);
        } else {
          expect(res.statusCode).toBe(201);
        }
      }),
      { numRuns: RUNS * 10 },
    );
  }, 600_000);
});
