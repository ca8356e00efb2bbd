import { request as httpsRequest } from 'node:https';
import { AGENT_PATH } from './versions.ts';
import { PanelError, transportError } from './errors.ts';
import { child, childrenNamed, el, parseXml, serializeXml, textAt, withAttrs, XmlParseError, type XmlNode } from './xml.ts';

/** The secret key (IP-bound, Plesk 8.0+) or an administrator's login and password. */
export type PleskAuth = { kind: 'key'; key: string } | { kind: 'password'; login: string; password: string };

export interface PleskEndpoint {
  /** The panel's base URL, e.g. `https://plesk.example.net:8443`. */
  url: string;
  auth: PleskAuth;
  /** A PEM CA (or self-signed certificate) to trust instead of the system store: pinning. */
  ca?: string | null;
  timeoutMs?: number;
  /**
   * Where the customer's browser reaches the panel (session and login page), when that differs
   * from `url`: only the demo's simulator, whose browser pages are plain http on loopback. API
   * calls always go to `url`, over verified HTTPS.
   */
  browserUrl?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The panel's origin (scheme, host, port) after checking it is https. */
export function panelOrigin(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PanelError('config', null, 'the server URL is not a URL');
  }
  if (parsed.protocol !== 'https:') throw new PanelError('config', null, 'the server URL must use https');
  return new URL(parsed.origin);
}

/** The request headers Plesk authenticates by: KEY, or HTTP_AUTH_LOGIN and HTTP_AUTH_PASSWD. */
export function authHeaders(auth: PleskAuth): Record<string, string> {
  return auth.kind === 'key' ? { KEY: auth.key } : { HTTP_AUTH_LOGIN: auth.login, HTTP_AUTH_PASSWD: auth.password };
}

/** `<packet version="…">` with the operations inside; a null protocol leaves the version out. */
export function buildPacket(protocol: string | null, operations: XmlNode[]): XmlNode {
  const packet = el('packet', ...operations);
  return protocol ? withAttrs(packet, { version: protocol }) : packet;
}

/**
 * Sends one packet to agent.php and returns the parsed response packet. The certificate is
 * always verified (against the pinned CA when one is set); packet-level errors
 * (`<system><status>error</status>…`) become PanelError('api', errcode).
 */
export async function sendPacket(endpoint: PleskEndpoint, protocol: string | null, operations: XmlNode[]): Promise<XmlNode> {
  const origin = panelOrigin(endpoint.url);
  const body = serializeXml(buildPacket(protocol, operations));
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const raw = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(
      new URL(AGENT_PATH, origin),
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': Buffer.byteLength(body), ...authHeaders(endpoint.auth) },
        ca: endpoint.ca ?? undefined,
        rejectUnauthorized: true,
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new PanelError('malformed', null, 'response larger than 5 MB'));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new PanelError('http', res.statusCode ?? 0, `HTTP ${res.statusCode} from agent.php`));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', (e) => reject(e instanceof PanelError ? e : transportError(e)));
      },
    );
    const deadline = setTimeout(() => req.destroy(new PanelError('timeout', null, `no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new PanelError('timeout', null, `no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => reject(e instanceof PanelError ? e : transportError(e)));
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
  let packet: XmlNode;
  try {
    packet = parseXml(raw);
  } catch (e) {
    if (e instanceof XmlParseError) throw new PanelError('malformed', null, `response is not XML: ${e.message}`);
    throw e;
  }
  if (packet.name !== 'packet') throw new PanelError('malformed', null, `response root is <${packet.name}>, not <packet>`);
  const system = child(packet, 'system');
  if (system && textAt(system, 'status') === 'error') {
    throw new PanelError('api', Number(textAt(system, 'errcode') ?? 0), textAt(system, 'errtext') ?? '');
  }
  return packet;
}

/** The `<result>` elements of `<operator><op>` (or `<operator><op><sub>`), in order. */
export function resultsOf(packet: XmlNode, ...path: string[]): XmlNode[] {
  let node: XmlNode | undefined = packet;
  for (const name of path) node = child(node, name);
  if (!node) throw new PanelError('malformed', null, `response lacks <${path.join('/')}>`);
  return childrenNamed(node, 'result');
}

/** Throws the operation error a result carries. */
export function assertOk(result: XmlNode): XmlNode {
  if (textAt(result, 'status') !== 'ok') {
    throw new PanelError('api', Number(textAt(result, 'errcode') ?? 0), textAt(result, 'errtext') ?? 'operation failed');
  }
  return result;
}

/** The single result of an operation, checked. */
export function singleResult(packet: XmlNode, ...path: string[]): XmlNode {
  const [first] = resultsOf(packet, ...path);
  if (!first) throw new PanelError('malformed', null, `response has no <result> in <${path.join('/')}>`);
  return assertOk(first);
}
