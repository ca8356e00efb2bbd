import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ViewContext } from '../views/context.ts';
import { sendHtml, sendPage, viewContext } from './web.ts';

/** A rendered page as UTF-8, cut at every place its CSRF token goes. */
interface Entry {
  parts: Buffer[];
  bytes: number;
}

export interface PageCache {
  /**
   * Sends the page, rendered once for `version` and served from memory while the version stands:
   * `page` (which reads the page's data and builds it) runs only when it is not kept.
   * `version` must change whenever anything the page shows changes (the customer's portfolio
   * version, say); the viewer, the language and the path are added to it here. A page with a
   * flash message is rendered as usual and not kept. Each answer carries this request's own
   * CSRF token.
   */
  send(request: FastifyRequest, reply: FastifyReply, version: string, page: (ctx: ViewContext) => Promise<VNode<any>>): Promise<FastifyReply>;
}

/**
 * Rendered pages by viewer, language, path and a version the caller takes from the database in
 * the same request (the customer row read with the session), so a change made by any process is
 * seen at once. Rendering is most of a page's work (docs/performance.md, "Pages"); the session is
 * still read and checked on every request. Bounded by size, least recently used first out.
 */
export function createPageCache(maxBytes = 8 * 2 ** 20): PageCache {
  const entries = new Map<string, Entry>();
  // Stands in for the CSRF token while rendering; random so that no page text can contain it by chance.
  const placeholder = `csrf-${randomBytes(16).toString('hex')}`;
  let bytes = 0;

  function keep(key: string, entry: Entry) {
    if (entry.bytes > maxBytes / 4) return;
    // Two requests may have rendered the same page at once: the second replaces the first.
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldKey, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldKey);
      bytes -= old.bytes;
    }
  }

  return {
    async send(request, reply, version, page) {
      const ctx = viewContext(request, reply);
      if (ctx.flash) return sendPage(reply, await page(ctx));
      const viewer = ctx.viewer === null ? '-' : ctx.viewer.kind === 'customer' ? `c:${ctx.viewer.customerNumber}:${ctx.viewer.name}` : `s:${ctx.viewer.login}:${ctx.viewer.role}`;
      const key = `${ctx.lang} ${ctx.path} ${viewer} ${version}`;
      let entry = entries.get(key);
      if (entry) {
        // Most recently used last: the map's order is the eviction order.
        entries.delete(key);
        entries.set(key, entry);
      } else {
        const html = `<!doctype html>${renderToString(await page({ ...ctx, csrfToken: placeholder }))}`;
        const parts = html.split(placeholder).map((part) => Buffer.from(part));
        entry = { parts, bytes: parts.reduce((sum, part) => sum + part.length, 0) };
        keep(key, entry);
      }
      // Bytes, not text: nothing to encode per request (the token is ASCII).
      const token = Buffer.from(ctx.csrfToken);
      const body = Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [token, part])));
      return sendHtml(reply, body);
    },
  };
}
