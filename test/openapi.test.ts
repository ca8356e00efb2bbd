import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { staffUser } from './support/factories.ts';
import { createApiToken } from '../src/features/accounts/index.ts';
import { ApiErrorResponse, FirstOrderResponse, TariffListResponse } from '../src/features/orders/api.schemas.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Every `$ref` replaced by what it points to inside the document (the validator gets one self-contained schema). */
function resolveRefs(value: unknown, doc: Json, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, doc, seen));
  if (!value || typeof value !== 'object') return value;
  const ref = (value as Json).$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) throw new Error(`circular $ref ${ref}`);
    return resolveRefs(pointer(doc, ref), doc, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, doc, seen)]));
}

function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
  const target = ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
  return target;
}

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.entries(item as Json).filter(([method]) => METHODS.includes(method)).map(([method, op]) => ({ path, method, op: op as Json })));
}

/** Each (schema, example) pair of the document: request bodies and answers. */
function examplesOf(doc: Json): { where: string; schema: unknown; value: unknown; request: boolean }[] {
  const pairs: { where: string; schema: unknown; value: unknown; request: boolean }[] = [];
  for (const { path, method, op } of operations(doc)) {
    const media = [
      ...Object.entries((op.requestBody?.content ?? {}) as Json).map(([type, m]) => ({ where: `${method} ${path} request ${type}`, m: m as Json, request: true })),
      ...Object.entries((op.responses ?? {}) as Json).flatMap(([status, r]) =>
        Object.entries(((r as Json).content ?? {}) as Json).map(([type, m]) => ({ where: `${method} ${path} ${status} ${type}`, m: m as Json, request: false })),
      ),
    ];
    for (const { where, m, request } of media) {
      if (m.example !== undefined) pairs.push({ where, schema: m.schema, value: m.example, request });
      for (const [name, example] of Object.entries((m.examples ?? {}) as Json)) pairs.push({ where: `${where} example ${name}`, schema: m.schema, value: (example as Json).value, request });
    }
  }
  return pairs;
}

/**
 * A JSON Schema validator without a new dependency: Fastify's own body validation (Ajv), with
 * coercion, defaults and the removal of unknown properties switched off, so a value passes only
 * as it is.
 */
async function schemaValidator() {
  const app: FastifyInstance = Fastify({ ajv: { customOptions: { coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: true } } });
  let n = 0;
  return {
    /** Registers a schema (before the first run); returns where to check values against it. */
    add(schema: unknown) {
      const url = `/check/${n++}`;
      app.post(url, { schema: { body: schema as object } }, async () => ({ ok: true }));
      return url;
    },
    async run(url: string, value: unknown) {
      await app.ready();
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) });
      return { valid: res.statusCode === 200, message: res.statusCode === 200 ? '' : String(res.json().message) };
    },
    close: () => app.close(),
  };
}

describe.each(DIALECTS)('OpenAPI document of the JSON API (%s)', (dialect) => {
  let t: TestApp;
  let token: string;
  let doc: Json;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    token = (await createApiToken(t.db, 'shop', (await staffUser(t, 'admin')).id, t.clock.now)).token;
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('is served without a login, as JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().openapi).toBe(doc.openapi);
  });

  it('has the shape of an OpenAPI 3 document, every reference resolving', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expect(doc.components.schemas).toBeTypeOf('object');
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\//);
    const schemes = Object.keys(doc.components.securitySchemes ?? {});
    const ids = new Set<string>();
    for (const { path, method, op } of operations(doc)) {
      const where = `${method} ${path}`;
      expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect((response as Json).description, `${where} ${status}`).toBeTypeOf('string');
      }
      for (const requirement of (op.security ?? doc.security ?? []) as Json[]) for (const name of Object.keys(requirement)) expect(schemes, where).toContain(name);
      expect(ids.has(op.operationId), `operationId of ${where} is unique`).toBe(false);
      ids.add(op.operationId);
      // Every error answer has the one error shape.
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) >= 400) expect((response as Json).content['application/json'].schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    expect(() => resolveRefs(doc, doc)).not.toThrow();
  });

  it('describes every /api/v1 route of the app, and no route it does not have', () => {
    const served = [...new Set(t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`))].sort();
    const documented = operations(doc).map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort();
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(documented).toEqual(served);
  });

  it('needs a token on every route but the document itself', () => {
    for (const { path, method, op } of operations(doc)) {
      expect(op.security, `${method} ${path}`).toEqual(path === '/api/v1/openapi.json' ? [] : [{ apiToken: [] }]);
    }
  });

  it('validates each documented example against its own schema, and the validator refuses a broken one', async () => {
    const validator = await schemaValidator();
    try {
      const pairs = examplesOf(doc).map((pair) => ({ ...pair, url: validator.add(resolveRefs(pair.schema, doc)) }));
      expect(pairs.filter((p) => p.request).length).toBeGreaterThanOrEqual(2);
      expect(pairs.filter((p) => p.where.includes(' 422 ')).length).toBeGreaterThanOrEqual(2);
      for (const pair of pairs) expect(await validator.run(pair.url, pair.value), pair.where).toEqual({ valid: true, message: '' });

      const request = pairs.find((p) => p.request)!;
      const { tariff: _dropped, ...withoutTariff } = request.value as Json;
      expect((await validator.run(request.url, withoutTariff)).valid).toBe(false);
      expect((await validator.run(request.url, { ...(request.value as Json), postcode: 'x#' })).valid).toBe(false);
      expect((await validator.run(request.url, { ...(request.value as Json), country: 'XX' })).valid).toBe(false);
      const error = pairs.find((p) => p.where.includes(' 422 '))!;
      expect((await validator.run(error.url, { error: { code: 'validation', message: 'x' } })).valid).toBe(false);
    } finally {
      await validator.close();
    }
  });

  it('documents request examples that the API places, with answers of the documented shape', async () => {
    const validator = await schemaValidator();
    try {
      const op = doc.paths['/api/v1/orders'].post;
      const created = validator.add(resolveRefs(op.responses['201'].content['application/json'].schema, doc));
      const failed = validator.add(resolveRefs(doc.components.schemas.Error, doc));
      const examples = Object.entries(op.requestBody.content['application/json'].examples as Json);
      for (const [name, example] of examples) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/orders',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(example.value),
        });
        expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
        expect(await validator.run(created, res.json()), name).toEqual({ valid: true, message: '' });
        expect(FirstOrderResponse.safeParse(res.json()).success).toBe(true);
      }
      // Real error answers have the documented error shape.
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ tariff: 'mail-s', domains: ['x-openapi.de'], email: 'a@x-openapi.de', postcode: '#', country: 'XX' }),
      });
      expect(bad.statusCode).toBe(422);
      expect(await validator.run(failed, bad.json())).toEqual({ valid: true, message: '' });
      expect(ApiErrorResponse.safeParse(bad.json()).success).toBe(true);
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/tariffs' });
      expect(anonymous.statusCode).toBe(401);
      expect(await validator.run(failed, anonymous.json())).toEqual({ valid: true, message: '' });
    } finally {
      await validator.close();
    }
  });

  it('lists the tariffs in the documented shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/tariffs', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(TariffListResponse.safeParse(res.json()).success).toBe(true);
    const validator = await schemaValidator();
    try {
      const url = validator.add(resolveRefs(doc.paths['/api/v1/tariffs'].get.responses['200'].content['application/json'].schema, doc));
      expect(await validator.run(url, res.json())).toEqual({ valid: true, message: '' });
    } finally {
      await validator.close();
    }
  });
});
