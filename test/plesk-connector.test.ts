import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPleskConnector,
  customerFailureOf,
  generateSimulatorCertificates,
  mailSettingsPath,
  PanelError,
  protocolForVersion,
  sendPacket,
  SIMULATED_VERSIONS,
  staffFailureOf,
  startPleskSimulator,
  type PleskSimulator,
  type SimulatedVersion,
} from '../src/integrations/plesk/index.ts';
import { el, parseXml, serializeXml, XmlParseError } from '../src/integrations/plesk/xml.ts';
import { hasSessionApi, loginPagePath, normalizeVersion } from '../src/integrations/plesk/versions.ts';
import { createSecretBox } from '../src/platform/secret-box.ts';

// One CA and certificate for every simulator in this file; a second, unrelated one for "wrong CA".
const certificates = generateSimulatorCertificates();
const otherCa = generateSimulatorCertificates().caPem;

const LEGACY = (v: SimulatedVersion) => v === '8.6' || v === '9.5';
const LOGIN = 'p500123';
const DOMAINS = ['kunde-beispiel.de', 'zweite-domain.de'];

async function simulator(version: SimulatedVersion) {
  const sim = await startPleskSimulator({ version, certificates, login: 'admin', password: 'Sim-Admin-Passwort-1' });
  sim.addSubscription(LOGIN, DOMAINS, ['info', 'kontakt']);
  return sim;
}

const keyConnector = (sim: PleskSimulator, version: string | null = null, key = sim.key, ca: string | null = sim.caPem) =>
  createPleskConnector({ endpoint: { url: sim.url, auth: { kind: 'key', key }, ca, timeoutMs: 3000 }, version });

/** The operator element shapes of every packet the simulator received, with the protocol sent. */
const sent = (sim: PleskSimulator) => sim.requests.map((r) => ({ protocol: r.protocol, ops: r.operations }));

describe.each(SIMULATED_VERSIONS)('Plesk %s: packets element by element (PLESK.md)', (version) => {
  let sim: PleskSimulator;
  beforeAll(async () => {
    sim = await simulator(version);
  });
  afterAll(() => sim.close());

  it('detects the version: versionless get_protos, 1017 fallback on 8/9, then server/get/stat', async () => {
    const info = await keyConnector(sim).detect();
    expect(info.version.startsWith(`${version}.`)).toBe(true);
    expect(info.protocol).toBe(protocolForVersion(version));
    const packets = sent(sim);
    expect(packets[0]).toEqual({ protocol: null, ops: [['server', [['get_protos', '']]]] });
    if (LEGACY(version)) {
      // Old Plesk refuses the versionless packet (1017); Hostdesk walks down 1.6.3.0 → 1.6.0.2 → 1.5.2.1.
      const tried = packets.slice(1, -1).map((p) => p.protocol);
      expect(tried[0]).toBe('1.6.3.0');
      expect(tried.at(-1)).toBe(version === '9.5' ? '1.6.0.2' : '1.5.2.1');
      expect(sim.requests[1]!.xml).toContain('<packet version="1.6.3.0">');
    } else {
      expect(packets).toHaveLength(2);
    }
    expect(packets.at(-1)).toEqual({ protocol: info.protocol, ops: [['server', [['get', [['stat', '']]]]]] });
  });

  it('opens a session (10.3+) or falls back to the login page (8/9)', async () => {
    sim.requests.length = 0;
    const entry = await keyConnector(sim, version).openSession({ login: LOGIN, userIp: '203.0.113.9', sourceServer: 'hostdesk.example.net' });
    if (!hasSessionApi(version)) {
      expect(entry).toEqual({ kind: 'login-page', url: `${sim.url}/login_up.php3` });
      expect(sim.requests).toHaveLength(0);
      return;
    }
    expect(entry.kind).toBe('session');
    const url = new URL(entry.url);
    expect(url.origin).toBe(sim.url);
    expect(url.pathname).toBe('/enterprise/rsession_init.php');
    const id = url.searchParams.get('PLESKSESSID')!;
    expect(sim.sessions.get(id)).toMatchObject({ login: LOGIN, userIp: '203.0.113.9', sourceServer: 'hostdesk.example.net' });
    expect(sent(sim)).toEqual([
      {
        protocol: protocolForVersion(version),
        ops: [['server', [['create_session', [['login', LOGIN], ['data', [['user_ip', Buffer.from('203.0.113.9').toString('base64')], ['source_server', Buffer.from('hostdesk.example.net').toString('base64')]]]]]]]],
      },
    ]);
  });

  it('lists the mailboxes of the subscription with the version’s filters', async () => {
    sim.requests.length = 0;
    const boxes = await keyConnector(sim, version).listMailboxes({ domains: DOMAINS });
    expect(boxes.map((b) => b.address)).toEqual(['info@kunde-beispiel.de', 'info@zweite-domain.de', 'kontakt@kunde-beispiel.de', 'kontakt@zweite-domain.de']);
    expect(boxes[0]).toMatchObject({ enabled: true, quotaBytes: 1024 * 1024 * 1024 });
    const [main, addon] = DOMAINS.map((d) => sim.domains.find((x) => x.name === d)!.id);
    const p = protocolForVersion(version);
    if (LEGACY(version)) {
      expect(sent(sim)).toEqual([
        { protocol: p, ops: [['domain', [['get', [['filter', [['domain_name', DOMAINS[0]]]], ['dataset', [['hosting', '']]]]]]]] },
        { protocol: p, ops: [['mail', [['get_info', [['filter', [['domain_id', String(main)]]], ['mailbox', '']]]]]] },
        { protocol: p, ops: [['domain', [['get', [['filter', [['domain_name', DOMAINS[1]]]], ['dataset', [['hosting', '']]]]]]]] },
        { protocol: p, ops: [['mail', [['get_info', [['filter', [['domain_id', String(addon)]]], ['mailbox', '']]]]]] },
      ]);
    } else {
      expect(sent(sim)).toEqual([
        { protocol: p, ops: [['webspace', [['get', [['filter', [['name', DOMAINS[0]]]], ['dataset', [['gen_info', '']]]]]]]] },
        { protocol: p, ops: [['mail', [['get_info', [['filter', [['site-id', String(main)]]], ['mailbox', '']]]]]] },
        { protocol: p, ops: [['site', [['get', [['filter', [['name', DOMAINS[1]]]], ['dataset', [['gen_info', '']]]]]]]] },
        { protocol: p, ops: [['mail', [['get_info', [['filter', [['site-id', String(addon)]]], ['mailbox', '']]]]]] },
      ]);
    }
  });

  it('sets a mailbox password: plain <password> on 8/9, <password><value/><type>plain</type> from 10', async () => {
    sim.requests.length = 0;
    await keyConnector(sim, version).setMailboxPassword({ domains: DOMAINS }, 'kontakt@zweite-domain.de', 'Wald-Fluss-Berg-2026');
    const addon = sim.domains.find((x) => x.name === DOMAINS[1])!;
    expect(sim.mailboxes.find((m) => m.domainId === addon.id && m.name === 'kontakt')!.password).toBe('Wald-Fluss-Berg-2026');
    const update = sent(sim).at(-1)!;
    const password = LEGACY(version) ? ['password', 'Wald-Fluss-Berg-2026'] : ['password', [['value', 'Wald-Fluss-Berg-2026'], ['type', 'plain']]];
    const filter = LEGACY(version) ? ['domain_id', String(addon.id)] : ['site-id', String(addon.id)];
    expect(update.ops).toEqual([['mail', [['update', [['set', [['filter', [filter, ['mailname', [['name', 'kontakt'], password]]]]]]]]]]]);
  });

  it('finds the customer by login (client on 8/9, customer from 10)', async () => {
    sim.requests.length = 0;
    const connector = keyConnector(sim, version);
    expect(await connector.findCustomer(LOGIN)).toMatchObject({ login: LOGIN });
    expect(await connector.findCustomer('p999999')).toBeNull();
    expect(sent(sim)[0]!.ops[0]![0]).toBe(LEGACY(version) ? 'client' : 'customer');
  });

  it('authenticates with HTTP_AUTH_LOGIN/HTTP_AUTH_PASSWD as well as KEY', async () => {
    sim.requests.length = 0;
    const connector = createPleskConnector({ endpoint: { url: sim.url, auth: { kind: 'password', login: 'admin', password: 'Sim-Admin-Passwort-1' }, ca: sim.caPem }, version });
    expect(await connector.findCustomer(LOGIN)).not.toBeNull();
    expect(sim.requests[0]!.auth).toBe('password');
  });
});

describe('Plesk errors and transport', () => {
  let legacy: PleskSimulator;
  let modern: PleskSimulator;
  beforeAll(async () => {
    legacy = await simulator('9.5');
    modern = await simulator('10.4');
  });
  afterAll(async () => {
    await legacy.close();
    await modern.close();
  });

  async function failure(promise: Promise<unknown>): Promise<PanelError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PanelError);
    return error as PanelError;
  }

  it('maps a wrong secret key to 11003 and a wrong password to 1001, without echoing either', async () => {
    const badKey = await failure(keyConnector(modern, '10.4', 'not-the-key-but-a-secret-123').findCustomer(LOGIN));
    expect([badKey.kind, badKey.code, customerFailureOf(badKey), staffFailureOf(badKey)]).toEqual(['api', 11003, 'misconfigured', '11003']);
    expect(`${badKey.message} ${badKey.detail}`).not.toContain('not-the-key-but-a-secret-123');
    const badPw = await failure(
      createPleskConnector({ endpoint: { url: modern.url, auth: { kind: 'password', login: 'admin', password: 'falsch-geheim-42' }, ca: modern.caPem }, version: '10.4' }).findCustomer(LOGIN),
    );
    expect([badPw.code, customerFailureOf(badPw)]).toEqual([1001, 'misconfigured']);
    expect(`${badPw.message} ${badPw.detail}`).not.toContain('falsch-geheim-42');
  });

  it('reports an unknown Plesk login as 1013 (not found)', async () => {
    const e = await failure(keyConnector(modern, '10.4').openSession({ login: 'p000000', userIp: '127.0.0.1', sourceServer: 'h' }));
    expect([e.code, customerFailureOf(e)]).toEqual([1013, 'notFound']);
  });

  it('maps 1005 (protocol too new for the server), 1014 (parse error) and 1017 (versionless on 9.5)', async () => {
    const e1005 = await failure(keyConnector(legacy, '18.0').findCustomer(LOGIN));
    expect([e1005.code, customerFailureOf(e1005), staffFailureOf(e1005)]).toEqual([1005, 'misconfigured', '1005']);
    const endpoint = { url: legacy.url, auth: { kind: 'key' as const, key: legacy.key }, ca: legacy.caPem };
    const e1014 = await failure(sendPacket(endpoint, '1.6.0.2', [el('mail', el('update', el('set', el('filter', el('site-id', '1')))))]));
    expect([e1014.code, customerFailureOf(e1014)]).toEqual([1014, 'misconfigured']);
    const e1017 = await failure(sendPacket(endpoint, null, [el('server', el('get_protos'))]));
    expect([e1017.code, customerFailureOf(e1017)]).toEqual([1017, 'misconfigured']);
  });

  it('maps operation errors 1006, 1019 and 1023 from the result element', async () => {
    for (const [code, expected] of [
      [1006, 'misconfigured'],
      [1019, 'invalidValue'],
      [1023, 'failed'],
    ] as const) {
      modern.failNext('create_session', code);
      const e = await failure(keyConnector(modern, '10.4').openSession({ login: LOGIN, userIp: '127.0.0.1', sourceServer: 'h' }));
      expect([e.kind, e.code, customerFailureOf(e), staffFailureOf(e)]).toEqual(['api', code, expected, String(code)]);
    }
  });

  it('refuses a password Plesk rejects with 1019', async () => {
    const e = await failure(keyConnector(modern, '10.4').setMailboxPassword({ domains: DOMAINS }, 'info@kunde-beispiel.de', 'info'));
    expect([e.code, customerFailureOf(e)]).toEqual([1019, 'invalidValue']);
  });

  it('fails TLS against the self-signed certificate unless its CA is pinned', async () => {
    const before = modern.requests.length;
    const unpinned = await failure(keyConnector(modern, '10.4', modern.key, null).findCustomer(LOGIN));
    expect([unpinned.kind, customerFailureOf(unpinned), staffFailureOf(unpinned)]).toEqual(['tls', 'unavailable', 'tls']);
    const wrongCa = await failure(keyConnector(modern, '10.4', modern.key, otherCa).findCustomer(LOGIN));
    expect(wrongCa.kind).toBe('tls');
    expect(modern.requests.length).toBe(before); // nothing reached agent.php
  });

  it('maps a closed port to transport and a silent server to timeout', async () => {
    const closed = await startPleskSimulator({ version: '10.4', certificates });
    const url = closed.url;
    await closed.close();
    const refused = await failure(createPleskConnector({ endpoint: { url, auth: { kind: 'key', key: 'k' }, ca: certificates.caPem }, version: '10.4' }).findCustomer(LOGIN));
    expect([refused.kind, customerFailureOf(refused)]).toEqual(['transport', 'unavailable']);

    // A server that reads the request and never answers: the connector gives up, reports a
    // timeout and hangs up, rather than waiting or leaving the connection open.
    const held: { socket: import('node:tls').TLSSocket; received: string; hungUp: boolean }[] = [];
    const silent = createTlsServer({ cert: certificates.certPem, key: certificates.keyPem }, (socket) => {
      const connection = { socket, received: '', hungUp: false };
      held.push(connection);
      socket.on('data', (chunk: Buffer) => (connection.received += chunk.toString()));
      socket.on('close', () => (connection.hungUp = true));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const timeout = await failure(
      createPleskConnector({ endpoint: { url: `https://127.0.0.1:${port}`, auth: { kind: 'key', key: 'k' }, ca: certificates.caPem, timeoutMs: 600 }, version: '10.4' }).findCustomer(LOGIN),
    );
    expect([timeout.kind, customerFailureOf(timeout), staffFailureOf(timeout)]).toEqual(['timeout', 'unavailable', 'timeout']);
    expect(held).toHaveLength(1);
    expect(held[0]!.received).toMatch(/^POST \/enterprise\/control\/agent\.php /);
    await expect.poll(() => held[0]!.hungUp, { message: 'the connector closes the connection it gave up on' }).toBe(true);
    await new Promise((r) => silent.close(r));
  });

  it('refuses plain http and malformed URLs before sending anything', async () => {
    const e = await failure(createPleskConnector({ endpoint: { url: `http://127.0.0.1:${modern.port}`, auth: { kind: 'key', key: 'k' } }, version: '10.4' }).detect());
    expect([e.kind, customerFailureOf(e)]).toEqual(['config', 'misconfigured']);
  });
});

describe('Plesk versions', () => {
  it('maps releases to protocols as PLESK.md lists them', () => {
    expect(['8.0', '8.1', '8.2', '8.3', '8.4', '8.6', '9.0', '9.5', '10.0', '10.1', '10.2', '10.3', '10.4', '11.0', '11.5', '12.0', '12.5', '17.8', '18.0'].map(protocolForVersion)).toEqual([
      '1.4.0.0', '1.4.2.0', '1.5.1.0', '1.5.2.0', '1.5.2.1', '1.5.2.1', '1.6.0.2', '1.6.0.2', '1.6.3.0', '1.6.3.1', '1.6.3.1', '1.6.3.3', '1.6.3.4', '1.6.3.5', '1.6.5.0', '1.6.6.0', '1.6.7.0', '1.6.8.0', '1.6.9.1',
    ]);
    expect(['9.5', '10.1', '10.3', '18.0'].map(hasSessionApi)).toEqual([false, false, true, true]);
    expect([loginPagePath('9.5'), loginPagePath('12.5')]).toEqual(['/login_up.php3', '/login_up.php']);
    expect(normalizeVersion('Plesk Obsidian')).toBe('18.0');
  });

  it('gives the mailbox menu path of each version', () => {
    expect(mailSettingsPath('9.5', 'de')).toEqual(['Start', 'E-Mail', 'Adresse', 'Einstellungen']);
    expect(mailSettingsPath('8.6', 'de', 'info@example.de')).toEqual(['Start', 'E-Mail', 'info@example.de', 'Einstellungen']);
    expect(mailSettingsPath('10.4', 'de')).toEqual(['E-Mail', 'Adresse', 'Einstellungen']);
    expect(mailSettingsPath('12.5', 'en')).toEqual(['Mail', 'address', 'Settings']);
    expect(mailSettingsPath('17.8', 'de')).toEqual(['E-Mail', 'E-Mail-Adressen', 'Adresse', 'Allgemein']);
    expect(mailSettingsPath('18.0', 'en')).toEqual(['Mail', 'Email Addresses', 'address', 'General']);
  });
});

describe('XML and secrets', () => {
  it('round-trips packets with entities and refuses DTDs and broken documents', () => {
    const xml = serializeXml(el('packet', el('name', 'a&b <c> "d"')));
    expect(parseXml(xml).children[0]!.text).toBe('a&b <c> "d"');
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><packet/>')).toThrow(XmlParseError);
    expect(() => parseXml('<packet><a></packet>')).toThrow(XmlParseError);
    expect(() => parseXml('<packet>&unknown;</packet>')).toThrow(XmlParseError);
  });

  it('seals panel credentials so that only the same secret key opens them', () => {
    const box = createSecretBox('k'.repeat(40), 'panel-credentials-v1');
    const sealed = box.seal('plesk-secret-key-value');
    expect(sealed).not.toContain('plesk-secret-key-value');
    expect(box.open(sealed)).toBe('plesk-secret-key-value');
    expect(box.seal('x')).not.toBe(box.seal('x'));
    expect(() => createSecretBox('m'.repeat(40), 'panel-credentials-v1').open(sealed)).toThrow(/another key/);
    expect(() => createSecretBox('short', 'panel-credentials-v1')).toThrow();
  });
});

describe('hostdesk plesk-sim', () => {
  it('runs a simulator that prints its URL, KEY and CA, and answers the connector', async () => {
    const bin = fileURLToPath(new URL('../bin/hostdesk.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'plesk-sim', '--version', '12.5', '--port', '0', '--customer', 'p777', '--domain', 'cli-sim.de'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toContain('Stop with Ctrl+C.');
      const url = /at (https:\/\/\S+)/.exec(out)![1]!;
      const key = /KEY:\s+(\S+)/.exec(out)![1]!;
      const caFile = /CA \(pin this in Hostdesk\): (\S+)/.exec(out)![1]!;
      const connector = createPleskConnector({ endpoint: { url, auth: { kind: 'key', key }, ca: readFileSync(caFile, 'utf8') } });
      expect((await connector.detect()).protocol).toBe('1.6.7.0');
      expect((await connector.listMailboxes({ domains: ['cli-sim.de'] })).map((m) => m.address)).toEqual(['info@cli-sim.de']);
      rmSync(caFile, { force: true });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
