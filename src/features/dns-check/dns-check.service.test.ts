import { describe, expect, it } from 'vitest';
import { createDnsChecker, runDnsCheck } from './dns-check.service.ts';
import type { MailDnsExpectations } from './checks.ts';
import type { DnsCheckSettings } from './dns-check.config.ts';
import { fakeDns, type FakeZone } from './fake-dns.test-support.ts';

const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx1sWyQ==';
const exp: MailDnsExpectations = {
  mxHosts: ['mx1.example.net', 'mx2.example.net'],
  outboundIps: ['192.0.2.25'],
  smtpHost: 'smtp.example.net',
  spfTerms: ['include:_spf.example.net'],
  dkim: [{ selector: 'hd1', publicKey: KEY }],
  autoconfigHost: 'hostdesk.example.net',
  srv: [
    { service: '_imaps._tcp', host: 'imap.example.net', port: 993 },
    { service: '_submission._tcp', host: 'smtp.example.net', port: 587 },
  ],
};
const now = new Date('2026-12-01T10:00:00Z');
const HOST_ZONE: FakeZone = {
  '_spf.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/27 -all'] },
  'hostdesk.example.net': { A: ['198.51.100.10'] },
};

const stateOf = (items: { id: string; state: string }[]) => Object.fromEntries(items.map((i) => [i.id, i.state]));

describe('runDnsCheck', () => {
  it('finds a complete, correct zone in order', async () => {
    const dns = fakeDns({
      ...HOST_ZONE,
      'kunde.de': { MX: [{ exchange: 'mx1.example.net', priority: 10 }, { exchange: 'mx2.example.net', priority: 20 }], TXT: ['v=spf1 include:_spf.example.net -all'] },
      '_dmarc.kunde.de': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:postmaster@kunde.de'] },
      'hd1._domainkey.kunde.de': { TXT: [`v=DKIM1; k=rsa; p=${KEY}`] },
      'autoconfig.kunde.de': { CNAME: ['hostdesk.example.net'] },
      'autodiscover.kunde.de': { A: ['198.51.100.10'] },
      '_imaps._tcp.kunde.de': { SRV: [{ name: 'imap.example.net', port: 993, priority: 0, weight: 1 }] },
      '_submission._tcp.kunde.de': { SRV: [{ name: 'smtp.example.net', port: 587, priority: 0, weight: 1 }] },
      '_mta-sts.kunde.de': { TXT: ['v=STSv1; id=20261201'] },
      'mta-sts.kunde.de': { A: ['198.51.100.11'] },
    });
    const result = await runDnsCheck(dns, 'kunde.de', exp, 5000, now);
    expect(stateOf(result.items)).toEqual({
      mx: 'ok',
      spf: 'ok',
      dmarc: 'ok',
      'dkim:hd1': 'ok',
      autoconfig: 'ok',
      autodiscover: 'ok',
      'srv:_imaps._tcp': 'ok',
      'srv:_submission._tcp': 'ok',
      'mta-sts': 'ok',
    });
    expect(result.items.every((i) => i.records.length === 0)).toBe(true);
  });

  it('names every missing record with the exact record to set', async () => {
    const result = await runDnsCheck(fakeDns({ ...HOST_ZONE, 'kunde.de': { A: ['203.0.113.5'] } }), 'kunde.de', exp, 5000, now);
    const states = stateOf(result.items);
    expect(states).toMatchObject({ mx: 'missing', spf: 'missing', dmarc: 'missing', 'dkim:hd1': 'missing', autoconfig: 'missing', 'srv:_imaps._tcp': 'missing', 'mta-sts': 'notPublished' });
    const records = Object.fromEntries(result.items.map((i) => [i.id, i.records]));
    expect(records.mx).toEqual([
      { name: 'kunde.de.', type: 'MX', value: '10 mx1.example.net.' },
      { name: 'kunde.de.', type: 'MX', value: '20 mx2.example.net.' },
    ]);
    expect(records.spf).toEqual([{ name: 'kunde.de.', type: 'TXT', value: 'v=spf1 include:_spf.example.net ~all' }]);
    expect(records.dmarc).toEqual([{ name: '_dmarc.kunde.de.', type: 'TXT', value: 'v=DMARC1; p=quarantine; rua=mailto:postmaster@kunde.de' }]);
    expect(records['dkim:hd1']).toEqual([{ name: 'hd1._domainkey.kunde.de.', type: 'TXT', value: `v=DKIM1; k=rsa; p=${KEY}` }]);
    expect(records.autoconfig).toEqual([{ name: 'autoconfig.kunde.de.', type: 'CNAME', value: 'hostdesk.example.net.' }]);
    expect(records.autodiscover).toEqual([{ name: '_autodiscover._tcp.kunde.de.', type: 'SRV', value: '0 1 443 hostdesk.example.net.' }]);
    expect(records['srv:_imaps._tcp']).toEqual([{ name: '_imaps._tcp.kunde.de.', type: 'SRV', value: '0 1 993 imap.example.net.' }]);
    expect(records['mta-sts']).toEqual([]);
  });

  it('says what is wrong with wrong records', async () => {
    const dns = fakeDns({
      ...HOST_ZONE,
      'kunde.de': { MX: [{ exchange: 'mx.other-host.example', priority: 10 }], TXT: ['v=spf1 mx ~all'] },
      '_dmarc.kunde.de': { TXT: ['v=DMARC1; p=maybe'] },
      'hd1._domainkey.kunde.de': { TXT: ['v=DKIM1; k=rsa; p=AAAA'] },
      'autoconfig.kunde.de': { CNAME: ['autoconfig.other-host.example'] },
      'autoconfig.other-host.example': { A: ['203.0.113.99'] },
      '_imaps._tcp.kunde.de': { SRV: [{ name: 'imap.other-host.example', port: 993, priority: 0, weight: 1 }] },
      '_submission._tcp.kunde.de': { SRV: [{ name: '.', port: 0, priority: 0, weight: 0 }] },
      '_mta-sts.kunde.de': { TXT: ['v=STSv1; id=1'] },
    });
    const result = await runDnsCheck(dns, 'kunde.de', exp, 5000, now);
    expect(stateOf(result.items)).toMatchObject({ mx: 'wrong', spf: 'wrong', dmarc: 'wrong', 'dkim:hd1': 'wrong', autoconfig: 'wrong', 'srv:_imaps._tcp': 'wrong', 'srv:_submission._tcp': 'wrong', 'mta-sts': 'wrong' });
    const item = (id: string) => result.items.find((i) => i.id === id)!;
    expect(item('mx').notes[0]).toMatchObject({ key: 'dnsCheck.mx.foreign', params: { hosts: 'mx.other-host.example' } });
    expect(item('spf').notes[0]).toMatchObject({ key: 'dnsCheck.spf.notAllowed.softfail', params: { ip: '192.0.2.25', matched: '~all' } });
    expect(item('spf').records[0]!.value).toBe('v=spf1 include:_spf.example.net mx ~all');
    expect(item('dkim:hd1').notes[0]!.key).toBe('dnsCheck.dkim.otherKey');
    expect(item('srv:_submission._tcp').notes[0]!.key).toBe('dnsCheck.srv.unavailable');
    expect(item('mta-sts').notes[0]).toMatchObject({ key: 'dnsCheck.mtaSts.noPolicyHost', params: { host: 'mta-sts.kunde.de' } });
  });

  it('ends at the deadline: items without an answer say they timed out, the others keep theirs', async () => {
    const dns = fakeDns({ ...HOST_ZONE, 'kunde.de': { MX: [{ exchange: 'mx1.example.net', priority: 10 }] } }, { '_dmarc.kunde.de': 'servfail' }, ['hd1._domainkey.kunde.de', 'autoconfig.kunde.de']);
    const result = await runDnsCheck(dns, 'kunde.de', exp, 50, now);
    expect(stateOf(result.items)).toMatchObject({ mx: 'ok', dmarc: 'unreachable', 'dkim:hd1': 'timeout', autoconfig: 'timeout' });
    expect(result.items.find((i) => i.id === 'dkim:hd1')!.notes[0]!.key).toBe('dnsCheck.note.timeout');
    // A timed-out item still says what to set.
    expect(result.items.find((i) => i.id === 'dkim:hd1')!.records).toHaveLength(1);
  });

  it('shortens garbage it shows and refuses an SPF record far too long to evaluate', async () => {
    const huge = `v=spf1 ${'ip4:10.0.0.1 '.repeat(500)}-all`;
    const result = await runDnsCheck(fakeDns({ ...HOST_ZONE, 'kunde.de': { TXT: [huge] } }), 'kunde.de', exp, 5000, now);
    const spf = result.items.find((i) => i.id === 'spf')!;
    expect(spf).toMatchObject({ state: 'wrong', notes: [{ key: 'dnsCheck.spf.tooLong' }, { key: 'dnsCheck.spf.replaceWhole' }] });
    expect(spf.found[0]!.length).toBeLessThan(350);
  });
});

describe('createDnsChecker', () => {
  const settings = { deadlineMs: 5000, cacheSeconds: 60, cacheEntries: 2, mxHosts: ['mx1.example.net'], outboundIps: [], spfInclude: null, dkimSelectors: [], dkimKeys: {}, autoconfigHost: 'hostdesk.example.net', resolver: { servers: [], timeoutMs: 1000, tries: 1 } } satisfies DnsCheckSettings;
  const mailServer = { imap: { host: 'imap.example.net', port: 993, security: 'tls' }, pop3: { host: 'imap.example.net', port: 995, security: 'tls' }, smtp: { host: 'smtp.example.net', port: 587, security: 'starttls' } } as const;

  it('reuses a recent result, asks again when told to or when it is old, and keeps only the newest domains', async () => {
    const clock = { now: new Date('2026-12-01T10:00:00Z') };
    let lookups = 0;
    const checker = createDnsChecker({ lookups: () => (lookups++, fakeDns(HOST_ZONE)), settings, mailServer, clock: () => clock.now });
    expect((await checker.check('kunde.de')).cached).toBe(false);
    expect((await checker.check('KUNDE.de')).cached).toBe(true);
    expect(lookups).toBe(1);
    expect((await checker.check('kunde.de', { fresh: true })).cached).toBe(false);
    clock.now = new Date(clock.now.getTime() + 61_000);
    expect((await checker.check('kunde.de')).cached).toBe(false);
    await checker.check('zwei.de');
    await checker.check('drei.de');
    // Capacity 2: kunde.de, the least recently used, is gone.
    expect((await checker.check('drei.de')).cached).toBe(true);
    expect((await checker.check('kunde.de')).cached).toBe(false);
    expect(lookups).toBe(6);
  });

  it('runs one check per domain for requests that arrive together', async () => {
    let lookups = 0;
    const checker = createDnsChecker({ lookups: () => (lookups++, fakeDns(HOST_ZONE)), settings, mailServer, clock: () => new Date() });
    await Promise.all([checker.check('kunde.de'), checker.check('kunde.de', { fresh: true })]);
    expect(lookups).toBe(1);
  });
});
