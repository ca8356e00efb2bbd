import { generateKeyPairSync } from 'node:crypto';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDnsChecker, nodeDnsLookups, type DnsCheckResult } from '../src/features/dns-check/index.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { startDnsmasq, type RunningDns } from './support/dnsmasq.ts';

/**
 * The DNS check against a real DNS server on the loopback: Debian's dnsmasq (package
 * dnsmasq-base), serving the zone from its command line. Correct, missing and wrong records for
 * every item, and the bad input a zone can hold: include loops, too many lookups, void lookups,
 * malformed and huge records, an IDN, a domain whose server never answers, and a server that
 * answers garbage.
 */
const KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const HUGE = Array.from({ length: 20 }, () => 'ip4:10.0.0.1 '.repeat(19)).join(',');

/** The host's own names, and one domain per case. */
const ZONE = [
  '--local=/test/',
  '--host-record=hostdesk.test,198.51.100.10',
  '--host-record=mail.hostdesk.test,192.0.2.25',
  '--host-record=mx1.hostdesk.test,192.0.2.10',
  '--host-record=mx2.hostdesk.test,192.0.2.11',
  '--txt-record=_spf.hostdesk.test,v=spf1 ip4:192.0.2.0/27 -all',
  '--host-record=anderswo.test,203.0.113.99',
  // gut.test: everything right.
  '--mx-host=gut.test,mx1.hostdesk.test,10',
  '--mx-host=gut.test,mx2.hostdesk.test,20',
  '--txt-record=gut.test,v=spf1 include:_spf.hostdesk.test -all',
  '--txt-record=_dmarc.gut.test,v=DMARC1; p=reject; rua=mailto:dmarc@gut.test',
  `--txt-record=hd1._domainkey.gut.test,v=DKIM1; k=rsa; p=${KEY}`,
  '--cname=autoconfig.gut.test,hostdesk.test',
  '--srv-host=_autodiscover._tcp.gut.test,hostdesk.test,443,0,1',
  '--srv-host=_imaps._tcp.gut.test,mail.hostdesk.test,993,0,1',
  '--srv-host=_pop3s._tcp.gut.test,mail.hostdesk.test,995,0,1',
  '--srv-host=_submission._tcp.gut.test,mail.hostdesk.test,587,0,1',
  '--txt-record=_mta-sts.gut.test,v=STSv1; id=20261201',
  '--host-record=mta-sts.gut.test,198.51.100.11',
  // leer.test: the name exists, nothing else.
  '--host-record=leer.test,203.0.113.5',
  // falsch.test: every record there, every one wrong.
  '--mx-host=falsch.test,mx.anderswo.test,10',
  '--host-record=falsch.test,203.0.113.7',
  '--txt-record=falsch.test,v=spf1 a -all',
  '--txt-record=_dmarc.falsch.test,v=DMARC1; p=sometimes',
  `--txt-record=hd1._domainkey.falsch.test,v=DKIM1; k=rsa; p=${OTHER_KEY}`,
  '--host-record=autoconfig.falsch.test,203.0.113.99',
  '--cname=autodiscover.falsch.test,anderswo.test',
  '--srv-host=_imaps._tcp.falsch.test,mail.anderswo.test,993,0,1',
  '--srv-host=_pop3s._tcp.falsch.test,mail.hostdesk.test,110,0,1',
  '--srv-host=_submission._tcp.falsch.test',
  '--txt-record=_mta-sts.falsch.test,v=STSv1; id=kein-gueltiger-wert',
  // Bad input in SPF.
  '--txt-record=schleife.test,v=spf1 include:a.schleife.test -all',
  '--txt-record=a.schleife.test,v=spf1 include:b.schleife.test -all',
  '--txt-record=b.schleife.test,v=spf1 include:a.schleife.test -all',
  `--txt-record=zehn.test,v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.zehn.test`).join(' ')} -all`,
  ...Array.from({ length: 11 }, (_, i) => `--txt-record=s${i}.zehn.test,v=spf1 ip4:10.0.0.${i} -all`),
  '--txt-record=leerlauf.test,v=spf1 a:x1.leerlauf.test a:x2.leerlauf.test a:x3.leerlauf.test ip4:192.0.2.25 -all',
  '--txt-record=kaputt.test,v=spf1 ip4:999.1.1.1 +al -all',
  '--txt-record=doppelt.test,v=spf1 ip4:192.0.2.25 -all',
  '--txt-record=doppelt.test,v=spf1 -all',
  `--txt-record=riesig.test,v=spf1 ,${HUGE}`,
  ...Array.from({ length: 30 }, (_, i) => `--txt-record=riesig.test,muell-${i}-${'x'.repeat(200)}`),
  // An IDN: müller.test.
  '--mx-host=xn--mller-kva.test,mx1.hostdesk.test,10',
];

const ENV = {
  MAIL_MX_HOSTS: 'mx1.hostdesk.test, mx2.hostdesk.test',
  MAIL_OUTBOUND_IPS: '192.0.2.25',
  MAIL_SPF_INCLUDE: '_spf.hostdesk.test',
  MAIL_DKIM_SELECTORS: 'hd1',
  MAIL_DKIM_KEYS: `hd1:${KEY}`,
  MAIL_AUTOCONFIG_HOST: 'hostdesk.test',
  MAIL_IMAP_HOST: 'mail.hostdesk.test',
  MAIL_POP3_HOST: 'mail.hostdesk.test',
  MAIL_SMTP_HOST: 'mail.hostdesk.test',
  DNS_TIMEOUT_MS: '300',
  DNS_TRIES: '1',
  DNS_CHECK_DEADLINE_MS: '3000',
};

let dns: RunningDns;
let servers = '';

beforeAll(async () => {
  dns = await startDnsmasq(ZONE, { probe: 'hostdesk.test', silent: 'langsam.test' });
  servers = dns.servers;
}, 30_000);

afterAll(() => dns?.stop());

function checker(extra: Record<string, string> = {}) {
  const config = loadConfig({ ...ENV, DNS_SERVERS: servers, ...extra });
  return createDnsChecker({ lookups: nodeDnsLookups(config.dnsCheck.resolver), settings: config.dnsCheck, mailServer: config.mailServer, clock: () => new Date() });
}

const states = (result: DnsCheckResult) => Object.fromEntries(result.items.map((i) => [i.id, i.state]));
const item = (result: DnsCheckResult, id: string) => result.items.find((i) => i.id === id)!;
const ITEMS = ['mx', 'spf', 'dmarc', 'dkim:hd1', 'autoconfig', 'autodiscover', 'srv:_imaps._tcp', 'srv:_pop3s._tcp', 'srv:_submission._tcp', 'mta-sts'];

describe('DNS check against dnsmasq', () => {
  it('finds every record of a correct zone in order', async () => {
    const result = await checker().check('gut.test');
    expect(Object.keys(states(result))).toEqual(ITEMS);
    expect(states(result)).toEqual(Object.fromEntries(ITEMS.map((id) => [id, 'ok'])));
    expect(item(result, 'mx').found).toEqual(['10 mx1.hostdesk.test', '20 mx2.hostdesk.test']);
    expect(item(result, 'spf').notes).toContainEqual({ key: 'dnsCheck.spf.allows', params: { ips: '192.0.2.25' } });
    expect(item(result, 'dkim:hd1').notes).toEqual([{ key: 'dnsCheck.dkim.matches' }]);
    expect(item(result, 'dmarc').notes).toContainEqual({ key: 'dnsCheck.dmarc.reports', params: { addresses: 'dmarc@gut.test' } });
    expect(item(result, 'mta-sts').notes[0]).toMatchObject({ key: 'dnsCheck.mtaSts.ok', params: { id: '20261201' } });
  });

  it('names every missing record with the record to set, and MTA-STS as not published', async () => {
    const result = await checker().check('leer.test');
    expect(states(result)).toEqual({ ...Object.fromEntries(ITEMS.map((id) => [id, 'missing'])), 'mta-sts': 'notPublished' });
    expect(item(result, 'mx').records.map((r) => `${r.name} ${r.type} ${r.value}`)).toEqual(['leer.test. MX 10 mx1.hostdesk.test.', 'leer.test. MX 20 mx2.hostdesk.test.']);
    expect(item(result, 'spf').records[0]!.value).toBe('v=spf1 include:_spf.hostdesk.test ~all');
    expect(item(result, 'dkim:hd1').records[0]!.value).toBe(`v=DKIM1; k=rsa; p=${KEY}`);
    expect(item(result, 'autoconfig').records[0]).toEqual({ name: 'autoconfig.leer.test.', type: 'CNAME', value: 'hostdesk.test.' });
    expect(item(result, 'autodiscover').records[0]).toEqual({ name: '_autodiscover._tcp.leer.test.', type: 'SRV', value: '0 1 443 hostdesk.test.' });
    expect(item(result, 'srv:_submission._tcp').records[0]).toEqual({ name: '_submission._tcp.leer.test.', type: 'SRV', value: '0 1 587 mail.hostdesk.test.' });
  });

  it('says what is wrong with every wrong record', async () => {
    const result = await checker().check('falsch.test');
    expect(states(result)).toEqual(Object.fromEntries(ITEMS.map((id) => [id, 'wrong'])));
    const first = (id: string) => item(result, id).notes[0]!;
    expect(first('mx')).toMatchObject({ key: 'dnsCheck.mx.foreign', params: { hosts: 'mx.anderswo.test' } });
    expect(first('spf')).toEqual({ key: 'dnsCheck.spf.notAllowed.fail', params: { ip: '192.0.2.25', matched: '-all' } });
    expect(item(result, 'spf').records[0]!.value).toBe('v=spf1 include:_spf.hostdesk.test a -all');
    expect(first('dmarc').key).toBe('dnsCheck.dmarc.problem.badPolicy');
    expect(first('dkim:hd1').key).toBe('dnsCheck.dkim.otherKey');
    expect(first('autoconfig').key).toBe('dnsCheck.client.elsewhere');
    expect(first('autodiscover').key).toBe('dnsCheck.client.elsewhere');
    expect(first('srv:_imaps._tcp').key).toBe('dnsCheck.srv.other');
    expect(first('srv:_pop3s._tcp')).toMatchObject({ key: 'dnsCheck.srv.other', params: { port: 995 } });
    expect(first('srv:_submission._tcp').key).toBe('dnsCheck.srv.unavailable');
    expect(first('mta-sts').key).toBe('dnsCheck.mtaSts.malformed');
  });

  it('checks _submissions._tcp where the host submits on port 465', async () => {
    const result = await checker({ MAIL_SMTP_PORT: '465' }).check('gut.test');
    expect(item(result, 'srv:_submissions._tcp')).toMatchObject({ state: 'missing', records: [{ value: '0 1 465 mail.hostdesk.test.' }] });
  });

  it.each([
    ['schleife.test', 'dnsCheck.spf.problem.includeLoop'],
    ['zehn.test', 'dnsCheck.spf.problem.tooManyLookups'],
    ['leerlauf.test', 'dnsCheck.spf.problem.tooManyVoids'],
    ['kaputt.test', 'dnsCheck.spf.problem.syntax'],
    ['doppelt.test', 'dnsCheck.spf.multiple'],
    ['riesig.test', 'dnsCheck.spf.tooLong'],
  ])('refuses the SPF record of %s in words', async (domain, key) => {
    const spf = item(await checker().check(domain), 'spf');
    expect(spf.state).toBe('wrong');
    expect(spf.notes[0]!.key).toBe(key);
    expect(spf.records).toHaveLength(1);
  });

  it('checks an IDN by its punycode name', async () => {
    expect(item(await checker().check('xn--mller-kva.test'), 'mx').state).toBe('ok');
  });

  it('ends a domain whose DNS never answers at the deadline, every item saying so', async () => {
    // Each query would wait 5 s: the check's deadline cancels them all first.
    const result = await checker({ DNS_TIMEOUT_MS: '5000', DNS_CHECK_DEADLINE_MS: '800' }).check('langsam.test');
    expect(new Set(result.items.map((i) => i.state))).toEqual(new Set(['timeout']));
    expect(result.items[0]!.notes).toEqual([{ key: 'dnsCheck.note.timeout' }]);
  });

  it('says so in words when the DNS server answers garbage', async () => {
    // A server that answers every question with its id and a broken answer section.
    const garbage = dgram.createSocket('udp4');
    garbage.on('message', (query, peer) => {
      const header = Buffer.from(query.subarray(0, 12));
      header.writeUInt16BE(0x8180, 2);
      header.writeUInt16BE(1, 6);
      garbage.send(Buffer.concat([header, query.subarray(12), Buffer.from([0xc0, 0x0c, 0x00, 0x10, 0x00, 0x01, 0, 0, 0, 60, 0x40, 0x00, 1, 2, 3])]), peer.port, peer.address);
    });
    await new Promise<void>((resolve) => garbage.bind(0, '127.0.0.1', resolve));
    try {
      const result = await checker({ DNS_SERVERS: `127.0.0.1:${garbage.address().port}` }).check('gut.test');
      expect(new Set(result.items.map((i) => i.state))).toEqual(new Set(['unreachable']));
      expect(result.items[0]!.notes).toEqual([{ key: 'dnsCheck.note.malformed' }]);
    } finally {
      garbage.close();
    }
  });

  describe('through the app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp('sqlite', { ...ENV, DNS_SERVERS: servers });
    });
    afterAll(() => t.close());

    it('shows the customer the check of their domain, in words and with the records to set', async () => {
      const order = await orderFor(t, { tariff: 'mail-s', domains: ['falsch.test', 'gut.test'] });
      const client = new Client(t.app);
      await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
      const wrong = await client.get('/domains/falsch.test/dns');
      expect(wrong.statusCode).toBe(200);
      expect(wrong.body).toContain('Der MX-Eintrag zeigt auf mx.anderswo.test, nicht (nur) auf unsere Server mx1.hostdesk.test, mx2.hostdesk.test');
      expect(wrong.body).toContain('v=spf1 include:_spf.hostdesk.test a -all');
      const right = await client.get('/domains/gut.test/dns');
      expect(right.body).toContain('10 von 10 Einträgen in Ordnung, 0 fehlen, 0 falsch, 0 nicht prüfbar.');
    });
  });
});
