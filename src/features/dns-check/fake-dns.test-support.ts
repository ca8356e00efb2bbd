import type { DnsAnswer, DnsLookup, MxRecord, SrvRecord } from './dns-lookup.ts';

/** A zone in memory, for the unit tests: names → records by type; a name listed in `failing` answers with that failure. */
export interface FakeZone {
  [name: string]: { A?: string[]; AAAA?: string[]; MX?: MxRecord[]; TXT?: string[]; SRV?: SrvRecord[]; CNAME?: string[]; PTR?: string[] };
}

export function fakeDns(zone: FakeZone, failing: Record<string, 'timeout' | 'servfail'> = {}, hanging: string[] = []): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  const answer = <T>(name: string, type: keyof FakeZone[string]): Promise<DnsAnswer<T>> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    asked.push(`${type} ${key}`);
    if (hanging.includes(key)) return new Promise(() => {});
    if (failing[key]) return Promise.resolve({ kind: 'failed', reason: failing[key]! });
    const node = zone[key];
    if (!node) return Promise.resolve({ kind: 'void', reason: 'nxdomain' });
    const records = node[type] as T[] | undefined;
    return Promise.resolve(records && records.length > 0 ? { kind: 'records', records } : { kind: 'void', reason: 'nodata' });
  };
  return {
    asked,
    a: (n) => answer(n, 'A'),
    aaaa: (n) => answer(n, 'AAAA'),
    mx: (n) => answer(n, 'MX'),
    txt: (n) => answer(n, 'TXT'),
    srv: (n) => answer(n, 'SRV'),
    cname: (n) => answer(n, 'CNAME'),
    ptr: (ip) => answer(ip, 'PTR'),
    cancel: () => {},
  };
}
