import { describe, expect, it } from 'vitest';
import { DnsCheckEnv, dnsCheckConfigOf } from './dns-check.config.ts';

const defaults = { publicUrl: 'https://kundencenter.example.net', smtpHost: 'mail.example.net' };
const configOf = (env: Record<string, string>) => dnsCheckConfigOf(DnsCheckEnv.parse(env), defaults).dnsCheck;

describe('DNS check settings', () => {
  it('defaults to the system resolver, the SMTP host as MX and PUBLIC_URL as the autoconfig host', () => {
    expect(configOf({})).toMatchObject({ resolver: { servers: [], timeoutMs: 2000, tries: 2 }, mxHosts: ['mail.example.net'], autoconfigHost: 'kundencenter.example.net', dkimSelectors: [], outboundIps: [] });
  });

  it('reads servers, hosts, addresses and DKIM keys (a keyed selector is a selector)', () => {
    const config = configOf({
      DNS_SERVERS: '127.0.0.1:5353, [::1]:53',
      MAIL_MX_HOSTS: 'MX1.example.net., mx2.example.net',
      MAIL_OUTBOUND_IPS: '192.0.2.25,2001:db8::25',
      MAIL_DKIM_SELECTORS: 'hd1',
      MAIL_DKIM_KEYS: 'HD2:MIIBIjAN+/Q==',
    });
    expect(config.resolver.servers).toEqual(['127.0.0.1:5353', '[::1]:53']);
    expect(config.mxHosts).toEqual(['mx1.example.net', 'mx2.example.net']);
    expect(config.outboundIps).toEqual(['192.0.2.25', '2001:db8::25']);
    expect(config.dkimSelectors).toEqual(['hd1', 'hd2']);
    expect(config.dkimKeys).toEqual({ hd2: 'MIIBIjAN+/Q==' });
  });

  it.each([
    ['DNS_SERVERS', 'dns.example.net:53'],
    ['MAIL_OUTBOUND_IPS', 'mail.example.net'],
    ['MAIL_DKIM_KEYS', 'hd1=abc'],
    ['MAIL_DKIM_SELECTORS', 'hd 1'],
    ['MAIL_MX_HOSTS', 'mx1.example.net;mx2'],
    ['MAIL_AUTOCONFIG_HOST', 'https://kundencenter.example.net'],
  ])('refuses %s=%s', (name, value) => {
    expect(DnsCheckEnv.safeParse({ [name]: value }).success).toBe(false);
  });
});
