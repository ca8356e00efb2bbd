import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { Upload } from './attachments.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './ticket.model.ts';

declare module 'fastify' {
  interface FastifyRequest {
    uploads?: Upload[];
  }
}

/**
 * Multipart forms for the support routes only (registered inside their plugin). Fields land in
 * `request.body` as plain strings, so the global CSRF check reads `_csrf` as for any form; files
 * are collected in `request.uploads`. One file more than allowed is read, so that the form can
 * say "too many" instead of failing; beyond that busboy stops the request (413).
 */
export async function registerUploads(app: FastifyInstance) {
  await app.register(multipartWithoutFormData, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { files: MAX_ATTACHMENTS + 1, fileSize: MAX_ATTACHMENT_BYTES, fields: 20, fieldSize: 100 * 1024, parts: MAX_ATTACHMENTS + 21 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const data = await part.toBuffer();
      this.uploads ??= [];
      this.uploads.push({ filename: part.filename ?? '', data, truncated: part.file.truncated });
    },
  });
}

/**
 * @fastify/multipart reads `globalThis.FormData` when it registers, to offer `request.formData()`,
 * and that first read makes Node load its whole fetch implementation (undici, with a WebAssembly
 * HTTP parser): about 2 MB of heap and 13 MB of resident memory that nothing here uses. So the
 * plugin runs with the global hidden; it reads it before its first `await`, so the global is
 * hidden only while that synchronous part runs, and no other code can see it missing.
 * `request.formData()` then answers "FormData is not available"; Hostdesk reads `request.body`.
 */
const multipartWithoutFormData = Object.assign(
  function multipart(...args: Parameters<typeof fastifyMultipart>) {
    const formData = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    Object.defineProperty(globalThis, 'FormData', { value: undefined, configurable: true, writable: true });
    try {
      return fastifyMultipart(...args);
    } finally {
      if (formData) Object.defineProperty(globalThis, 'FormData', formData);
      else delete (globalThis as { FormData?: unknown }).FormData;
    }
  },
  // fastify-plugin's marks (not encapsulated, its name and Fastify version), as on the original.
  Object.fromEntries(Object.getOwnPropertySymbols(fastifyMultipart).map((key) => [key, (fastifyMultipart as unknown as Record<symbol, unknown>)[key]])),
);

/** The form fields of a multipart or urlencoded body, files left out. */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      const value = Array.isArray(v) ? v.at(-1) : v;
      if (typeof value === 'string') out[k] = value;
    }
  }
  return out;
}
