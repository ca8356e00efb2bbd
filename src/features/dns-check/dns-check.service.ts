import type { Clock } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import type { DnsCheckSettings } from './dns-check.config.ts';
import type { DnsLookup, DnsLookupFactory } from './dns-lookup.ts';
import { failedVerdict, itemsFor, type CheckItem, type MailDnsExpectations, type SrvService } from './checks.ts';

export interface DnsCheckResult {
  /** The domain as asked (ASCII, punycode for IDNs). */
  domain: string;
  checkedAt: string;
  items: CheckItem[];
}

/**
 * Runs every item of one domain's check side by side over one lookup, and ends them all at the
 * deadline: an item without an answer by then says it timed out, and its questions are cancelled.
 */
export async function runDnsCheck(dns: DnsLookup, domain: string, expectations: MailDnsExpectations, deadlineMs: number, now: Date): Promise<DnsCheckResult> {
  const specs = itemsFor(domain, expectations, now);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deadlineMs);
  });
  try {
    const items = await Promise.all(
      specs.map(async (spec): Promise<CheckItem> => {
        const verdict = (await Promise.race([spec.run(dns), deadline])) ?? failedVerdict('timeout');
        const records = verdict.state === 'ok' ? [] : (verdict.records ?? spec.expected);
        return { id: spec.id, title: spec.title, name: spec.name, type: spec.type, state: verdict.state, found: verdict.found ?? [], notes: verdict.notes, records };
      }),
    );
    return { domain, checkedAt: now.toISOString(), items };
  } finally {
    clearTimeout(timer);
    dns.cancel();
  }
}

/** The SRV records RFC 6186 and RFC 8314 define, for the endpoints the host's clients use. */
export function srvServicesOf(mail: MailServerSettings): SrvService[] {
  return [
    { service: mail.imap.security === 'tls' ? '_imaps._tcp' : '_imap._tcp', host: mail.imap.host, port: mail.imap.port },
    { service: mail.pop3.security === 'tls' ? '_pop3s._tcp' : '_pop3._tcp', host: mail.pop3.host, port: mail.pop3.port },
    { service: mail.smtp.security === 'tls' ? '_submissions._tcp' : '_submission._tcp', host: mail.smtp.host, port: mail.smtp.port },
  ];
}

export function expectationsOf(settings: DnsCheckSettings, mail: MailServerSettings): MailDnsExpectations {
  const spfTerms = settings.spfInclude
    ? [`include:${settings.spfInclude}`]
    : settings.outboundIps.length > 0
      ? settings.outboundIps.map((ip) => (ip.includes(':') ? `ip6:${ip}` : `ip4:${ip}`))
      : [`a:${mail.smtp.host}`];
  return {
    mxHosts: settings.mxHosts,
    outboundIps: settings.outboundIps,
    smtpHost: mail.smtp.host.toLowerCase(),
    spfTerms,
    dkim: settings.dkimSelectors.map((selector) => ({ selector, publicKey: settings.dkimKeys[selector] ?? null })),
    autoconfigHost: settings.autoconfigHost,
    srv: srvServicesOf(mail),
  };
}

export interface DnsChecker {
  /** The domain's check, from the cache when a recent one is there and `fresh` is not asked for. */
  check(domain: string, options?: { fresh?: boolean }): Promise<DnsCheckResult & { cached: boolean }>;
}

/**
 * The checks with a short, bounded cache in this process's memory (least recently used results
 * go first), and one check at a time per domain: requests arriving while it runs share it.
 */
export function createDnsChecker(deps: { lookups: DnsLookupFactory; settings: DnsCheckSettings; mailServer: MailServerSettings; clock: Clock }): DnsChecker {
  const { settings, clock } = deps;
  const expectations = expectationsOf(settings, deps.mailServer);
  const cache = new Map<string, DnsCheckResult>();
  const running = new Map<string, Promise<DnsCheckResult>>();

  const remember = (result: DnsCheckResult) => {
    cache.delete(result.domain);
    cache.set(result.domain, result);
    while (cache.size > settings.cacheEntries) cache.delete(cache.keys().next().value!);
  };

  return {
    async check(domain, options = {}) {
      const key = domain.toLowerCase();
      const hit = cache.get(key);
      const age = hit ? clock().getTime() - Date.parse(hit.checkedAt) : Infinity;
      if (hit && !options.fresh && age >= 0 && age < settings.cacheSeconds * 1000) {
        remember(hit);
        return { ...hit, cached: true };
      }
      let pending = running.get(key);
      if (!pending) {
        pending = runDnsCheck(deps.lookups(), key, expectations, settings.deadlineMs, clock());
        running.set(key, pending);
        pending.then(remember, () => {}).finally(() => running.delete(key));
      }
      return { ...(await pending), cached: false };
    },
  };
}
