import type { Client } from './app.ts';

export interface FoundForm {
  page: string;
  action: string;
  method: string;
  fields: string[];
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Links and forms of an HTML page, as a browser would find them (same-site paths only). */
export function parsePage(path: string, html: string): { links: string[]; forms: FoundForm[] } {
  const links = [...html.matchAll(/<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"/g)]
    .map((m) => decode(m[1]!))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'));
  const forms: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    const method = (/\bmethod="([^"]+)"/.exec(attrs)?.[1] ?? 'get').toLowerCase();
    const action = decode(/\baction="([^"]*)"/.exec(attrs)?.[1] ?? path);
    const fields = [...new Set([...m[2]!.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map((f) => decode(f[1]!)))];
    forms.push({ page: path, action, method, fields });
  }
  return { links, forms };
}

/**
 * Visits every page reachable from `start` by links (GET only, same site), up to `limit` pages,
 * and returns the forms found on them. Paths matching `skip` are neither visited nor returned.
 */
export async function crawl(client: Client, start: string[], options: { limit?: number; skip?: RegExp } = {}): Promise<{ pages: string[]; forms: FoundForm[] }> {
  const skip = options.skip ?? /\/logout|\/assets\//;
  const seen = new Set<string>();
  const queue = [...start];
  const forms = new Map<string, FoundForm>();
  while (queue.length > 0 && seen.size < (options.limit ?? 200)) {
    const path = queue.shift()!;
    if (seen.has(path) || skip.test(path)) continue;
    seen.add(path);
    const res = await client.get(path);
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      const next = String(res.headers.location);
      if (next.startsWith('/')) queue.push(next);
      continue;
    }
    if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
    const { links, forms: found } = parsePage(path, res.body);
    queue.push(...links.filter((l) => !seen.has(l)));
    for (const f of found) {
      const key = `${f.method} ${f.action.replace(/\d{3,}/g, 'N')} ${f.fields.sort().join(',')}`;
      if (!skip.test(f.action) && !forms.has(key)) forms.set(key, f);
    }
  }
  return { pages: [...seen], forms: [...forms.values()] };
}
