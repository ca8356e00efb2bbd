import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';
import { buildMailServerTestApp, mailServersUnavailable, imapFindMessage, imapOk, pop3Login, smtpSubmit, type MailServers } from './support/mailservers.ts';
import { findAdminAccount } from '../src/features/mail/index.ts';

// Dovecot and Postfix: outside CI a missing package or a missing root skips this suite, in CI it fails.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`mail-server tests skipped: ${skipReason}`);

const STRONG = 'Kaffeetasse-Wolkenkratzer-93';
const STRONG_2 = 'Leuchtturm+Gießkanne+417';

describe.skipIf(skipReason !== null).each(DIALECTS)('real Dovecot + Postfix on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const imap = (user: string, password: string) => imapOk(servers.ports.imap, user, password);
  const pop3 = async (user: string, password: string) => (await pop3Login(servers.ports.pop3, user, password)).ok;
  const smtp = async (user: string, password: string) => (await smtpSubmit(servers.ports.smtp, user, password)).authOk;
  const explain = () => servers.logs();

  /** An order and its owner in the E-Mail Administration (single sign-on). */
  async function mailCustomer(domains = [uniqueDomain('mail')]) {
    const order = await orderFor(t, { tariff: 'mail-s', domains });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const admin = `/mail-admin/${order.contractNumber}`;
    await client.get(admin);
    const first = (await findAdminAccount(t.db, contract.id))!;
    return { order, client, admin, contractId: contract.id, domain, first };
  }

  async function addAccount(c: Awaited<ReturnType<typeof mailCustomer>>, localPart: string, password = STRONG) {
    await c.client.get(c.admin);
    const res = await c.client.post(`${c.admin}/accounts`, { quotaMb: '100', localPart, domainId: String(c.domain.id), mode: 'set', password, passwordRepeat: password });
    expect(res.statusCode).toBe(303);
    return t.db.selectFrom('mailAccounts').selectAll().where('id', '=', Number(/accounts\/(\d+)/.exec(res.headers.location as string)![1])).executeTakeFirstOrThrow();
  }

  it("lets an order's .001 log into IMAP with its generated password", async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    expect(await imap(order.mailAccount!.name, order.mailAccount!.password), explain()).toBe(true);
    expect(await imap(order.mailAccount!.name, `${order.mailAccount!.password}x`)).toBe(false);
    expect(await imap('999999.001', order.mailAccount!.password)).toBe(false);
  });

  it('applies a password changed in the browser at once to IMAP, POP3 and SMTP AUTH; the old one fails', async () => {
    const c = await mailCustomer();
    const name = c.first.name;
    const old = c.order.mailAccount!.password;
    expect(await pop3(name, old), explain()).toBe(true);
    expect(await smtp(name, old), explain()).toBe(true);

    await c.client.get(`${c.admin}/accounts/${c.first.id}`);
    const changed = await c.client.post(`${c.admin}/accounts/${c.first.id}/password`, { mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(changed.statusCode).toBe(200);
    expect([await imap(name, STRONG), await pop3(name, STRONG), await smtp(name, STRONG)], explain()).toEqual([true, true, true]);
    expect([await imap(name, old), await pop3(name, old), await smtp(name, old)]).toEqual([false, false, false]);

    // A generated password works the same second, and for the account's address as user name too.
    await c.client.post(`${c.admin}/accounts/${c.first.id}/addresses`, { localPart: 'chef', domainId: String(c.domain.id) });
    await c.client.get(`${c.admin}/accounts/${c.first.id}`);
    const generated = await c.client.post(`${c.admin}/accounts/${c.first.id}/password`, { mode: 'generate' });
    const password = /class="secret-value">([^<]+)</.exec(generated.body)![1]!.replace(/&amp;/g, '&');
    const address = `chef@${c.domain.nameAscii}`;
    expect([await imap(address, password), await pop3(address, password), await smtp(address, password)], explain()).toEqual([true, true, true]);
    expect(await imap(name, STRONG)).toBe(false);
  });

  it('refuses a deactivated account and a protocol switched off', async () => {
    const c = await mailCustomer();
    const account = await addAccount(c, 'paul');
    expect([await imap(account.name, STRONG), await pop3(account.name, STRONG), await smtp(account.name, STRONG)], explain()).toEqual([true, true, true]);

    await c.client.get(`${c.admin}/accounts/${account.id}`);
    expect((await c.client.post(`${c.admin}/accounts/${account.id}/settings`, { quotaMb: '100', active: '1', imap: '1', smtp: '1' })).statusCode).toBe(303);
    expect([await imap(account.name, STRONG), await pop3(account.name, STRONG), await smtp(account.name, STRONG)], explain()).toEqual([true, false, true]);
    await c.client.post(`${c.admin}/accounts/${account.id}/settings`, { quotaMb: '100', active: '1', pop3: '1' });
    expect([await imap(account.name, STRONG), await pop3(account.name, STRONG), await smtp(account.name, STRONG)]).toEqual([false, true, false]);

    await c.client.post(`${c.admin}/accounts/${account.id}/settings`, { quotaMb: '100', imap: '1', pop3: '1', smtp: '1' });
    expect(await t.db.selectFrom('mailAccounts').select('active').where('id', '=', account.id).executeTakeFirstOrThrow()).toEqual({ active: 0 });
    expect([await imap(account.name, STRONG), await pop3(account.name, STRONG), await smtp(account.name, STRONG)]).toEqual([false, false, false]);
    expect(await imap(`paul@${c.domain.nameAscii}`, STRONG)).toBe(false);
  });

  it('delivers mail submitted over SMTP AUTH through LMTP, readable over IMAP, and through forwarders and catch-all', async () => {
    const a = await mailCustomer();
    const b = await mailCustomer();
    await a.client.post(`${a.admin}/accounts/${a.first.id}/addresses`, { localPart: 'info', domainId: String(a.domain.id) });
    const anna = await addAccount(a, 'anna');
    const bert = await addAccount(b, 'bert', STRONG_2);
    const annaAddress = `anna@${a.domain.nameAscii}`;
    const bertAddress = `bert@${b.domain.nameAscii}`;
    const infoAddress = `info@${a.domain.nameAscii}`;

    // Mailbox to mailbox.
    const marker1 = `m1-${Date.now()}`;
    const sent = await smtpSubmit(servers.ports.smtp, annaAddress, STRONG, { from: annaAddress, to: infoAddress, body: `Hallo ${marker1}` });
    expect(sent.sent, explain()).toMatch(/^250 /);
    const message = await imapFindMessage(servers.ports.imap, a.first.name, a.order.mailAccount!.password, marker1).catch((e: Error) => {
      throw new Error(`${e.message}\n${explain()}`);
    });
    expect(message).toContain(`From: <${annaAddress}>`);

    // A forwarder on A's domain delivers to B's mailbox (another customer's address: an external target).
    await a.client.get(a.admin);
    expect((await a.client.post(`${a.admin}/forwarders`, { localPart: 'team', domainId: String(a.domain.id), targets: bertAddress })).statusCode).toBe(303);
    const marker2 = `m2-${Date.now()}`;
    expect((await smtpSubmit(servers.ports.smtp, annaAddress, STRONG, { from: annaAddress, to: `team@${a.domain.nameAscii}`, body: marker2 })).sent, explain()).toMatch(/^250 /);
    await imapFindMessage(servers.ports.imap, bert.name, STRONG_2, marker2).catch((e: Error) => {
      throw new Error(`${e.message}\n${explain()}`);
    });

    // Unknown address: rejected until the domain has a catch-all, then delivered to its target.
    const unknown = `gibtsnicht@${a.domain.nameAscii}`;
    expect((await smtpSubmit(servers.ports.smtp, annaAddress, STRONG, { from: annaAddress, to: unknown, body: 'x' })).sent).toMatch(/^550 /);
    await a.client.get(a.admin);
    expect((await a.client.post(`${a.admin}/catch-all`, { domainId: String(a.domain.id), targets: annaAddress })).statusCode).toBe(303);
    const marker3 = `m3-${Date.now()}`;
    expect((await smtpSubmit(servers.ports.smtp, bertAddress, STRONG_2, { from: bertAddress, to: unknown, body: marker3 })).sent, explain()).toMatch(/^250 /);
    await imapFindMessage(servers.ports.imap, anna.name, STRONG, marker3).catch((e: Error) => {
      throw new Error(`${e.message}\n${explain()}`);
    });

    // Sending as somebody else's address is refused.
    const spoof = await smtpSubmit(servers.ports.smtp, bert.name, STRONG_2, { from: infoAddress, to: annaAddress, body: 'x' });
    expect(spoof.sent).toMatch(/^553 /);
  });

  it('answers autoconfig and autodiscover with the hosts and ports of these servers', async () => {
    const anon = new Client(t.app);
    const xml = new XMLParser({ ignoreAttributes: false });
    const cfg = xml.parse((await anon.get('/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=x@example.org')).body).clientConfig.emailProvider;
    expect(cfg.incomingServer.map((s: any) => [s.hostname, s.port])).toEqual([
      ['127.0.0.1', servers.ports.imap],
      ['127.0.0.1', servers.ports.pop3],
    ]);
    expect([cfg.outgoingServer.hostname, cfg.outgoingServer.port]).toEqual(['127.0.0.1', servers.ports.smtp]);
    const ad = await t.app.inject({
      method: 'POST',
      url: '/autodiscover/autodiscover.xml',
      headers: { 'content-type': 'text/xml' },
      payload: '<Autodiscover><Request><EMailAddress>x@example.org</EMailAddress></Request></Autodiscover>',
    });
    const protocols = xml.parse(ad.body).Autodiscover.Response.Account.Protocol;
    expect(protocols.map((p: any) => [p.Type, p.Port])).toEqual([
      ['IMAP', servers.ports.imap],
      ['POP3', servers.ports.pop3],
      ['SMTP', servers.ports.smtp],
    ]);
    // The configured IMAP endpoint is the real server: a client following the answer logs in.
    const order = await orderFor(t, { tariff: 'mail-s' });
    expect(await imap(order.mailAccount!.name, order.mailAccount!.password)).toBe(true);
  });
});
