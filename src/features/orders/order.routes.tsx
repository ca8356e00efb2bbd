import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { STATUS_OF } from '../../platform/errors.ts';
import { apiFields, sendApiError } from '../../platform/http/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { fieldErrors, formState, sendPage, viewContext } from '../../platform/http/web.ts';
import type { Actor } from '../../platform/policy.ts';
import { translator } from '../../platform/views/i18n.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { actorOf, verifyApiToken } from '../accounts/index.ts';
import { listTariffs, parseDomainName, type LookalikeDomain } from '../contracts/index.ts';
import { FirstOrderInput, StaffOrderForm } from './order.forms.ts';
import { lookalikeFieldErrors, placeFirstOrder, reviewFirstOrder } from './order.service.ts';
import { ordersPolicy } from './orders.policies.ts';
import { OrderDonePage } from './order-done.page.tsx';
import { OrderFormPage } from './order-form.page.tsx';
import { buildOpenApiDocument } from './openapi.ts';

declare module 'fastify' {
  interface FastifyRequest {
    apiTokenId?: number;
  }
}

export interface OrderRouteDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  guards: Guards;
}

/** Erstbestellung through its two web doors: the JSON API (bearer token) and the back-office form. */
export const orderRoutes: FastifyPluginAsync<OrderRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;

  /** The shop's or billing system's bearer token; a missing or revoked one is a JSON 401. */
  async function apiToken(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const id = match ? await verifyApiToken(db, match[1]!, clock()) : null;
    if (!id) return sendApiError(reply.header('www-authenticate', 'Bearer'), 401, 'unauthorized', translator(request.lang)('api.unauthorized'));
    request.apiTokenId = id;
  }
  const apiActorOf = (request: FastifyRequest): Actor => ({ kind: 'api-token', tokenId: request.apiTokenId! });

  async function listApiTariffs(request: FastifyRequest) {
    ordersPolicy.authorize(apiActorOf(request), 'readTariffs', 'tariffs', { reveal: true });
    const tariffs = await listTariffs(db);
    return { tariffs: tariffs.map((tariff) => ({ code: tariff.code, name: tariff.name, panel: tariff.panel, pleskVersion: tariff.pleskVersion })) };
  }

  /** Errors keep the API's shape `{error: {code, message, fields}}`; a DomainError gets it from the error handler. */
  async function placeApiOrder(request: FastifyRequest, reply: FastifyReply) {
    ordersPolicy.authorize(apiActorOf(request), 'placeOrder', 'first-order', { reveal: true });
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendApiError(reply, 415, 'unsupported_media_type', translator(request.lang)('error.unsupportedMediaType'));
    }
    const parsed = FirstOrderInput.safeParse(request.body);
    if (!parsed.success) {
      return sendApiError(reply, STATUS_OF.validation, 'validation', translator(request.lang)('common.formErrors'), apiFields(request, fieldErrors(parsed.error)));
    }
    const result = await placeFirstOrder(db, deps.dialect, parsed.data, { channel: 'api', actor: `api-token:${request.apiTokenId}`, ip: request.ip }, clock());
    return reply.status(201).header('cache-control', 'no-store').send(result);
  }

  /** The API's description, public: it holds no data, only the shape (built once, on first request). */
  let openApi: string | undefined;
  async function showOpenApi(_request: FastifyRequest, reply: FastifyReply) {
    openApi ??= JSON.stringify(buildOpenApiDocument());
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(openApi);
  }

  async function renderOrderForm(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number, lookalikes?: LookalikeDomain[]) {
    const page = <OrderFormPage ctx={viewContext(request, reply)} tariffs={await listTariffs(db)} form={form} lookalikes={lookalikes} />;
    return sendPage(reply, page, status);
  }

  async function loadOrderDesk(request: FastifyRequest) {
    const actor = actorOf(request);
    ordersPolicy.authorize(actor, 'placeOrder', 'first-order', { reveal: true });
    return actor;
  }

  async function showOrderForm(request: FastifyRequest, reply: FastifyReply) {
    await loadOrderDesk(request);
    return renderOrderForm(request, reply, emptyForm(), 200);
  }

  const placeStaffOrder = formRoute({
    schema: StaffOrderForm,
    load: loadOrderDesk,
    async run(input, _actor, request, reply) {
      // Lookalikes not yet confirmed: the same form again, with the warning and its checkbox.
      const review = await reviewFirstOrder(db, input);
      if (review.unconfirmed.length > 0) return renderOrderForm(request, reply, formState(request.body, lookalikeFieldErrors(review.lookalikes)), STATUS_OF.confirmation_required, review.lookalikes);
      const result = await placeFirstOrder(db, deps.dialect, input, { channel: 'staff', actor: `staff:${request.staff!.id}`, ip: request.ip }, clock());
      // The stored Unicode name maps back to exactly the stored ASCII one.
      const domainNames = result.domains.map((domain) => parseDomainName(domain));
      return sendPage(reply, <OrderDonePage ctx={viewContext(request, reply)} result={result} domainNames={domainNames} />, 201);
    },
    render: (form, _actor, request, reply, status) => renderOrderForm(request, reply, form, status),
  });

  app.get('/api/v1/tariffs', { preHandler: apiToken }, listApiTariffs);
  app.post('/api/v1/orders', { preHandler: apiToken }, placeApiOrder);
  app.get('/api/v1/openapi.json', showOpenApi);
  app.get('/staff/orders/new', { preHandler: deps.guards.staff }, showOrderForm);
  app.post('/staff/orders', { preHandler: deps.guards.staff }, placeStaffOrder);
};
