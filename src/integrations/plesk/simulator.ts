import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateSimulatorCertificates, type SimulatorCertificates } from './certificates.ts';
import { AGENT_PATH, compareDotted, displayName, formatMenuPath, hasSessionApi, isLegacy, loginPagePath, mailSettingsPath, manualLoginSteps, protocolForVersion, protocolsUpTo, SESSION_INIT_PATH, type SimulatedVersion } from './versions.ts';
import { child, childrenNamed, el, escapeXml, parseXml, serializeXml, shapeOf, textAt, withAttrs, XmlParseError, type XmlNode, type XmlShape } from './xml.ts';

/**
 * A Plesk stand-in for development and tests: answers the documented agent.php packets of one
 * Plesk version (PLESK.md) from in-memory state, over real HTTPS. It checks authentication,
 * the protocol version, which operators that version has and the element order of the
 * packets Hostdesk sends, and answers with the documented error packets. It is not Plesk.
 */

export interface SimCustomer {
  id: number;
  login: string;
  name: string;
}
export interface SimDomain {
  id: number;
  name: string;
  owner: string;
  /** The subscription's main domain (webspace) or an add-on domain (site). */
  kind: 'webspace' | 'site';
}
export interface SimMailbox {
  id: number;
  domainId: number;
  name: string;
  password: string;
  enabled: boolean;
  quota: number;
}
export interface SimSession {
  id: string;
  login: string;
  userIp: string;
  sourceServer: string;
  used: boolean;
}

export interface RecordedRequest {
  auth: 'key' | 'password' | 'none';
  protocol: string | null;
  xml: string;
  /** Order-preserving shape of each operator element, for comparing with PLESK.md. */
  operations: XmlShape[];
}

export interface SimulatorOptions {
  version: SimulatedVersion;
  host?: string;
  port?: number;
  /** Secret key accepted in the KEY header. */
  key?: string;
  /** Administrator login accepted in HTTP_AUTH_LOGIN/HTTP_AUTH_PASSWD. */
  login?: string;
  password?: string;
  certificates?: SimulatorCertificates;
  /**
   * Also serve the browser pages (session, login page, start page; never agent.php) over plain
   * http on a second port of the same host, so a browser opens them without a certificate warning.
   * Only for a loopback host (the demo); refused otherwise.
   */
  browserHttp?: boolean;
  /** Runs before each agent.php request, e.g. to load new subscriptions into the state. */
  beforeRequest?: (sim: PleskSimulator) => Promise<void>;
}

const REPORTED_RELEASE: Record<SimulatedVersion, string> = { '8.6': '8.6.0', '9.5': '9.5.4', '10.4': '10.4.4', '12.5': '12.5.30', '18.0': '18.0.52' };

class SimFault extends Error {
  constructor(readonly code: number, readonly text: string) {
    super(text);
  }
}

export interface PleskSimulator {
  version: SimulatedVersion;
  /** The XML API's origin (https). */
  url: string;
  port: number;
  /** Where a browser opens the simulator's pages: the http origin with `browserHttp`, else `url`. */
  browserUrl: string;
  caPem: string;
  key: string;
  login: string;
  password: string;
  customers: SimCustomer[];
  domains: SimDomain[];
  mailboxes: SimMailbox[];
  sessions: Map<string, SimSession>;
  requests: RecordedRequest[];
  addCustomer(login: string, name?: string): SimCustomer;
  addSubscription(login: string, domains: string[], mailboxes?: string[]): void;
  /** The next operation named `op` (e.g. `create_session`) fails with this code. */
  failNext(op: string, code: number, text?: string): void;
  close(): Promise<void>;
}

export async function startPleskSimulator(options: SimulatorOptions): Promise<PleskSimulator> {
  const version = options.version;
  if (options.browserHttp && !isLoopback(options.host ?? '127.0.0.1')) throw new Error(`the simulator serves plain http pages only on a loopback address, not ${options.host}`);
  const certificates = options.certificates ?? generateSimulatorCertificates(options.host ? [options.host] : []);
  const state = {
    customers: [] as SimCustomer[],
    domains: [] as SimDomain[],
    mailboxes: [] as SimMailbox[],
    sessions: new Map<string, SimSession>(),
    requests: [] as RecordedRequest[],
  };
  const faults = new Map<string, { code: number; text: string }>();
  let nextId = 1;
  const key = options.key ?? randomBytes(16).toString('hex');
  const adminLogin = options.login ?? 'admin';
  const adminPassword = options.password ?? randomBytes(12).toString('base64url');
  const ownProtocol = protocolForVersion(version);
  const accepted = protocolsUpTo(version);
  const legacy = isLegacy(version);

  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  function authenticate(req: IncomingMessage): RecordedRequest['auth'] {
    const k = req.headers['key'];
    if (typeof k === 'string') {
      if (!same(k, key)) throw new SimFault(11003, 'Secret key is invalid');
      return 'key';
    }
    const login = req.headers['http_auth_login'];
    const password = req.headers['http_auth_passwd'];
    if (typeof login === 'string' && typeof password === 'string') {
      if (!same(login, adminLogin) || !same(password, adminPassword)) throw new SimFault(1001, 'Authentication failed - wrong password.');
      return 'password';
    }
    throw new SimFault(1001, 'Authentication failed - no login or password given.');
  }

  const ok = (...content: XmlNode[]) => el('result', el('status', 'ok'), ...content);
  const fail = (code: number, text: string, ...content: XmlNode[]) => el('result', el('status', 'error'), el('errcode', code), el('errtext', text), ...content);

  /** Checks that an element's children are exactly `names`, in order (Plesk validates against its XSD). */
  function expectChildren(node: XmlNode | undefined, names: string[], where: string): XmlNode[] {
    const got = node?.children.map((c) => c.name) ?? [];
    if (!node || got.length !== names.length || got.some((n, i) => n !== names[i])) {
      throw new SimFault(1014, `Parser error: Request is invalid. ${where}: expected <${names.join('><')}>, got <${got.join('><')}>`);
    }
    return node.children;
  }

  function requireProtocol(protocol: string, min: string | null, max: string | null, what: string) {
    if ((min && compareDotted(protocol, min) < 0) || (max && compareDotted(protocol, max) > 0)) {
      throw new SimFault(1017, `${what} is not supported in protocol ${protocol}`);
    }
  }

  function findDomain(kinds: SimDomain['kind'][], name: string) {
    return state.domains.find((d) => kinds.includes(d.kind) && (d.name === name || toAscii(d.name) === toAscii(name)));
  }

  function domainInfo(d: SimDomain, dataset: 'gen_info' | 'hosting') {
    return el('data', el('gen_info', el('cr_date', '2026-01-01'), el('name', d.name), el('ascii-name', toAscii(d.name)), el('status', 0)), dataset === 'hosting' ? el('hosting') : null);
  }

  function handleServer(op: XmlNode, protocol: string): XmlNode {
    switch (op.name) {
      case 'get_protos':
        expectChildren(op, [], 'server/get_protos');
        return el('get_protos', ok(el('protos', ...accepted.map((p) => el('proto', p)))));
      case 'get': {
        const wanted = op.children.map((c) => c.name);
        if (wanted.length === 0 || wanted.some((w) => !['stat', 'gen_info', 'key', 'prefs'].includes(w))) throw new SimFault(1014, 'Parser error: server/get expects dataset elements');
        return el('get', ok(el('stat', el('version', el('plesk_name', 'Plesk'), el('plesk_version', REPORTED_RELEASE[version]), el('plesk_os', 'Debian'), el('plesk_os_version', '12')))));
      }
      case 'create_session': {
        if (!hasSessionApi(version)) throw new SimFault(1017, 'create_session is not supported in this version of Plesk');
        requireProtocol(protocol, '1.6.3.3', null, 'create_session');
        const [login, data] = expectChildren(op, ['login', 'data'], 'server/create_session');
        const fields = expectChildren(data, ['user_ip', 'source_server'], 'create_session/data');
        const userIp = Buffer.from(fields[0]!.text, 'base64').toString('utf8');
        if (!/^[\d.:a-fA-F]+$/.test(userIp)) return el('create_session', fail(1019, 'Invalid value of user_ip'));
        if (!state.customers.some((c) => c.login === login!.text)) return el('create_session', fail(1013, `User ${login!.text} does not exist`));
        const id = randomBytes(16).toString('hex');
        state.sessions.set(id, { id, login: login!.text, userIp, sourceServer: Buffer.from(fields[1]!.text, 'base64').toString('utf8'), used: false });
        return el('create_session', ok(el('id', id)));
      }
      default:
        throw new SimFault(1014, `Parser error: server/${op.name} is not expected`);
    }
  }

  function handleDomainGet(operator: 'webspace' | 'site' | 'domain', op: XmlNode): XmlNode {
    if (op.name !== 'get') throw new SimFault(1014, `Parser error: ${operator}/${op.name} is not expected`);
    const filterField = operator === 'domain' ? 'domain_name' : 'name';
    const dataset = operator === 'domain' ? 'hosting' : 'gen_info';
    const [filter, ds] = expectChildren(op, ['filter', 'dataset'], `${operator}/get`);
    expectChildren(ds, [dataset], `${operator}/get/dataset`);
    const names = childrenNamed(filter, filterField);
    if (names.length === 0 || names.length !== filter!.children.length) throw new SimFault(1014, `Parser error: ${operator}/get/filter expects <${filterField}>`);
    const kinds: SimDomain['kind'][] = operator === 'domain' ? ['webspace', 'site'] : operator === 'webspace' ? ['webspace'] : ['site'];
    return el(
      'get',
      ...names.map((n) => {
        const d = findDomain(kinds, n.text);
        return d ? ok(el('filter-id', n.text), el('id', d.id), domainInfo(d, dataset)) : fail(1013, `${operator} does not exist`, el('filter-id', n.text));
      }),
    );
  }

  function handleCustomerGet(operator: 'customer' | 'client', op: XmlNode): XmlNode {
    if (op.name !== 'get') throw new SimFault(1014, `Parser error: ${operator}/${op.name} is not expected`);
    const [filter, ds] = expectChildren(op, ['filter', 'dataset'], `${operator}/get`);
    expectChildren(ds, ['gen_info'], `${operator}/get/dataset`);
    const [login] = expectChildren(filter, ['login'], `${operator}/get/filter`);
    const c = state.customers.find((x) => x.login === login!.text);
    return el('get', c ? ok(el('filter-id', c.login), el('id', c.id), el('data', el('gen_info', el('pname', c.name), el('login', c.login)))) : fail(1013, 'client does not exist', el('filter-id', login!.text)));
  }

  /** The domain addressed by a mail filter: `site-id` from 10.0, `domain_id` before. */
  function mailDomain(filterChild: XmlNode | undefined, protocol: string): SimDomain | undefined {
    const modern = compareDotted(protocol, '1.6.3.0') >= 0;
    const field = modern ? 'site-id' : 'domain_id';
    if (filterChild?.name !== field) throw new SimFault(1014, `Parser error: mail filter expects <${field}> in protocol ${protocol}, got <${filterChild?.name ?? ''}>`);
    return state.domains.find((d) => String(d.id) === filterChild.text.trim());
  }

  function handleMail(op: XmlNode, protocol: string): XmlNode {
    const modern = compareDotted(protocol, '1.6.3.0') >= 0;
    if (op.name === 'get_info') {
      const [filter, ...wanted] = op.children;
      if (filter?.name !== 'filter' || wanted.some((w) => w.name !== 'mailbox')) throw new SimFault(1014, 'Parser error: mail/get_info expects <filter> then dataset elements');
      const [idNode, ...names] = filter.children;
      const d = mailDomain(idNode, protocol);
      if (names.some((n) => n.name !== 'name')) throw new SimFault(1014, 'Parser error: mail/get_info/filter');
      if (!d) return el('get_info', fail(1013, 'Domain does not exist'));
      const boxes = state.mailboxes.filter((m) => m.domainId === d.id && (names.length === 0 || names.some((n) => n.text === m.name)));
      if (boxes.length === 0) return el('get_info', ok());
      return el(
        'get_info',
        ...boxes.map((m) => ok(el('mailname', el('id', m.id), el('name', m.name), wanted.length ? el('mailbox', el('enabled', m.enabled ? 'true' : 'false'), el('quota', m.quota)) : null))),
      );
    }
    if (op.name === 'update') {
      const [set] = expectChildren(op, ['set'], 'mail/update');
      const [filter] = expectChildren(set, ['filter'], 'mail/update/set');
      const [idNode, mailname] = expectChildren(filter, [modern ? 'site-id' : 'domain_id', 'mailname'], 'mail/update/set/filter');
      const d = mailDomain(idNode, protocol);
      const [name, password] = expectChildren(mailname, ['name', 'password'], 'mailname');
      let plain: string;
      if (modern) {
        const [value, type] = expectChildren(password, ['value', 'type'], 'mailname/password');
        if (type!.text !== 'plain') return el('update', el('set', fail(1019, 'Unsupported password type')));
        plain = value!.text;
      } else {
        if (password!.children.length > 0) throw new SimFault(1014, 'Parser error: <password> is plain text in this protocol');
        plain = password!.text;
      }
      if (!d) return el('update', el('set', fail(1013, 'Domain does not exist')));
      const box = state.mailboxes.find((m) => m.domainId === d.id && m.name === name!.text);
      if (!box) return el('update', el('set', fail(1013, 'Mail name does not exist')));
      if (plain.length < 5 || plain.length > 255 || plain.includes(box.name)) return el('update', el('set', fail(1019, 'Invalid password')));
      box.password = plain;
      return el('update', el('set', ok(el('mailname', el('id', box.id), el('name', box.name)))));
    }
    throw new SimFault(1014, `Parser error: mail/${op.name} is not expected`);
  }

  function handleOperator(operator: XmlNode, protocol: string): XmlNode {
    const modern = compareDotted(protocol, '1.6.3.0') >= 0;
    const answers = operator.children.map((op) => {
      const fault = faults.get(op.name);
      if (fault) {
        faults.delete(op.name);
        return el(op.name, fail(fault.code, fault.text));
      }
      switch (operator.name) {
        case 'server':
          return handleServer(op, protocol);
        case 'webspace':
          requireProtocol(protocol, '1.6.3.0', null, 'webspace');
          if (legacy) throw new SimFault(1017, 'webspace is not supported in this version of Plesk');
          return handleDomainGet('webspace', op);
        case 'site':
          requireProtocol(protocol, '1.6.3.1', null, 'site');
          if (legacy) throw new SimFault(1017, 'site is not supported in this version of Plesk');
          return handleDomainGet('site', op);
        case 'domain':
          requireProtocol(protocol, null, '1.6.0.2', 'domain');
          return handleDomainGet('domain', op);
        case 'customer':
          requireProtocol(protocol, '1.6.3.0', null, 'customer');
          return handleCustomerGet('customer', op);
        case 'client':
          if (modern) throw new SimFault(1017, 'client is not supported in this protocol; use customer');
          return handleCustomerGet('client', op);
        case 'mail':
          return handleMail(op, protocol);
        default:
          throw new SimFault(1014, `Parser error: <${operator.name}> is not expected`);
      }
    });
    return el(operator.name, ...answers);
  }

  function answerPacket(raw: string, req: IncomingMessage): XmlNode {
    let auth: RecordedRequest['auth'] = 'none';
    let protocol: string | null = null;
    let packet: XmlNode | null = null;
    const reply = (p: string | null, ...body: XmlNode[]) => withAttrs(el('packet', ...body), { version: p ?? ownProtocol });
    try {
      try {
        packet = parseXml(raw);
      } catch (e) {
        if (e instanceof XmlParseError) throw new SimFault(1014, `Parser error: ${e.message}`);
        throw e;
      }
      protocol = packet.attrs.version ?? null;
      auth = authenticate(req);
      if (packet.name !== 'packet') throw new SimFault(1014, 'Parser error: root element must be <packet>');
      if (protocol === null) {
        // Plesk 8/9 demand a version; later releases read a versionless packet as their own protocol.
        if (legacy) throw new SimFault(1017, 'Protocol version is not specified');
      } else if (!accepted.includes(protocol)) {
        throw new SimFault(1005, `Unsupported protocol version ${protocol}`);
      }
      const spoken = protocol ?? ownProtocol;
      return reply(protocol, ...packet.children.map((op) => handleOperator(op, spoken)));
    } catch (e) {
      if (!(e instanceof SimFault)) throw e;
      return reply(protocol, el('system', el('status', 'error'), el('errcode', e.code), el('errtext', e.text)));
    } finally {
      state.requests.push({ auth, protocol, xml: raw, operations: packet?.name === 'packet' ? packet.children.map(shapeOf) : [] });
    }
  }

  function page(res: ServerResponse, status: number, title: string, body: string) {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeXml(title)} – Plesk-Simulator</title>` +
        `<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}` +
        `.sim{background:#fff4d6;border:1px solid #e0b84a;padding:.75rem 1rem;border-radius:6px}</style></head><body>` +
        `<p class="sim"><strong>Plesk-Simulator ${escapeXml(version)}</strong> – ein Entwicklungswerkzeug von Hostdesk, kein echtes Plesk. ` +
        `<span lang="en">A Hostdesk development tool, not a real Plesk.</span></p><h1>${escapeXml(title)}</h1>${body}</body></html>`,
    );
  }

  /**
   * What the customer sees after single sign-on: a page laid out like the panel it stands in for
   * (the version's navigation, the subscription, its domains and mailboxes) and the menu path to
   * a mailbox's settings that Hostdesk's help names for this version.
   */
  function landing(res: ServerResponse, login: string) {
    const customer = state.customers.find((c) => c.login === login);
    const domains = state.domains.filter((d) => d.owner === login);
    const m = Number(version.split('.')[0]);
    const nav = m < 10 ? ['Start', 'Domains', 'E-Mail', 'Benutzer', 'Berichte'] : m < 17 ? ['Start', 'Benutzer', 'Websites & Domains', 'E-Mail', 'Konto'] : ['Websites & Domains', 'E-Mail', 'Anwendungen', 'Dateien', 'Datenbanken', 'Konto'];
    const gb = (bytes: number) => `${(bytes / 1024 ** 3).toLocaleString('de-DE', { maximumFractionDigits: 1 })} GB`;
    const domainRows = domains
      .map((d) => `<tr><td class="name">${escapeXml(d.name)}</td><td>${d.kind === 'webspace' ? 'Hauptdomain des Abonnements' : 'Zusätzliche Domain'}</td><td>Aktiv</td></tr>`)
      .join('');
    const mailRows = domains
      .flatMap((d) => state.mailboxes.filter((b) => b.domainId === d.id).map((b) => `<tr><td class="name">${escapeXml(`${b.name}@${d.name}`)}</td><td>${b.enabled ? 'Eingeschaltet' : 'Ausgeschaltet'}</td><td>${gb(b.quota)}</td></tr>`))
      .join('');
    const path = formatMenuPath(mailSettingsPath(version, 'de'));
    const main =
      `<p id="session-login">Sie sind als <strong>${escapeXml(login)}</strong> im simulierten ${escapeXml(displayName(version))} angemeldet (Single Sign-on aus Hostdesk).</p>` +
      `<section aria-labelledby="sub"><h2 id="sub">Abonnement ${escapeXml(domains[0]?.name ?? login)}</h2>` +
      `<dl>${customer && customer.name !== login ? `<dt>Kunde</dt><dd>${escapeXml(customer.name)}</dd>` : ''}<dt>Plesk-Login</dt><dd>${escapeXml(login)}</dd><dt>Status</dt><dd>Aktiv</dd></dl></section>` +
      `<section aria-labelledby="dom"><h2 id="dom">Websites &amp; Domains</h2><div class="scroll"><table><thead><tr><th scope="col">Domain</th><th scope="col">Art</th><th scope="col">Status</th></tr></thead><tbody>${domainRows || '<tr><td colspan="3">Keine Domains</td></tr>'}</tbody></table></div></section>` +
      `<section aria-labelledby="mail"><h2 id="mail">E-Mail-Adressen</h2><div class="scroll"><table id="sim-mailboxes"><thead><tr><th scope="col">Adresse</th><th scope="col">Postfach</th><th scope="col">Größe</th></tr></thead><tbody>${mailRows || '<tr><td colspan="3">Keine E-Mail-Adressen</td></tr>'}</tbody></table></div>` +
      `<p id="sim-mail-path">Passwort und Größe eines Postfachs ändern: <strong>${escapeXml(path)}</strong></p></section>`;
    const navHtml = `<nav aria-label="Plesk-Menü"><ul>${nav.map((n) => `<li${n === (m < 17 ? 'Start' : 'Websites & Domains') ? ' aria-current="page"' : ''}>${escapeXml(n)}</li>`).join('')}</ul></nav>`;
    panelFrame(res, `${login} – ${displayName(version)}`, `Angemeldet als ${customer?.name ?? login}`, navHtml, `<h1>Angemeldet als ${escapeXml(login)}</h1>${main}`);
  }

  /** The simulated panel's frame: simulator notice, the panel's top bar, its menu and the content. */
  function panelFrame(res: ServerResponse, title: string, headerRight: string, navHtml: string, mainHtml: string) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeXml(title)} – Plesk-Simulator</title><style>` +
        `*{box-sizing:border-box}body{margin:0;font-family:system-ui,sans-serif;color:#1d2733;background:#eef1f4}` +
        `.sim{margin:0;background:#fff4d6;border-bottom:1px solid #e0b84a;padding:.5rem 1rem;font-size:.9rem}` +
        `header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;background:#1f3954;color:#fff;padding:.75rem 1rem}` +
        `header .brand{font-weight:700;font-size:1.2rem}header .user{font-size:.9rem;overflow-wrap:anywhere}` +
        `.layout{display:flex;flex-wrap:wrap;gap:1rem;padding:1rem;max-width:72rem;margin:0 auto}` +
        `nav{flex:0 0 13rem;background:#fff;border-radius:6px;padding:.5rem}nav ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.25rem}` +
        `nav li{padding:.5rem .75rem;border-radius:4px}nav li[aria-current]{background:#dbe8f5;font-weight:600}` +
        `main{flex:1 1 30rem;min-width:0;background:#fff;border-radius:6px;padding:1rem 1.25rem}h1{margin:.25rem 0 1rem;font-size:1.5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}` +
        `dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#55606b}dd{margin:0;overflow-wrap:anywhere}` +
        `.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #dde2e7;vertical-align:top}td.name{overflow-wrap:anywhere}` +
        `form.login{max-width:22rem;display:grid;gap:.75rem}form.login label{display:grid;gap:.25rem}form.login input{font:inherit;padding:.5rem;border:1px solid #9aa5b1;border-radius:4px;width:100%}` +
        `form.login button{font:inherit;padding:.55rem 1rem;background:#1f3954;color:#fff;border:0;border-radius:4px;justify-self:start}form.login button:disabled{opacity:.6}` +
        `@media (max-width:40rem){nav{flex:1 1 100%}nav ul{flex-direction:row;flex-wrap:wrap}}</style></head><body>` +
        `<p class="sim"><strong>Plesk-Simulator ${escapeXml(version)}</strong> – ein Entwicklungswerkzeug von Hostdesk, kein echtes Plesk. <span lang="en">A Hostdesk development tool, not a real Plesk.</span></p>` +
        `<header><span class="brand">${escapeXml(displayName(version))}</span><span class="user">${escapeXml(headerRight)}</span></header>` +
        `<div class="layout">${navHtml}<main>${mainHtml}</main></div></body></html>`,
    );
  }

  /** The version's login form, labelled as that version labels it; the simulator has no passwords. */
  function loginPage(res: ServerResponse) {
    const steps = manualLoginSteps(version, 'de');
    panelFrame(
      res,
      'Anmeldung',
      'Nicht angemeldet',
      '',
      `<h1>Anmeldung</h1><p>${escapeXml(displayName(version))} kennt keine Anmeldung per Sitzungs-Token: hier melden Sie sich mit Ihrem Plesk-Login an.</p>` +
        `<form class="login" aria-label="Anmeldung bei Plesk"><label>${escapeXml(steps.userField)}<input name="login_name" autocomplete="username" disabled></label>` +
        `<label>${escapeXml(steps.passwordField)}<input name="passwd" type="password" autocomplete="current-password" disabled></label>` +
        `<button type="button" disabled>Anmelden</button></form>` +
        `<p id="sim-login-note">Im Simulator ist die Anmeldung mit Passwort abgeschaltet; im echten Plesk steht hier auch „${escapeXml(steps.forgotLink)}“.</p>`,
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://simulator');
    if (req.method === 'POST' && url.pathname === AGENT_PATH) {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 1024 * 1024) chunks.push(c);
      });
      req.on('end', () => {
        const ready = options.beforeRequest ? options.beforeRequest(sim).catch(() => undefined) : Promise.resolve();
        void ready.then(() => {
          const answer = answerPacket(Buffer.concat(chunks).toString('utf8'), req);
          res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
          res.end(serializeXml(answer));
        });
      });
      return;
    }
    if (req.method !== 'GET') return page(res, 405, 'Methode nicht erlaubt', '');
    if (url.pathname === SESSION_INIT_PATH) {
      const session = state.sessions.get(url.searchParams.get('PLESKSESSID') ?? '');
      const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      if (!session || session.used) return page(res, 403, 'Sitzung ungültig', '<p>Diese Sitzung ist unbekannt oder wurde schon benutzt.</p>');
      if (session.userIp !== ip) return page(res, 403, 'Sitzung an eine andere IP-Adresse gebunden', `<p>Die Sitzung gilt für ${escapeXml(session.userIp)}, die Anfrage kam von ${escapeXml(ip)}.</p>`);
      session.used = true;
      return landing(res, session.login);
    }
    if (url.pathname === loginPagePath(version)) {
      return loginPage(res);
    }
    return page(res, 200, 'Plesk-Simulator', `<p>Plesk ${escapeXml(version)} (Protokoll ${ownProtocol}). XML-API unter <code>${AGENT_PATH}</code>.</p>`);
  }

  const server: Server = createServer({ cert: certificates.certPem, key: certificates.keyPem }, handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;

  let browser: ReturnType<typeof createHttpServer> | null = null;
  if (options.browserHttp) {
    // GET pages only: the XML API (POST agent.php) is never answered without TLS.
    browser = createHttpServer((req, res) => (req.method === 'GET' ? handle(req, res) : page(res, 405, 'Methode nicht erlaubt', '<p>Die XML-API gibt es nur über HTTPS.</p>')));
    await new Promise<void>((resolve, reject) => {
      browser!.once('error', reject);
      browser!.listen(0, host, () => resolve());
    });
  }

  const sim: PleskSimulator = {
    version,
    url: `https://${hostPart}:${port}`,
    port,
    browserUrl: browser ? `http://${hostPart}:${(browser.address() as AddressInfo).port}` : `https://${hostPart}:${port}`,
    caPem: certificates.caPem,
    key,
    login: adminLogin,
    password: adminPassword,
    ...state,
    addCustomer(login, name = login) {
      const existing = state.customers.find((c) => c.login === login);
      if (existing) return existing;
      const c = { id: nextId++, login, name };
      state.customers.push(c);
      return c;
    },
    addSubscription(login, domains, mailboxes = ['info']) {
      sim.addCustomer(login);
      domains.forEach((name, i) => {
        const d: SimDomain = { id: nextId++, name, owner: login, kind: i === 0 ? 'webspace' : 'site' };
        state.domains.push(d);
        for (const box of mailboxes) state.mailboxes.push({ id: nextId++, domainId: d.id, name: box, password: randomBytes(9).toString('base64url'), enabled: true, quota: 1024 * 1024 * 1024 });
      });
    },
    failNext(op, code, text = `Simulated error ${code}`) {
      faults.set(op, { code, text });
    },
    close: () =>
      Promise.all(
        [server, browser].map(
          (srv) =>
            new Promise<void>((resolve) => {
              if (!srv) return resolve();
              srv.closeAllConnections();
              srv.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
  return sim;
}

function toAscii(name: string): string {
  try {
    return new URL(`http://${name}`).hostname;
  } catch {
    return name;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
