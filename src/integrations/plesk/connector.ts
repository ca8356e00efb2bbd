import { assertOk, panelOrigin, resultsOf, sendPacket, singleResult, type PleskEndpoint } from './client.ts';
import { PanelError, PLESK_CODES } from './errors.ts';
import { child, childrenNamed, el, textAt, type XmlNode } from './xml.ts';
import {
  compareDotted,
  FALLBACK_PROTOCOLS,
  hasSessionApi,
  hasSiteOperator,
  isLegacy,
  loginPagePath,
  normalizeVersion,
  PROTOCOLS,
  protocolForVersion,
  releaseForProtocol,
  SESSION_INIT_PATH,
} from './versions.ts';

export interface PanelServerInfo {
  /** The release as reported (`10.4.4`), or derived from the newest protocol when stat is missing. */
  version: string;
  /** The protocol Hostdesk will speak with this server. */
  protocol: string;
  /** Every protocol the server listed (empty when it could not tell). */
  protocols: string[];
}

/** A customer's subscription: its domains, the first being the main domain (the webspace). */
export interface Subscription {
  domains: string[];
}

export interface PanelMailbox {
  address: string;
  name: string;
  domain: string;
  enabled: boolean;
  /** Bytes; null when unlimited (-1) or not reported. */
  quotaBytes: number | null;
}

/** Where "Paket verwalten" sends the browser. */
export type PanelEntry = { kind: 'session'; url: string } | { kind: 'login-page'; url: string };

/** What Hostdesk needs from a hosting panel; Plesk is the one implementation. */
export interface PanelConnector {
  detect(): Promise<PanelServerInfo>;
  openSession(input: { login: string; userIp: string; sourceServer: string; returnUrl?: string }): Promise<PanelEntry>;
  findCustomer(login: string): Promise<{ id: string; login: string; name: string } | null>;
  listMailboxes(subscription: Subscription): Promise<PanelMailbox[]>;
  setMailboxPassword(subscription: Subscription, address: string, password: string): Promise<void>;
}

export interface PleskConnectorOptions {
  endpoint: PleskEndpoint;
  /** The release stored for this server (detected earlier or configured); null: detect first. */
  version?: string | null;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Plesk's XML API behind PanelConnector: one instance per server and request. */
export function createPleskConnector(options: PleskConnectorOptions): PanelConnector {
  const { endpoint } = options;
  let known: { version: string; protocol: string } | null = options.version
    ? { version: normalizeVersion(options.version) ?? options.version, protocol: protocolForVersion(options.version) }
    : null;
  const domainIds = new Map<string, string>();

  async function server() {
    if (!known) await detect();
    return known!;
  }

  async function call(operations: XmlNode[]) {
    const { protocol } = await server();
    return sendPacket(endpoint, protocol, operations);
  }

  /**
   * Asks for the protocols in a versionless packet; Plesk 8/9 refuse that with 1017, so the
   * known protocols are tried newest first (skipping those answered with 1005). Then
   * server/get/stat gives the release, which fixes the protocol used from then on.
   */
  async function detect(): Promise<PanelServerInfo> {
    const getProtos = [el('server', el('get_protos'))];
    let protocols: string[] = [];
    let spoken: string | null = null;
    try {
      protocols = protosFrom(await sendPacket(endpoint, null, getProtos));
    } catch (e) {
      if (!(e instanceof PanelError && e.kind === 'api' && e.code === PLESK_CODES.notSupportedInVersion)) throw e;
      for (const candidate of FALLBACK_PROTOCOLS) {
        try {
          protocols = protosFrom(await sendPacket(endpoint, candidate, getProtos));
          spoken = candidate;
          break;
        } catch (inner) {
          if (inner instanceof PanelError && inner.kind === 'api' && inner.code === PLESK_CODES.protocolUnsupported) continue;
          throw inner;
        }
      }
      if (!spoken) throw new PanelError('api', PLESK_CODES.protocolUnsupported, 'the server accepts none of the protocols Hostdesk speaks');
    }
    const knownProtocols = new Set(PROTOCOLS.map((p) => p.protocol));
    const best = protocols.filter((p) => knownProtocols.has(p)).sort(compareDotted).at(-1) ?? spoken;
    if (!best) throw new PanelError('malformed', null, 'get_protos listed no known protocol');
    const stat = singleResult(await sendPacket(endpoint, best, [el('server', el('get', el('stat')))]), 'server', 'get');
    const reported = textAt(stat, 'stat', 'version', 'plesk_version');
    const version = normalizeVersion(reported) ?? releaseForProtocol(best) ?? '0';
    const own = protocolForVersion(version);
    const protocol = compareDotted(own, best) <= 0 ? own : best;
    known = { version, protocol };
    return { version: reported ?? version, protocol, protocols };
  }

  async function openSession(input: { login: string; userIp: string; sourceServer: string; returnUrl?: string }): Promise<PanelEntry> {
    const origin = endpoint.browserUrl ? new URL(new URL(endpoint.browserUrl).origin) : panelOrigin(endpoint.url);
    const { version } = await server();
    if (!hasSessionApi(version)) return { kind: 'login-page', url: new URL(loginPagePath(version), origin).toString() };
    const packet = await call([
      el('server', el('create_session', el('login', input.login), el('data', el('user_ip', b64(input.userIp)), el('source_server', b64(input.sourceServer))))),
    ]);
    const id = textAt(singleResult(packet, 'server', 'create_session'), 'id');
    if (!id) throw new PanelError('malformed', null, 'create_session returned no session id');
    const url = new URL(SESSION_INIT_PATH, origin);
    url.searchParams.set('PLESKSESSID', id);
    if (input.returnUrl) url.searchParams.set('success_redirect_url', input.returnUrl);
    return { kind: 'session', url: url.toString() };
  }

  async function findCustomer(login: string) {
    const { version } = await server();
    const operator = isLegacy(version) ? 'client' : 'customer';
    const packet = await call([el(operator, el('get', el('filter', el('login', login)), el('dataset', el('gen_info'))))]);
    const [result] = resultsOf(packet, operator, 'get');
    if (!result) return null;
    if (textAt(result, 'status') !== 'ok') {
      if (Number(textAt(result, 'errcode')) === PLESK_CODES.notFound) return null;
      assertOk(result);
    }
    return { id: textAt(result, 'id') ?? '', login: textAt(result, 'data', 'gen_info', 'login') ?? login, name: textAt(result, 'data', 'gen_info', 'pname') ?? '' };
  }

  /** The Plesk id of a domain: domain/get on 8/9, webspace/get for the main domain, site/get for add-ons. */
  async function domainId(subscription: Subscription, domain: string): Promise<string> {
    const cached = domainIds.get(domain);
    if (cached) return cached;
    const { version } = await server();
    let packet: XmlNode;
    let path: [string, string];
    if (isLegacy(version)) {
      packet = await call([el('domain', el('get', el('filter', el('domain_name', domain)), el('dataset', el('hosting'))))]);
      path = ['domain', 'get'];
    } else {
      const operator = domain === subscription.domains[0] || !hasSiteOperator(version) ? 'webspace' : 'site';
      packet = await call([el(operator, el('get', el('filter', el('name', domain)), el('dataset', el('gen_info'))))]);
      path = [operator, 'get'];
    }
    const id = textAt(singleResult(packet, ...path), 'id');
    if (!id) throw new PanelError('malformed', null, `no id for ${domain}`);
    domainIds.set(domain, id);
    return id;
  }

  function domainFilter(version: string, id: string) {
    return isLegacy(version) ? el('domain_id', id) : el('site-id', id);
  }

  async function listMailboxes(subscription: Subscription): Promise<PanelMailbox[]> {
    const { version } = await server();
    const out: PanelMailbox[] = [];
    for (const [index, domain] of subscription.domains.entries()) {
      let id: string;
      try {
        id = await domainId(subscription, domain);
      } catch (e) {
        // An add-on domain that is not (yet) on the server has no mailboxes; the main one must exist.
        if (index > 0 && e instanceof PanelError && e.kind === 'api' && e.code === PLESK_CODES.notFound) continue;
        throw e;
      }
      const packet = await call([el('mail', el('get_info', el('filter', domainFilter(version, id)), el('mailbox')))]);
      for (const result of resultsOf(packet, 'mail', 'get_info')) {
        assertOk(result);
        for (const mailname of childrenNamed(result, 'mailname')) out.push(mailboxFrom(mailname, domain));
      }
    }
    return out.sort((a, b) => a.address.localeCompare(b.address));
  }

  async function setMailboxPassword(subscription: Subscription, address: string, password: string): Promise<void> {
    const at = address.lastIndexOf('@');
    const name = address.slice(0, at);
    const domain = address.slice(at + 1);
    if (at < 1 || !subscription.domains.includes(domain)) throw new PanelError('config', null, 'the address is not in this subscription');
    const { version } = await server();
    const id = await domainId(subscription, domain);
    const secret = isLegacy(version) ? el('password', password) : el('password', el('value', password), el('type', 'plain'));
    const packet = await call([el('mail', el('update', el('set', el('filter', domainFilter(version, id), el('mailname', el('name', name), secret)))))]);
    singleResult(packet, 'mail', 'update', 'set');
  }

  return { detect, openSession, findCustomer, listMailboxes, setMailboxPassword };
}

function protosFrom(packet: XmlNode): string[] {
  const result = singleResult(packet, 'server', 'get_protos');
  return childrenNamed(child(result, 'protos'), 'proto').map((p) => p.text.trim());
}

function mailboxFrom(mailname: XmlNode, domain: string): PanelMailbox {
  const name = textAt(mailname, 'name') ?? '';
  const box = child(mailname, 'mailbox');
  const quota = Number(textAt(box, 'quota') ?? '-1');
  return {
    address: `${name}@${domain}`,
    name,
    domain,
    enabled: (textAt(box, 'enabled') ?? 'true') !== 'false',
    quotaBytes: Number.isFinite(quota) && quota >= 0 ? quota : null,
  };
}
