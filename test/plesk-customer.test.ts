import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { DIALECTS } from './support/databases.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { generateSimulatorCertificates, startPleskSimulator, type PleskSimulator } from '../src/integrations/plesk/index.ts';
import { loadPanelConfig, startDemoPleskSimulators } from '../src/features/panel/index.ts';

const certificates = generateSimulatorCertificates();

/** The Plesk session URL the SSO page refreshes to. */
function sessionUrl(body: string): URL {
  const m = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(body);
  expect(m).not.toBeNull();
  return new URL(m![1]!.replace(/&amp;/g, '&'));
}

/** Sets a panel server through the admin form, as an admin would. */
async function configure(admin: Client, id: number, fields: Record<string, string>) {
  await admin.get(`/staff/panel-servers/${id}`);
  return admin.post(`/staff/panel-servers/${id}`, { authKind: 'key', apiLogin: '', caPem: '', secret: '', ...fields });
}

async function addServer(admin: Client, fields: Record<string, string>) {
  await admin.get('/staff/panel-servers/new');
  const res = await admin.post('/staff/panel-servers', { authKind: 'key', apiLogin: '', caPem: '', version: '10.4', ...fields });
  expect(res.statusCode).toBe(303);
  return Number(/\/staff\/panel-servers\/(\d+)/.exec(res.headers.location as string)![1]);
}

describe.each(DIALECTS)('Plesk in the customer area (%s)', (dialect) => {
  let t: TestApp;
  let sim10: PleskSimulator;
  let sim9: PleskSimulator;
  let admin: Client;
  let ids: { plesk9: number; plesk10: number };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    sim10 = await startPleskSimulator({ version: '10.4', certificates });
    sim9 = await startPleskSimulator({ version: '9.5', certificates });
    const rows = await t.db.selectFrom('panelServers').select(['id', 'name']).execute();
    ids = { plesk9: rows.find((r) => r.name === 'plesk9.hostdesk.test')!.id, plesk10: rows.find((r) => r.name === 'plesk10.hostdesk.test')!.id };
    const user = await staffUser(t, 'admin');
    admin = new Client(t.app);
    await admin.loginStaff(user.login, user.password);
    const common = { caPem: certificates.caPem, mailPasswordEnabled: 'on' };
    expect((await configure(admin, ids.plesk10, { ...common, name: 'plesk10.hostdesk.test', url: sim10.url, version: '10.4', secret: sim10.key })).statusCode).toBe(303);
    expect((await configure(admin, ids.plesk9, { ...common, name: 'plesk9.hostdesk.test', url: sim9.url, version: '9.5', secret: sim9.key })).statusCode).toBe(303);
  });
  afterAll(async () => {
    await sim10?.close();
    await sim9?.close();
    await t?.close();
  });

  async function pleskCustomer(tariff: 'web-plus' | 'web-classic', ip = '198.51.100.23') {
    const order = await orderFor(t, { tariff });
    (tariff === 'web-plus' ? sim10 : sim9).addSubscription(`p${order.contractNumber}`, order.domains, ['info', 'kontakt']);
    const client = new Client(t.app, ip);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    return { order, client };
  }

  it('stores the API key encrypted, shows the detected version and keeps agents out', async () => {
    const row = await t.db.selectFrom('panelServers').selectAll().where('id', '=', ids.plesk10).executeTakeFirstOrThrow();
    expect(row.secretEnc).toMatch(/^v1\./);
    expect(row.secretEnc).not.toContain(sim10.key);
    expect(row.caPem).toContain('BEGIN CERTIFICATE');
    const detect = await admin.post(`/staff/panel-servers/${ids.plesk10}/detect`, {});
    expect(detect.statusCode).toBe(303);
    const page = await admin.get(`/staff/panel-servers/${ids.plesk10}`);
    expect(page.body).toContain('Plesk 10.4.4');
    expect(page.body).toContain('1.6.3.4');
    expect(page.body).not.toContain(sim10.key);
    const list = await admin.get('/staff/panel-servers');
    expect(list.body).toContain(sim10.url);
    const events = await t.db.selectFrom('auditEvents').select(['event', 'details']).where('subject', '=', `panel_server:${ids.plesk10}`).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['panel_server.updated', 'panel_server.detected']));
    expect(JSON.stringify(events)).not.toContain(sim10.key);

    const agentUser = await staffUser(t, 'agent');
    const agent = new Client(t.app);
    await agent.loginStaff(agentUser.login, agentUser.password);
    expect((await agent.get('/staff/panel-servers')).statusCode).toBe(403);
  });

  it('refuses bad server settings with field messages and keeps what was typed', async () => {
    await admin.get('/staff/panel-servers/new');
    const res = await admin.post('/staff/panel-servers', { name: 'neu.example', url: 'http://plesk.example.net:8443', version: '10.4', authKind: 'password', apiLogin: '', secret: '', caPem: 'kein Zertifikat' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('https-Adresse ohne Pfad');
    expect(res.body).toContain('kein Zertifikat im PEM-Format');
    expect(res.body).toContain('Benutzername gebraucht');
    expect(res.body).toContain('value="neu.example"');
  });

  it('"Paket verwalten" on 10.4 redirects into a Plesk session bound to the customer’s IP', async () => {
    const { order, client } = await pleskCustomer('web-plus', '198.51.100.23');
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {}, { headers: { 'x-forwarded-for': '192.0.2.99' } });
    expect(res.statusCode).toBe(200);
    const target = sessionUrl(res.body);
    expect(res.body).toContain(`href="${target.toString().replace(/&/g, '&amp;')}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(`${target.origin}${target.pathname}`).toBe(`${sim10.url}/enterprise/rsession_init.php`);
    const session = sim10.sessions.get(target.searchParams.get('PLESKSESSID')!);
    // TRUST_PROXY is off: X-Forwarded-For is ignored, the socket address counts.
    expect(session).toMatchObject({ login: `p${order.contractNumber}`, userIp: '198.51.100.23', sourceServer: 'hostdesk.test' });
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'panel.session_opened').where('subject', '=', `contract:${order.contractNumber}`).executeTakeFirst();
    expect(audit?.ip).toBe('198.51.100.23');
    expect(t.logs.join('')).not.toContain(target.searchParams.get('PLESKSESSID')!);
  });

  it('"Paket verwalten" on 9.5 opens the login page with the version’s login path, without create_session', async () => {
    const { order, client } = await pleskCustomer('web-classic');
    sim9.requests.length = 0;
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${sim9.url}/login_up.php3"`);
    expect(res.body).toContain(`p${order.contractNumber}`);
    expect(res.body).toContain('Feld „Login“');
    expect(res.body).toContain('Start → E-Mail → Adresse → Einstellungen');
    expect(sim9.requests.some((r) => r.xml.includes('create_session'))).toBe(false);
  });

  it('shows a clear message and a prefilled ticket when Plesk refuses the key (11003) or TLS fails', async () => {
    const { order, client } = await pleskCustomer('web-plus');
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();

    const wrongKey = await addServer(admin, { name: `falscher-key-${dialect}`, url: sim10.url, caPem: certificates.caPem, secret: 'ein-falscher-schluessel-4711' });
    await t.db.updateTable('contracts').set({ panelServerId: wrongKey }).where('id', '=', contract.id).execute();
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain('nicht richtig eingerichtet');
    const link = /href="(\/support\/tickets\/new\?[^"]+)"/.exec(res.body)![1]!.replace(/&amp;/g, '&');
    const q = new URL(link, 'http://x').searchParams;
    expect(q.get('subject')).toBe(`Paket verwalten: Anmeldung bei Plesk nicht möglich (Vertrag ${order.contractNumber})`);
    expect(q.get('category')).toBe('contract');
    expect(q.get('contract')).toBe(order.contractNumber);
    expect(res.body).not.toContain('11003');
    expect(t.logs.join('')).toContain('11003');
    expect(t.logs.join('')).not.toContain('ein-falscher-schluessel-4711');

    const unpinned = await addServer(admin, { name: `ohne-ca-${dialect}`, url: sim10.url, secret: sim10.key });
    await t.db.updateTable('contracts').set({ panelServerId: unpinned }).where('id', '=', contract.id).execute();
    const tls = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(tls.statusCode).toBe(502);
    expect(tls.body).toContain('gerade nicht erreichbar');
    expect(t.logs.join('')).toMatch(/"kind":"tls"/);
    const detect = await admin.post(`/staff/panel-servers/${unpinned}/detect`, {});
    expect(detect.statusCode).toBe(502);
    expect(detect.body).toContain('Zertifikat des Servers wurde nicht akzeptiert');
  });

  it.each(['web-plus', 'web-classic'] as const)('lists the Plesk mailboxes and sets a mailbox password (%s)', async (tariff) => {
    const { order, client } = await pleskCustomer(tariff);
    const sim = tariff === 'web-plus' ? sim10 : sim9;
    const domain = order.domains[0]!;
    const page = await client.get(`/contracts/${order.contractNumber}/plesk-mail`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`info@${domain}`);
    expect(page.body).toContain(`kontakt@${domain}`);
    expect(page.body).toContain('<code>127.0.0.1</code>');
    expect(page.body).toContain('993');
    expect(page.body).toMatch(tariff === 'web-plus' ? /In Plesk 10\.4(\.4)?: E-Mail → Adresse → Einstellungen/ : /In Plesk 9\.5: Start → E-Mail → Adresse → Einstellungen/);

    const url = `/contracts/${order.contractNumber}/plesk-mail/password`;
    const mismatch = await client.post(url, { address: `info@${domain}`, password: 'Kiefer-Moos-Bach-7731', passwordRepeat: 'anders' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('stimmen nicht überein');
    const weak = await client.post(url, { address: `info@${domain}`, password: 'passwort1', passwordRepeat: 'passwort1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('zu leicht zu erraten');

    const ok = await client.post(url, { address: `info@${domain}`, password: 'Kiefer-Moos-Bach-7731', passwordRepeat: 'Kiefer-Moos-Bach-7731' });
    expect(ok.statusCode).toBe(303);
    const simDomain = sim.domains.find((d) => d.name === domain)!;
    expect(sim.mailboxes.find((m) => m.domainId === simDomain.id && m.name === 'info')!.password).toBe('Kiefer-Moos-Bach-7731');
    expect((await client.get(`/contracts/${order.contractNumber}/plesk-mail`)).body).toContain('gilt ab sofort');
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'panel.mail_password_set').where('subject', '=', `contract:${order.contractNumber}`).executeTakeFirstOrThrow();
    expect(audit.details).toContain(`info@${domain}`);
    expect(t.logs.join('')).not.toContain('Kiefer-Moos-Bach-7731');
    expect(JSON.stringify(await t.db.selectFrom('auditEvents').selectAll().execute())).not.toContain('Kiefer-Moos-Bach-7731');

    // Another subscription's mailbox is not this customer's to change.
    const foreign = await client.post(url, { address: 'info@kunde-beispiel.de', password: 'Kiefer-Moos-Bach-7731', passwordRepeat: 'Kiefer-Moos-Bach-7731' });
    expect(foreign.statusCode).toBe(404);
  });

  it('offers no password form when the admin has not enabled it for the server', async () => {
    const { order, client } = await pleskCustomer('web-classic');
    await t.db.updateTable('panelServers').set({ mailPasswordEnabled: 0 }).where('id', '=', ids.plesk9).execute();
    try {
      const page = await client.get(`/contracts/${order.contractNumber}/plesk-mail`);
      expect(page.body).not.toContain('plesk-mail/password');
      expect(page.body).toContain('ändern Sie in Plesk');
      const res = await client.post(`/contracts/${order.contractNumber}/plesk-mail/password`, { address: `info@${order.domains[0]}`, password: 'Kiefer-Moos-Bach-7731', passwordRepeat: 'Kiefer-Moos-Bach-7731' });
      expect(res.statusCode).toBe(403);
    } finally {
      await t.db.updateTable('panelServers').set({ mailPasswordEnabled: 1 }).where('id', '=', ids.plesk9).execute();
    }
  });

  it("answers 404 for another customer's Plesk contract and for mail-only contracts", async () => {
    const { order } = await pleskCustomer('web-plus');
    const mailOnly = await orderFor(t, { tariff: 'mail-s' });
    const other = new Client(t.app);
    await other.loginCustomer(mailOnly.customerNumber, mailOnly.customerPassword!, { confirm: true });
    await other.get('/domains');
    expect((await other.post(`/contracts/${order.contractNumber}/panel`, {})).statusCode).toBe(404);
    expect((await other.get(`/contracts/${order.contractNumber}/plesk-mail`)).statusCode).toBe(404);
    expect((await other.get(`/contracts/${mailOnly.contractNumber}/plesk-mail`)).statusCode).toBe(404);
    expect((await other.post(`/contracts/${mailOnly.contractNumber}/panel`, {})).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('Plesk single sign-on behind a trusted proxy (%s)', (dialect) => {
  let t: TestApp;
  let sim: PleskSimulator;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { TRUST_PROXY: 'true' });
    sim = await startPleskSimulator({ version: '18.0', certificates });
    const admin = new Client(t.app);
    const user = await staffUser(t, 'admin');
    await admin.loginStaff(user.login, user.password);
    const id = (await t.db.selectFrom('panelServers').select('id').where('name', '=', 'plesk10.hostdesk.test').executeTakeFirstOrThrow()).id;
    // Configured as the tariff's 10.4 (new web-plus contracts land there); detection finds 18.0.
    expect((await configure(admin, id, { name: 'plesk10.hostdesk.test', url: sim.url, version: '10.4', caPem: certificates.caPem, secret: sim.key })).statusCode).toBe(303);
    expect((await admin.post(`/staff/panel-servers/${id}/detect`, {})).statusCode).toBe(303);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.close();
  });

  it('binds the session to the client address from X-Forwarded-For', async () => {
    const order = await orderFor(t, { tariff: 'web-plus' });
    sim.addSubscription(`p${order.contractNumber}`, order.domains);
    const client = new Client(t.app, '10.0.0.5');
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {}, { headers: { 'x-forwarded-for': '2001:db8::7' } });
    expect(res.statusCode).toBe(200);
    const id = sessionUrl(res.body).searchParams.get('PLESKSESSID')!;
    expect(sim.sessions.get(id)?.userIp).toBe('2001:db8::7');
    expect(sim.requests.at(-1)!.xml).toContain(`<user_ip>${Buffer.from('2001:db8::7').toString('base64')}</user_ip>`);
    expect(sim.requests.at(-1)!.protocol).toBe('1.6.9.1');
  });
});

describe.each(DIALECTS)('the demo’s Plesk simulators: browser pages without a certificate warning (%s)', (dialect) => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof startDemoPleskSimulators>>;
  let admin: Client;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { PLESK_SIMULATOR: 'true' });
    demo = await startDemoPleskSimulators(t.db, loadPanelConfig(t.config));
    const user = await staffUser(t, 'admin');
    admin = new Client(t.app);
    await admin.loginStaff(user.login, user.password);
  });
  afterAll(async () => {
    await demo?.close();
    await t?.close();
  });

  const sim10 = () => demo!.simulators.find((s) => s.version === '10.4')!;

  it('sends the browser to the simulator over plain http on loopback, onto a page laid out like the panel', async () => {
    const order = await orderFor(t, { tariff: 'web-plus' });
    const client = new Client(t.app, '127.0.0.1');
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(res.statusCode).toBe(200);
    const target = sessionUrl(res.body);
    expect(target.protocol).toBe('http:');
    expect(target.hostname).toBe('127.0.0.1');
    expect(target.origin).toBe(sim10().browserUrl);
    expect(target.pathname).toBe('/enterprise/rsession_init.php');

    // The API itself stayed on verified HTTPS with the pinned CA.
    const row = await t.db.selectFrom('panelServers').selectAll().where('name', '=', 'plesk10.hostdesk.test').executeTakeFirstOrThrow();
    expect(row.url).toBe(sim10().url);
    expect(row.url.startsWith('https://')).toBe(true);
    expect(row.caPem).toContain('BEGIN CERTIFICATE');
    expect(sim10().requests.some((r) => r.xml.includes('create_session'))).toBe(true);

    const landing = await fetch(target);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain(`Abonnement ${order.domains[0]}`);
    expect(html).toContain(`info@${order.domains[0]}`);
    expect(html).toContain(`kontakt@${order.domains[0]}`);
    expect(html).toContain('E-Mail → Adresse → Einstellungen');
    expect(html).toContain('Websites &amp; Domains');
    expect(html).toContain('kein echtes Plesk');
  });

  it('never answers the XML API over the plain http port', async () => {
    const res = await fetch(`${sim10().browserUrl}/enterprise/control/agent.php`, { method: 'POST', headers: { KEY: sim10().key, 'content-type': 'text/xml' }, body: '<packet><server><get_protos/></server></packet>' });
    expect(res.status).toBe(405);
    expect(await res.text()).not.toContain('<protos>');
  });

  it('keeps a real Plesk server on https with certificate checks, also when it points at a simulator', async () => {
    const order = await orderFor(t, { tariff: 'web-plus' });
    const client = new Client(t.app, '127.0.0.1');
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    await client.get('/domains');
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    // The contract moves off the demo server below, so the simulator learns the login now.
    sim10().addSubscription(`p${order.contractNumber}`, order.domains);

    // Not flagged as simulator: no CA pinned, so the simulator's self-signed chain is refused.
    const unpinned = await addServer(admin, { name: `echt-ohne-ca-${dialect}`, url: sim10().url, secret: sim10().key });
    await t.db.updateTable('contracts').set({ panelServerId: unpinned }).where('id', '=', contract.id).execute();
    const refused = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(refused.statusCode).toBe(502);
    expect(t.logs.join('')).toMatch(/"kind":"tls"/);

    // With the CA pinned it works, and the browser goes to the server's https URL, never to http.
    const pinned = await addServer(admin, { name: `echt-mit-ca-${dialect}`, url: sim10().url, caPem: sim10().caPem, secret: sim10().key });
    await t.db.updateTable('contracts').set({ panelServerId: pinned }).where('id', '=', contract.id).execute();
    const res = await client.post(`/contracts/${order.contractNumber}/panel`, {});
    expect(res.statusCode).toBe(200);
    const target = sessionUrl(res.body);
    expect(target.protocol).toBe('https:');
    expect(target.origin).toBe(sim10().url);
  });

  it('refuses plain http browser pages on an address other than loopback', async () => {
    await expect(startPleskSimulator({ version: '10.4', certificates, host: '0.0.0.0', browserHttp: true })).rejects.toThrow(/loopback/);
  });
});
