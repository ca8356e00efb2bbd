import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { DomainError, STATUS_OF } from '../../platform/errors.ts';
import { apiFields, sendApiError } from '../../platform/http/errors.ts';
import { fieldErrors, formState, sendPage, viewContext } from '../../platform/http/web.ts';
import { translator } from '../../platform/views/i18n.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { verifyApiToken } from '../accounts/index.ts';
import { listTariffs, parseDomainName } from '../contracts/index.ts';
import { FirstOrderInput, StaffOrderForm } from './order.forms.ts';
import { LookalikeDomainsError, placeFirstOrder } from './order.service.ts';
import { OrderDonePage, OrderFormPage } from './order.views.tsx';

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

export const orderRoutes: FastifyPluginAsync<OrderRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const orderDeps = { db, dialect: deps.dialect, clock };

  async function apiToken(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const id = match ? await verifyApiToken(db, match[1]!, clock()) : null;
    if (!id) return sendApiError(reply.header('www-authenticate', 'Bearer'), 401, 'unauthorized', translator(request.lang)('api.unauthorized'));
    request.apiTokenId = id;
  }

  app.get('/api/v1/tariffs', { preHandler: apiToken }, async () => {
    const tariffs = await listTariffs(db);
    return { tariffs: tariffs.map((t) => ({ code: t.code, name: t.name, panel: t.panel, pleskVersion: t.pleskVersion })) };
  });

  app.post('/api/v1/orders', { preHandler: apiToken }, async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendApiError(reply, 415, 'unsupported_media_type', translator(request.lang)('error.unsupportedMediaType'));
    }
    const parsed = FirstOrderInput.safeParse(request.body);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      return sendApiError(reply, 422, 'validation', translator(request.lang)('common.formErrors'), apiFields(request, fields));
    }
    const result = await placeFirstOrder(orderDeps, parsed.data, { channel: 'api', actor: `api-token:${request.apiTokenId}`, ip: request.ip });
    return reply.status(201).header('cache-control', 'no-store').send(result);
  });

  app.get('/staff/orders/new', { preHandler: deps.guards.staff }, async (request, reply) => {
    return sendPage(reply, <OrderFormPage ctx={viewContext(request, reply)} tariffs={await listTariffs(db)} form={emptyForm()} />);
  });

  app.post('/staff/orders', { preHandler: deps.guards.staff }, async (request, reply) => {
    const form = StaffOrderForm.safeParse(request.body);
    const tariffs = await listTariffs(db);
    const again = (errors: DomainError | ReturnType<typeof fieldErrors>, status: number) =>
      sendPage(
        reply,
        <OrderFormPage
          ctx={viewContext(request, reply)}
          tariffs={tariffs}
          form={formState(request.body, errors instanceof DomainError ? errors.fields : errors)}
          message={errors instanceof DomainError && Object.keys(errors.fields).length === 0 ? { key: errors.key, params: errors.params } : undefined}
          lookalikes={errors instanceof LookalikeDomainsError ? errors.lookalikes : undefined}
        />,
        status,
      );
    if (!form.success) return again(fieldErrors(form.error), 422);
    const input = FirstOrderInput.safeParse({
      tariff: form.data.tariff,
      domains: form.data.domains.split(/[\s,;]+/).filter(Boolean),
      email: form.data.email,
      customerNumber: form.data.customerNumber,
    });
    if (!input.success) return again(fieldErrors(input.error), 422);
    // The tick confirms the names the warning listed; a domain typed in afterwards is warned about anew.
    const confirmedLookalikes = form.data.acceptConfusableDomains === '1' ? form.data.warnedDomains.split('\n').map((d) => d.trim()).filter(Boolean) : [];
    try {
      const result = await placeFirstOrder(orderDeps, { ...input.data, confirmedLookalikes }, { channel: 'staff', actor: `staff:${request.staff!.id}`, ip: request.ip });
      // The stored Unicode name maps back to exactly the stored ASCII one.
      const domainNames = result.domains.map((d) => parseDomainName(d));
      return sendPage(reply, <OrderDonePage ctx={viewContext(request, reply)} result={result} domainNames={domainNames} />, 201);
    } catch (error) {
      if (error instanceof DomainError) return again(error, STATUS_OF[error.code]);
      throw error;
    }
  });
};
