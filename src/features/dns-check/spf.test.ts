import { describe, expect, it } from 'vitest';
import { checkHost, expandMacros, inNetwork, parseSpf, recommendSpf } from './spf.ts';
import { fakeDns } from './fake-dns.test-support.ts';

describe('parseSpf', () => {
  it('reads mechanisms with qualifiers, domains and prefixes, and the redirect modifier', () => {
    const parsed = parseSpf('v=spf1 ip4:192.0.2.0/24 -ip6:2001:db8::/32 a mx:example.org/28//64 ~include:_spf.example.net ?exists:%{i}.bl.example redirect=_spf.example.com');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.record.mechanisms.map((m) => [m.kind, m.qualifier])).toEqual([
      ['ip4', '+'],
      ['ip6', '-'],
      ['a', '+'],
      ['mx', '+'],
      ['include', '~'],
      ['exists', '?'],
    ]);
    expect(parsed.record.mechanisms[3]).toMatchObject({ domain: 'example.org', prefix4: 28, prefix6: 64 });
    expect(parsed.record.redirect).toBe('_spf.example.com');
  });

  it.each([
    ['v=spf1 ipv4:192.0.2.1 -all', 'ipv4:192.0.2.1', 'unknownMechanism'],
    ['v=spf1 ip4:192.0.2.300 -all', 'ip4:192.0.2.300', 'badNetwork'],
    ['v=spf1 ip4:192.0.2.0/33', 'ip4:192.0.2.0/33', 'badNetwork'],
    ['v=spf1 include -all', 'include', 'badTerm'],
    ['v=spf1 all:example.com', 'all:example.com', 'badTerm'],
    ['v=spf1 redirect=a.example redirect=b.example', 'redirect=b.example', 'duplicateModifier'],
    ['v=spf1 include:%{z}.example', 'include:%{z}.example', 'badMacro'],
    ['v=spf1 a:example.com/40', 'a:example.com/40', 'badNetwork'],
  ])('refuses %s at its broken term', (record, term, problem) => {
    expect(parseSpf(record)).toEqual({ ok: false, term, problem });
  });

  it('ignores unknown modifiers, as RFC 7208 6 says', () => {
    expect(parseSpf('v=spf1 foo=bar -all').ok).toBe(true);
  });
});

describe('inNetwork and macros', () => {
  it('matches addresses inside a prefix and never across families', () => {
    expect(inNetwork('192.0.2.77', '192.0.2.0', 24)).toBe(true);
    expect(inNetwork('192.0.3.1', '192.0.2.0', 24)).toBe(false);
    expect(inNetwork('2001:db8::25', '2001:db8::', 64)).toBe(true);
    expect(inNetwork('192.0.2.1', '2001:db8::', 0)).toBe(false);
  });

  it('expands the RFC 7208 7.4 examples', () => {
    const env = { ip: '192.0.2.3', sender: { local: 'strong-bad', domain: 'email.example.com' }, helo: 'mx.example.org' };
    expect(expandMacros('%{s}', env, 'email.example.com')).toBe('strong-bad@email.example.com');
    expect(expandMacros('%{d4}', env, 'email.example.com')).toBe('email.example.com');
    expect(expandMacros('%{d2}', env, 'email.example.com')).toBe('example.com');
    expect(expandMacros('%{dr}', env, 'email.example.com')).toBe('com.example.email');
    expect(expandMacros('%{ir}.%{v}._spf.%{d2}', env, 'email.example.com')).toBe('3.2.0.192.in-addr._spf.example.com');
    expect(expandMacros('%{l-}.example', env, 'email.example.com')).toBe('strong.bad.example');
    expect(expandMacros('%{ir}.%{v}._spf.%{d2}', { ...env, ip: '2001:db8::cb01' }, 'email.example.com')).toBe(
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
    );
  });
});

describe('checkHost', () => {
  const ip = '192.0.2.25';

  it('passes an address an include allows, and names the term that decided', async () => {
    const dns = fakeDns({
      'kunde.de': { TXT: ['google-site-verification=abc', 'v=spf1 include:_spf.example.net -all'] },
      '_spf.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/26 -all'] },
    });
    expect(await checkHost(dns, ip, 'kunde.de')).toMatchObject({ result: 'pass', matched: 'include:_spf.example.net', lookups: 1 });
    expect(await checkHost(dns, '198.51.100.1', 'kunde.de')).toMatchObject({ result: 'fail', matched: '-all' });
  });

  it('follows a, mx (with prefixes) and redirect', async () => {
    const dns = fakeDns({
      'kunde.de': { TXT: ['v=spf1 a mx/24 redirect=_spf.kunde.de'], A: ['203.0.113.1'], MX: [{ exchange: 'mx.kunde.de', priority: 10 }] },
      'mx.kunde.de': { A: ['198.51.100.7'] },
      '_spf.kunde.de': { TXT: ['v=spf1 ip4:192.0.2.25 ~all'] },
    });
    expect((await checkHost(dns, '203.0.113.1', 'kunde.de')).result).toBe('pass');
    expect((await checkHost(dns, '198.51.100.200', 'kunde.de')).result).toBe('pass');
    expect(await checkHost(dns, ip, 'kunde.de')).toMatchObject({ result: 'pass', matched: 'redirect=_spf.kunde.de', lookups: 3 });
    expect((await checkHost(dns, '10.0.0.1', 'kunde.de')).result).toBe('softfail');
  });

  it('answers none without a record and neutral when nothing matches', async () => {
    expect((await checkHost(fakeDns({ 'kunde.de': { TXT: ['hello'] } }), ip, 'kunde.de')).result).toBe('none');
    expect((await checkHost(fakeDns({ 'kunde.de': { TXT: ['v=spf1 ip4:10.0.0.1'] } }), ip, 'kunde.de')).result).toBe('neutral');
  });

  it('stops at the eleventh DNS-querying term', async () => {
    const zone: Parameters<typeof fakeDns>[0] = { 'kunde.de': { TXT: [`v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.example`).join(' ')} -all`] } };
    for (let i = 0; i < 11; i++) zone[`s${i}.example`] = { TXT: ['v=spf1 ip4:10.0.0.1 -all'] };
    const outcome = await checkHost(fakeDns(zone), ip, 'kunde.de');
    expect(outcome).toMatchObject({ result: 'permerror', problem: { kind: 'tooManyLookups' }, lookups: 11 });
    // Ten are allowed.
    zone['kunde.de'] = { TXT: [`v=spf1 ${Array.from({ length: 10 }, (_, i) => `include:s${i}.example`).join(' ')} -all`] };
    expect((await checkHost(fakeDns(zone), ip, 'kunde.de')).result).toBe('fail');
  });

  it('stops at the third void lookup', async () => {
    const dns = fakeDns({ 'kunde.de': { TXT: ['v=spf1 a:x1.example a:x2.example a:x3.example -all'] } });
    expect(await checkHost(dns, ip, 'kunde.de')).toMatchObject({ result: 'permerror', problem: { kind: 'tooManyVoids', domain: 'x3.example' }, voids: 3 });
    const two = fakeDns({ 'kunde.de': { TXT: ['v=spf1 a:x1.example a:x2.example -all'] } });
    expect((await checkHost(two, ip, 'kunde.de')).result).toBe('fail');
  });

  it('names an include loop instead of following it', async () => {
    const dns = fakeDns({
      'kunde.de': { TXT: ['v=spf1 include:a.example -all'] },
      'a.example': { TXT: ['v=spf1 include:b.example -all'] },
      'b.example': { TXT: ['v=spf1 include:a.example -all'] },
    });
    expect(await checkHost(dns, ip, 'kunde.de')).toMatchObject({ result: 'permerror', problem: { kind: 'includeLoop', domain: 'a.example' } });
  });

  it('turns syntax errors, missing include targets and duplicate records into permerror', async () => {
    expect(await checkHost(fakeDns({ 'kunde.de': { TXT: ['v=spf1 +mx foo:bar -all'] } }), ip, 'kunde.de')).toMatchObject({ result: 'permerror', problem: { kind: 'syntax', term: 'foo:bar' } });
    expect(await checkHost(fakeDns({ 'kunde.de': { TXT: ['v=spf1 include:gone.example -all'] }, 'gone.example': { A: ['10.0.0.1'] } }), ip, 'kunde.de')).toMatchObject({
      result: 'permerror',
      problem: { kind: 'noRecord', domain: 'gone.example' },
    });
    expect(await checkHost(fakeDns({ 'kunde.de': { TXT: ['v=spf1 -all', 'v=spf1 +all'] } }), ip, 'kunde.de')).toMatchObject({ result: 'permerror', problem: { kind: 'multipleRecords' } });
  });

  it('refuses an mx with more than ten names', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => ({ exchange: `mx${i}.kunde.de`, priority: i }));
    expect(await checkHost(fakeDns({ 'kunde.de': { TXT: ['v=spf1 mx -all'], MX: mx } }), ip, 'kunde.de')).toMatchObject({ result: 'permerror', problem: { kind: 'tooManyMx' } });
  });

  it('reports a DNS failure on the way as temperror', async () => {
    const dns = fakeDns({ 'kunde.de': { TXT: ['v=spf1 include:slow.example -all'] } }, { 'slow.example': 'timeout' });
    expect(await checkHost(dns, ip, 'kunde.de')).toMatchObject({ result: 'temperror', problem: { kind: 'dnsFailed', reason: 'timeout' } });
  });

  it('matches exists through macros and ptr through validated reverse names', async () => {
    const dns = fakeDns({
      'kunde.de': { TXT: ['v=spf1 exists:%{ir}.allow.example ptr:example.net -all'] },
      '25.2.0.192.allow.example': { A: ['127.0.0.2'] },
      '192.0.2.26': { PTR: ['out2.example.net'] },
      'out2.example.net': { A: ['192.0.2.26'] },
    });
    expect((await checkHost(dns, ip, 'kunde.de')).matched).toBe('exists:%{ir}.allow.example');
    expect(await checkHost(dns, '192.0.2.26', 'kunde.de')).toMatchObject({ result: 'pass', matched: 'ptr:example.net' });
  });
});

describe('recommendSpf', () => {
  it('adds the host’s terms to an existing record and writes a new one otherwise', () => {
    expect(recommendSpf('v=spf1 mx -all', ['include:_spf.example.net'])).toBe('v=spf1 include:_spf.example.net mx -all');
    expect(recommendSpf(null, ['ip4:192.0.2.25'])).toBe('v=spf1 ip4:192.0.2.25 ~all');
    expect(recommendSpf('v=spf1 foo:bar', ['a:mail.example.net'])).toBe('v=spf1 a:mail.example.net ~all');
  });
});
