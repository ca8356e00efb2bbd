import { isIP } from 'node:net';
import { z } from 'zod';

const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** `host:port` (IPv6 as `[::1]:53`), or a bare address for port 53: what node:dns `setServers` takes. */
const HOST = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?\.?$/;
const allHosts = (v: string) => list(v).every((h) => HOST.test(h));

const DNS_SERVER = /^(?:\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+)(?::\d{1,5})?$/;

/** The DNS check's settings: which resolver it asks, and what the host's mail setup expects of a customer's zone. */
export const DnsCheckEnv = z.object({
  /** Comma-separated `host:port` list, host an IP address (node:dns takes no names); empty: the system's resolvers (/etc/resolv.conf). */
  DNS_SERVERS: z
    .string()
    .default('')
    .refine((v) => list(v).every((s) => DNS_SERVER.test(s)), { message: 'must be address:port, comma-separated, with IP addresses (IPv6 as [::1]:53)' }),
  /** One try's timeout (ms) and the tries per query, for node:dns `Resolver`. */
  DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  DNS_TRIES: z.coerce.number().int().min(1).max(5).default(2),
  /** The most one domain's whole check may take: what has no answer by then is reported as timed out. */
  DNS_CHECK_DEADLINE_MS: z.coerce.number().int().min(200).max(60_000).default(8000),
  /** How long a result is reused, and how many domains' results are kept (least recently used go first). */
  DNS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  DNS_CACHE_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** The host's inbound mail servers (default: MAIL_SMTP_HOST): a customer domain's MX records must point only at these. */
  MAIL_MX_HOSTS: z
    .string()
    .optional()
    .refine((v) => v === undefined || allHosts(v), { message: 'must be host names, comma-separated' }),
  /** Addresses the host's outgoing servers send from: the domain's SPF record must pass each. */
  MAIL_OUTBOUND_IPS: z
    .string()
    .default('')
    .refine((v) => list(v).every((ip) => isIP(ip) !== 0), { message: 'must be IP addresses, comma-separated' }),
  /** An SPF record the host publishes for its outgoing servers (e.g. `_spf.example.net`): recommended as `include:`. */
  MAIL_SPF_INCLUDE: z.string().default('').refine((v) => v.trim() === '' || HOST.test(v.trim()), { message: 'must be a host name' }),
  /** DKIM selectors the host signs customer mail with, comma-separated. */
  MAIL_DKIM_SELECTORS: z
    .string()
    .default('')
    .refine((v) => list(v).every((s) => /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(s)), { message: 'must be DNS labels, comma-separated' }),
  /** The public keys of those selectors where Hostdesk knows them: `selector:base64key`, comma-separated. */
  MAIL_DKIM_KEYS: z
    .string()
    .default('')
    .refine((v) => list(v).every((pair) => /^[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+$/.test(pair)), { message: 'must be selector:base64key, comma-separated' }),
  /** The host that answers autoconfig and autodiscover (default: PUBLIC_URL's host name). */
  MAIL_AUTOCONFIG_HOST: z
    .string()
    .optional()
    .refine((v) => v === undefined || HOST.test(v.trim()), { message: 'must be a host name' }),
});

export interface DnsResolverSettings {
  /** Empty: the system's resolvers. */
  servers: string[];
  timeoutMs: number;
  tries: number;
}

export interface DnsCheckSettings {
  resolver: DnsResolverSettings;
  deadlineMs: number;
  cacheSeconds: number;
  cacheEntries: number;
  mxHosts: string[];
  outboundIps: string[];
  spfInclude: string | null;
  dkimSelectors: string[];
  /** Selector → public key (the `p=` value), where known. */
  dkimKeys: Readonly<Record<string, string>>;
  autoconfigHost: string;
}

export interface DnsCheckConfig {
  dnsCheck: DnsCheckSettings;
}

const hostName = (name: string) => name.trim().replace(/\.$/, '').toLowerCase();

export function dnsCheckConfigOf(e: z.infer<typeof DnsCheckEnv>, defaults: { publicUrl: string; smtpHost: string }): DnsCheckConfig {
  const keys = Object.fromEntries(
    list(e.MAIL_DKIM_KEYS).map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at).toLowerCase(), pair.slice(at + 1)];
    }),
  );
  const selectors = [...new Set([...list(e.MAIL_DKIM_SELECTORS).map((s) => s.toLowerCase()), ...Object.keys(keys)])];
  return {
    dnsCheck: Object.freeze({
      resolver: { servers: list(e.DNS_SERVERS), timeoutMs: e.DNS_TIMEOUT_MS, tries: e.DNS_TRIES },
      deadlineMs: e.DNS_CHECK_DEADLINE_MS,
      cacheSeconds: e.DNS_CACHE_SECONDS,
      cacheEntries: e.DNS_CACHE_ENTRIES,
      mxHosts: list(e.MAIL_MX_HOSTS ?? defaults.smtpHost).map(hostName),
      outboundIps: list(e.MAIL_OUTBOUND_IPS),
      spfInclude: e.MAIL_SPF_INCLUDE.trim() ? hostName(e.MAIL_SPF_INCLUDE) : null,
      dkimSelectors: selectors,
      dkimKeys: Object.freeze(keys),
      autoconfigHost: hostName(e.MAIL_AUTOCONFIG_HOST ?? new URL(defaults.publicUrl).hostname),
    }),
  };
}
