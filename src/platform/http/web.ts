import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ZodError } from 'zod';
import type { Branding } from '../branding.ts';
import type { Language } from '../db/database.ts';
import type { FieldErrors } from '../errors.ts';
import type { Flash, FormState, ViewContext, Viewer } from '../views/context.ts';
import { isLanguage, translator, type MessageKey } from '../views/i18n.ts';

declare module 'fastify' {
  interface Session {
    customerId?: number;
    staffId?: number;
    /** When the person logged in (ms), for the absolute timeout. */
    authAt?: number;
    /** Last activity (ms), for the idle timeout; refreshed at most once a minute. */
    seenAt?: number;
    lang?: Language;
    flash?: Flash;
    /**
     * The credential generation of the customer or staff user this session was opened with; the
     * session is void once the user's generation differs. Missing in sessions opened before
     * generations existed, which count as generation 0.
     */
    generation?: number;
    /** Password checked, second factor (or its setup) still to come. */
    pending?: { kind: 'customer' | 'staff'; id: number; at: number; next: string; lang: Language; generation: number };
  }
  interface FastifyInstance {
    /** The host's name, logo, colour and legal links, for every page (set by buildApp). */
    branding: Branding;
  }
  interface FastifyRequest {
    viewer: Viewer;
    lang: Language;
  }
}

export function languageOf(request: FastifyRequest): Language {
  const fromSession = request.session?.lang;
  if (isLanguage(fromSession)) return fromSession;
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'de';
}

export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const lang = request.lang;
  const flash = request.session?.flash ?? null;
  if (flash) delete request.session.flash;
  return {
    t: translator(lang),
    lang,
    csrfToken: reply.generateCsrf(),
    path: request.url.split('?')[0] ?? '/',
    viewer: request.viewer,
    flash,
    branding: request.server.branding,
  };
}

export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  return sendHtml(reply, `<!doctype html>${renderToString(page)}`, status);
}

/** A rendered page as the answer: never stored by browsers or proxies (it shows personal data). */
export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

export function setFlash(request: FastifyRequest, kind: Flash['kind'], key: MessageKey, params?: Flash['params']): void {
  request.session.flash = params ? { kind, key, params } : { kind, key };
}

/** Form fields as strings (a repeated field keeps its last value), for re-rendering. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (k === '_csrf' || /password/i.test(k)) continue;
      const value = Array.isArray(v) ? v.at(-1) : v;
      if (typeof value === 'string') out[k] = value.slice(0, 2000);
    }
  }
  return out;
}

/** zod issues → one message per field; messages are catalog keys set in the schemas. */
export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const key = (issue.message.includes('.') ? issue.message : 'common.invalid') as MessageKey;
    const max = (issue as { maximum?: number | bigint }).maximum;
    // A custom check may name what it found (the hidden character of a single-line field).
    const own = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
    errors[field] = { key, params: { ...own, ...(max !== undefined ? { max: Number(max) } : {}) } };
  }
  return errors;
}

export function formState(body: unknown, errors: FieldErrors = {}): FormState {
  return { values: formValues(body), errors };
}

/** A same-site path to return to after login or a language switch; anything else becomes `/`. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) && value.length < 500 ? value : fallback;
}

