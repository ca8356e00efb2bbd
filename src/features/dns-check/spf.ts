import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { DnsAnswer, DnsLookup } from './dns-lookup.ts';

/**
 * SPF as RFC 7208 defines it: the record's syntax (section 4.6, 12), and `check_host()`
 * (section 4) with its limits: at most 10 DNS-querying terms (include, a, mx, ptr, exists,
 * redirect), at most 2 of them void (no records or no such name), at most 10 names per `mx`.
 * Pure over a `DnsLookup`, so it is tested without a network.
 */
export type Qualifier = '+' | '-' | '~' | '?';

export type SpfMechanism =
  | { kind: 'all'; qualifier: Qualifier; text: string }
  | { kind: 'include' | 'exists'; qualifier: Qualifier; text: string; domain: string }
  | { kind: 'a' | 'mx'; qualifier: Qualifier; text: string; domain: string | null; prefix4: number; prefix6: number }
  | { kind: 'ptr'; qualifier: Qualifier; text: string; domain: string | null }
  | { kind: 'ip4' | 'ip6'; qualifier: Qualifier; text: string; network: string; prefix: number };

export interface SpfRecord {
  mechanisms: SpfMechanism[];
  redirect: string | null;
}

export type SpfSyntaxProblem = 'unknownMechanism' | 'badTerm' | 'badNetwork' | 'badMacro' | 'duplicateModifier';

export type SpfParse = { ok: true; record: SpfRecord } | { ok: false; term: string; problem: SpfSyntaxProblem };

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** Why an evaluation ended in permerror or temperror, with the domain (and term) where it did. */
export type SpfProblem =
  | { kind: 'tooManyLookups'; domain: string }
  | { kind: 'tooManyVoids'; domain: string }
  | { kind: 'tooManyMx'; domain: string }
  | { kind: 'includeLoop'; domain: string }
  | { kind: 'noRecord'; domain: string }
  | { kind: 'multipleRecords'; domain: string }
  | { kind: 'syntax'; domain: string; term: string; problem: SpfSyntaxProblem }
  | { kind: 'dnsFailed'; domain: string; reason: 'timeout' | 'servfail' | 'refused' | 'malformed' };

export interface SpfOutcome {
  result: SpfResult;
  problem: SpfProblem | null;
  /** The term that decided (`include:_spf.example.net`, `-all`), where one did. */
  matched: string | null;
  lookups: number;
  voids: number;
}

export const MAX_DNS_TERMS = 10;
export const MAX_VOID_LOOKUPS = 2;
const MAX_MX_NAMES = 10;
const MAX_PTR_NAMES = 10;

/** `v=spf1` followed by a space or the end: the one way an SPF record starts (RFC 7208 4.5). */
export const isSpfRecord = (text: string) => /^v=spf1(?: |$)/i.test(text);

const MACRO = /%(?:\{([slodiphcrtv])(\d*)(r?)([.\-+,/_=]*)\}|[%_-])/gi;
const DOMAIN_SPEC = /^[\x21-\x7e]+$/;

function validDomainSpec(spec: string): boolean {
  if (!DOMAIN_SPEC.test(spec)) return false;
  return !spec.replace(MACRO, '').includes('%');
}

function qualifierOf(term: string): [Qualifier, string] {
  const first = term[0] as Qualifier;
  return ['+', '-', '~', '?'].includes(first) ? [first, term.slice(1)] : ['+', term];
}

/** Parses an SPF record; any syntax error anywhere makes the whole record a permerror (RFC 7208 4.6). */
export function parseSpf(text: string): SpfParse {
  const terms = text.trim().split(/ +/).slice(1);
  const mechanisms: SpfMechanism[] = [];
  const modifiers = new Map<string, string>();
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      if (name === 'redirect' || name === 'exp') {
        if (modifiers.has(name)) return { ok: false, term, problem: 'duplicateModifier' };
        if (!validDomainSpec(value)) return { ok: false, term, problem: 'badMacro' };
        modifiers.set(name, value);
      } else if (!/^[\x21-\x7e]*$/.test(value) || value.replace(MACRO, '').includes('%')) {
        return { ok: false, term, problem: 'badMacro' };
      }
      continue;
    }
    const [qualifier, rest] = qualifierOf(term);
    const m = /^([a-z0-9]+)(.*)$/i.exec(rest);
    if (!m) return { ok: false, term, problem: 'badTerm' };
    const name = m[1]!.toLowerCase();
    const tail = m[2]!;
    switch (name) {
      case 'all':
        if (tail !== '') return { ok: false, term, problem: 'badTerm' };
        mechanisms.push({ kind: 'all', qualifier, text: term });
        break;
      case 'include':
      case 'exists': {
        const domain = tail.startsWith(':') ? tail.slice(1) : '';
        if (!domain) return { ok: false, term, problem: 'badTerm' };
        if (!validDomainSpec(domain)) return { ok: false, term, problem: 'badMacro' };
        mechanisms.push({ kind: name, qualifier, text: term, domain });
        break;
      }
      case 'a':
      case 'mx': {
        const parts = /^(?::([^/]+))?(?:\/(\d{1,2}))?(?:\/\/(\d{1,3}))?$/.exec(tail);
        if (!parts) return { ok: false, term, problem: 'badTerm' };
        const prefix4 = parts[2] === undefined ? 32 : Number(parts[2]);
        const prefix6 = parts[3] === undefined ? 128 : Number(parts[3]);
        if (prefix4 > 32 || prefix6 > 128) return { ok: false, term, problem: 'badNetwork' };
        const domain = parts[1] ?? null;
        if (domain !== null && !validDomainSpec(domain)) return { ok: false, term, problem: 'badMacro' };
        mechanisms.push({ kind: name, qualifier, text: term, domain, prefix4, prefix6 });
        break;
      }
      case 'ptr': {
        if (tail !== '' && !tail.startsWith(':')) return { ok: false, term, problem: 'badTerm' };
        const domain = tail ? tail.slice(1) : null;
        if (domain !== null && (!domain || !validDomainSpec(domain))) return { ok: false, term, problem: 'badMacro' };
        mechanisms.push({ kind: 'ptr', qualifier, text: term, domain });
        break;
      }
      case 'ip4':
      case 'ip6': {
        const parts = /^:([^/]+)(?:\/(\d{1,3}))?$/.exec(tail);
        const max = name === 'ip4' ? 32 : 128;
        const network = parts?.[1] ?? '';
        const prefix = parts?.[2] === undefined ? max : Number(parts[2]);
        const valid = name === 'ip4' ? isIPv4(network) : isIPv6(network);
        if (!parts || !valid || prefix > max) return { ok: false, term, problem: 'badNetwork' };
        mechanisms.push({ kind: name, qualifier, text: term, network, prefix });
        break;
      }
      default:
        return { ok: false, term, problem: 'unknownMechanism' };
    }
  }
  return { ok: true, record: { mechanisms, redirect: modifiers.get('redirect') ?? null } };
}

/** Whether the address lies in the network (`/prefix`); addresses of the other family never do. */
export function inNetwork(ip: string, network: string, prefix: number): boolean {
  const family = isIPv4(ip) ? 'ipv4' : 'ipv6';
  if ((family === 'ipv4') !== isIPv4(network)) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return list.check(ip, family);
}

function ipv6Nibbles(ip: string): string {
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const full = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return full
    .map((g) => g.padStart(4, '0'))
    .join('')
    .split('')
    .join('.');
}

class SpfStop extends Error {
  constructor(readonly result: 'permerror' | 'temperror', readonly problem: SpfProblem) {
    super(result);
  }
}

interface Evaluation {
  dns: DnsLookup;
  ip: string;
  sender: { local: string; domain: string };
  helo: string;
  lookups: number;
  voids: number;
  matched: string | null;
}

/** RFC 7208 section 7: the macros of a domain-spec, expanded for this evaluation. */
export function expandMacros(spec: string, env: { ip: string; sender: { local: string; domain: string }; helo: string }, domain: string): string {
  const expanded = spec.replace(MACRO, (whole, letter: string | undefined, digits: string, reverse: string, delimiters: string) => {
    if (!letter) return whole === '%%' ? '%' : whole === '%_' ? ' ' : '%20';
    const v4 = isIPv4(env.ip);
    const values: Record<string, string> = {
      s: `${env.sender.local}@${env.sender.domain}`,
      l: env.sender.local,
      o: env.sender.domain,
      d: domain,
      i: v4 ? env.ip : ipv6Nibbles(env.ip),
      p: 'unknown',
      v: v4 ? 'in-addr' : 'ip6',
      h: env.helo,
      c: env.ip,
      r: 'unknown',
      t: '0',
    };
    let parts = values[letter.toLowerCase()]!.split(new RegExp(`[${(delimiters || '.').replace(/[\]\\^-]/g, '\\$&')}]`));
    if (reverse) parts = parts.reverse();
    if (digits) parts = parts.slice(-Math.max(1, Number(digits)));
    const value = parts.join('.');
    return letter === letter.toUpperCase() ? encodeURIComponent(value) : value;
  });
  // RFC 7208 7.3: a name longer than 253 characters loses labels from the left.
  let name = expanded.replace(/\.$/, '');
  while (name.length > 253 && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return name.toLowerCase();
}

function records<T>(e: Evaluation, answer: DnsAnswer<T>, domain: string): T[] {
  if (answer.kind === 'failed') throw new SpfStop('temperror', { kind: 'dnsFailed', domain, reason: answer.reason });
  if (answer.kind === 'void') {
    e.voids++;
    if (e.voids > MAX_VOID_LOOKUPS) throw new SpfStop('permerror', { kind: 'tooManyVoids', domain });
    return [];
  }
  return answer.records;
}

function countLookup(e: Evaluation, domain: string): void {
  e.lookups++;
  if (e.lookups > MAX_DNS_TERMS) throw new SpfStop('permerror', { kind: 'tooManyLookups', domain });
}

async function addressesOf(e: Evaluation, name: string, countVoids: boolean): Promise<string[]> {
  const answer = isIPv4(e.ip) ? await e.dns.a(name) : await e.dns.aaaa(name);
  if (answer.kind === 'void' && !countVoids) return [];
  return records(e, answer, name);
}

const RESULT_OF: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

async function matches(e: Evaluation, mechanism: SpfMechanism, domain: string, chain: string[]): Promise<boolean> {
  const target = (spec: string | null) => (spec === null ? domain : expandMacros(spec, e, domain));
  const prefixOf = (m: { prefix4: number; prefix6: number }) => (isIPv4(e.ip) ? m.prefix4 : m.prefix6);
  switch (mechanism.kind) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return inNetwork(e.ip, mechanism.network, mechanism.prefix);
    case 'a': {
      countLookup(e, domain);
      const name = target(mechanism.domain);
      return (await addressesOf(e, name, true)).some((address) => inNetwork(e.ip, address, prefixOf(mechanism)));
    }
    case 'mx': {
      countLookup(e, domain);
      const name = target(mechanism.domain);
      const exchanges = records(e, await e.dns.mx(name), name);
      if (exchanges.length > MAX_MX_NAMES) throw new SpfStop('permerror', { kind: 'tooManyMx', domain: name });
      for (const mx of exchanges) {
        if ((await addressesOf(e, mx.exchange, false)).some((address) => inNetwork(e.ip, address, prefixOf(mechanism)))) return true;
      }
      return false;
    }
    case 'ptr': {
      countLookup(e, domain);
      const name = target(mechanism.domain);
      const reverse = await e.dns.ptr(e.ip);
      if (reverse.kind !== 'records') return false;
      for (const host of reverse.records.slice(0, MAX_PTR_NAMES)) {
        const forward = isIPv4(e.ip) ? await e.dns.a(host) : await e.dns.aaaa(host);
        const validated = forward.kind === 'records' && forward.records.some((address) => inNetwork(e.ip, address, isIPv4(e.ip) ? 32 : 128));
        const h = host.toLowerCase().replace(/\.$/, '');
        if (validated && (h === name || h.endsWith(`.${name}`))) return true;
      }
      return false;
    }
    case 'exists': {
      countLookup(e, domain);
      const name = target(mechanism.domain);
      return records(e, await e.dns.a(name), name).length > 0;
    }
    case 'include': {
      countLookup(e, domain);
      const name = target(mechanism.domain);
      if (chain.includes(name)) throw new SpfStop('permerror', { kind: 'includeLoop', domain: name });
      const result = await evaluate(e, name, [...chain, name], true);
      if (result === 'none') throw new SpfStop('permerror', { kind: 'noRecord', domain: name });
      return result === 'pass';
    }
  }
}

async function evaluate(e: Evaluation, domain: string, chain: string[], nested: boolean): Promise<SpfResult> {
  const answer = await e.dns.txt(domain);
  const texts = nested ? records(e, answer, domain) : answer.kind === 'void' ? [] : records(e, answer, domain);
  const spf = texts.filter(isSpfRecord);
  if (spf.length === 0) return 'none';
  if (spf.length > 1) throw new SpfStop('permerror', { kind: 'multipleRecords', domain });
  const parsed = parseSpf(spf[0]!);
  if (!parsed.ok) throw new SpfStop('permerror', { kind: 'syntax', domain, term: parsed.term, problem: parsed.problem });
  for (const mechanism of parsed.record.mechanisms) {
    if (await matches(e, mechanism, domain, chain)) {
      if (!nested) e.matched = mechanism.text;
      return RESULT_OF[mechanism.qualifier];
    }
  }
  if (parsed.record.redirect !== null) {
    countLookup(e, domain);
    const name = expandMacros(parsed.record.redirect, e, domain);
    if (chain.includes(name)) throw new SpfStop('permerror', { kind: 'includeLoop', domain: name });
    const result = await evaluate(e, name, [...chain, name], true);
    if (result === 'none') throw new SpfStop('permerror', { kind: 'noRecord', domain: name });
    if (!nested) e.matched = `redirect=${parsed.record.redirect}`;
    return result;
  }
  return 'neutral';
}

/**
 * `check_host(ip, domain, sender)`: what the domain's SPF record says of mail from this address.
 * `sender` is the envelope sender's local part (the checks use `postmaster`), `helo` the name the
 * sending server greets with.
 */
export async function checkHost(dns: DnsLookup, ip: string, domain: string, options: { local?: string; helo?: string } = {}): Promise<SpfOutcome> {
  const e: Evaluation = { dns, ip, sender: { local: options.local ?? 'postmaster', domain }, helo: options.helo ?? domain, lookups: 0, voids: 0, matched: null };
  const name = domain.toLowerCase().replace(/\.$/, '');
  try {
    const result = await evaluate(e, name, [name], false);
    return { result, problem: null, matched: e.matched, lookups: e.lookups, voids: e.voids };
  } catch (error) {
    if (!(error instanceof SpfStop)) throw error;
    return { result: error.result, problem: error.problem, matched: null, lookups: e.lookups, voids: e.voids };
  }
}

/** The SPF record with the host's terms added right after `v=spf1` (or a new one when there is none or it cannot be read). */
export function recommendSpf(existing: string | null, terms: string[]): string {
  if (existing !== null && parseSpf(existing).ok) {
    const rest = existing.trim().split(/ +/).slice(1);
    const kept = rest.filter((term) => !terms.includes(term.replace(/^\+/, '')));
    return ['v=spf1', ...terms, ...kept].join(' ');
  }
  return ['v=spf1', ...terms, '~all'].join(' ');
}
