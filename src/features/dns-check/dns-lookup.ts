import { Resolver } from 'node:dns/promises';
import type { DnsResolverSettings } from './dns-check.config.ts';

/**
 * What one DNS question got: records, no records (`nodata`: the name exists, the type not;
 * `nxdomain`: the name does not exist), or no usable answer at all. The checks and the SPF
 * evaluator speak only this, so they are tested without a socket.
 */
export type DnsAnswer<T> =
  | { kind: 'records'; records: T[] }
  | { kind: 'void'; reason: 'nodata' | 'nxdomain' }
  | { kind: 'failed'; reason: 'timeout' | 'servfail' | 'refused' | 'malformed' };

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export interface DnsLookup {
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  /** Each TXT record with its strings joined, as RFC 7208 3.3 and RFC 6376 3.6.2.2 read them. */
  txt(name: string): Promise<DnsAnswer<string>>;
  srv(name: string): Promise<DnsAnswer<SrvRecord>>;
  cname(name: string): Promise<DnsAnswer<string>>;
  /** Reverse lookup of an address (SPF's `ptr`). */
  ptr(address: string): Promise<DnsAnswer<string>>;
  /** Ends every question still waiting: they answer `timeout`. */
  cancel(): void;
}

/** A source of lookups: one per check, so that a check's deadline cancels only its own questions. */
export type DnsLookupFactory = () => DnsLookup;

/** A TXT record longer than this is garbage for every check here (an SPF record should fit 512 bytes). */
export const MAX_TXT_LENGTH = 4096;

function failureOf(error: unknown): DnsAnswer<never> {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENODATA':
      return { kind: 'void', reason: 'nodata' };
    case 'ENOTFOUND':
      return { kind: 'void', reason: 'nxdomain' };
    case 'ESERVFAIL':
      return { kind: 'failed', reason: 'servfail' };
    case 'EREFUSED':
    case 'ECONNREFUSED':
      return { kind: 'failed', reason: 'refused' };
    case 'EBADRESP':
    case 'EFORMERR':
    case 'EBADNAME':
    case 'EBADQUERY':
    case 'EBADFAMILY':
      return { kind: 'failed', reason: 'malformed' };
    default:
      // ETIMEOUT, and ECANCELLED when the check's deadline cancelled the question.
      return { kind: 'failed', reason: 'timeout' };
  }
}

async function ask<T>(query: () => Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await query();
    return records.length === 0 ? { kind: 'void', reason: 'nodata' } : { kind: 'records', records };
  } catch (error) {
    return failureOf(error);
  }
}

/** node:dns lookups over the configured servers (or the system's), with its per-try timeout and tries. */
export function nodeDnsLookups(settings: DnsResolverSettings): DnsLookupFactory {
  return () => {
    const resolver = new Resolver({ timeout: settings.timeoutMs, tries: settings.tries });
    if (settings.servers.length > 0) resolver.setServers(settings.servers);
    return {
      a: (name) => ask(() => resolver.resolve4(name)),
      aaaa: (name) => ask(() => resolver.resolve6(name)),
      mx: (name) => ask(() => resolver.resolveMx(name)),
      txt: (name) => ask(async () => (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))),
      srv: (name) => ask(() => resolver.resolveSrv(name)),
      cname: (name) => ask(() => resolver.resolveCname(name)),
      ptr: (address) => ask(() => resolver.reverse(address)),
      cancel: () => resolver.cancel(),
    };
  };
}
