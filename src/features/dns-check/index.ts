export { createDnsChecker, type DnsChecker, type DnsCheckResult } from './dns-check.service.ts';
export { nodeDnsLookups, type DnsLookup, type DnsLookupFactory } from './dns-lookup.ts';
