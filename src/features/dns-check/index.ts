export { createDnsChecker, runDnsCheck, type DnsChecker, type DnsCheckResult } from './dns-check.service.ts';
export { nodeDnsLookups, type DnsLookup, type DnsLookupFactory, type DnsAnswer } from './dns-lookup.ts';
export type { CheckItem, ItemState } from './checks.ts';
