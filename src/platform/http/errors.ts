import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, STATUS_OF, type FieldErrors } from '../errors.ts';
import { translator, type MessageKey } from '../views/i18n.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { sendPage, viewContext } from './web.ts';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/** The JSON API's one error shape: `{ error: { code, message, fields } }`. */
export function sendApiError(reply: FastifyReply, status: number, code: string, message: string, fields: Record<string, string> = {}) {
  return reply.status(status).send({ error: { code, message, fields } });
}

export function apiFields(request: FastifyRequest, fields: FieldErrors): Record<string, string> {
  const t = translator(request.lang);
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v.key, v.params)]));
}

function frameworkError(error: FastifyError): { status: number; code: string; key: MessageKey } | null {
  if (error.code?.startsWith('FST_CSRF')) return { status: 403, code: 'csrf', key: 'error.csrf' };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: 'unsupported_media_type', key: 'error.unsupportedMediaType' };
  if (error.statusCode === 429) return { status: 429, code: 'rate_limited', key: 'error.tooManyRequests' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, code: 'bad_request', key: 'error.badRequest' };
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status = 500;
    let code = 'internal';
    let key: MessageKey = 'error.internal';
    let params: Record<string, string | number> = {};
    let fields: FieldErrors = {};
    if (error instanceof DomainError) {
      status = STATUS_OF[error.code];
      code = error.code;
      key = error.key;
      params = error.params;
      fields = error.fields;
    } else {
      const known = frameworkError(error);
      if (known) ({ status, code, key } = known);
      else request.log.error({ err: error }, 'unhandled error');
    }
    if (isApi(request)) return sendApiError(reply, status, code, translator(request.lang)(key, params), apiFields(request, fields));
    const ctx = viewContextSafe(request, reply);
    return sendPage(reply, h(ErrorPage, { ctx, message: ctx.t(key, params) }), status);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request)) return sendApiError(reply, 404, 'not_found', translator(request.lang)('error.notFound'));
    return sendPage(reply, h(ErrorPage, { ctx: viewContextSafe(request, reply), message: translator(request.lang)('error.notFound') }), 404);
  });
}

/** Error pages render even when the session or CSRF machinery itself failed. */
function viewContextSafe(request: FastifyRequest, reply: FastifyReply) {
  try {
    return viewContext(request, reply);
  } catch {
    return { t: translator(request.lang), lang: request.lang, csrfToken: '', path: '/', viewer: null, flash: null, branding: request.server.branding };
  }
}
