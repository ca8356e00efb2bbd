import type { MessageKey, Params } from '../../platform/views/i18n.ts';
import { MAX_TXT_LENGTH, type DnsAnswer, type DnsLookup } from './dns-lookup.ts';
import { checkHost, isSpfRecord, MAX_DNS_TERMS, parseSpf, recommendSpf, type SpfProblem } from './spf.ts';
import { isDmarcRecord, isMtaStsRecord, parseDkimKey, parseDmarc, parseMtaSts, type DkimProblem, type DmarcPolicy, type DmarcProblem } from './records.ts';

/**
 * One check per DNS item a customer's mail domain needs: what was found, whether it is right, and
 * the exact record to set when it is not. Texts are message keys, so the page speaks the
 * reader's language; records are zone data, the same in every language.
 */
export type ItemState = 'ok' | 'missing' | 'wrong' | 'timeout' | 'unreachable' | 'notPublished';

export interface Note {
  key: MessageKey;
  params?: Params;
}

export interface RecordToSet {
  name: string;
  type: 'MX' | 'TXT' | 'SRV' | 'CNAME';
  value: string;
}

export interface CheckItem {
  id: string;
  title: Note;
  /** The name asked for and the record type. */
  name: string;
  type: RecordToSet['type'];
  state: ItemState;
  /** The records found, as the DNS answered them (long ones shortened). */
  found: string[];
  notes: Note[];
  /** What to set; empty when the item is right (or optional and left out). */
  records: RecordToSet[];
}

export interface SrvService {
  /** `_imaps._tcp`, `_submission._tcp`, … (RFC 6186, RFC 8314). */
  service: string;
  host: string;
  port: number;
}

/** What the host's mail setup expects of every customer domain (from the settings). */
export interface MailDnsExpectations {
  mxHosts: string[];
  /** Addresses the SPF record must allow; empty: those of `smtpHost`. */
  outboundIps: string[];
  smtpHost: string;
  /** The terms to add to an SPF record so that it allows the host (`include:…`, `ip4:…`, `a:…`). */
  spfTerms: string[];
  dkim: { selector: string; publicKey: string | null }[];
  autoconfigHost: string;
  srv: SrvService[];
}

type Verdict = { state: ItemState; found?: string[]; notes: Note[]; records?: RecordToSet[] };

export interface ItemSpec {
  id: string;
  title: Note;
  name: string;
  type: RecordToSet['type'];
  expected: RecordToSet[];
  run(dns: DnsLookup): Promise<Verdict>;
}

const FAILED_NOTE: Record<'servfail' | 'refused' | 'malformed', MessageKey> = {
  servfail: 'dnsCheck.note.servfail',
  refused: 'dnsCheck.note.refused',
  malformed: 'dnsCheck.note.malformed',
};

export function failedVerdict(reason: 'timeout' | 'servfail' | 'refused' | 'malformed'): Verdict {
  if (reason === 'timeout') return { state: 'timeout', notes: [{ key: 'dnsCheck.note.timeout' }] };
  return { state: 'unreachable', notes: [{ key: FAILED_NOTE[reason] }] };
}

const SHOWN_LENGTH = 300;
const shown = (text: string) => (text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}… (${text.length})` : text);
const host = (name: string) => name.toLowerCase().replace(/\.$/, '');
const fqdn = (name: string) => `${host(name)}.`;

async function addressesOf(dns: DnsLookup, name: string): Promise<DnsAnswer<string>> {
  const [a, aaaa] = await Promise.all([dns.a(name), dns.aaaa(name)]);
  const records = [...(a.kind === 'records' ? a.records : []), ...(aaaa.kind === 'records' ? aaaa.records : [])];
  if (records.length > 0) return { kind: 'records', records };
  if (a.kind === 'failed') return a;
  if (aaaa.kind === 'failed') return aaaa;
  return a;
}

function mxItem(domain: string, exp: MailDnsExpectations): ItemSpec {
  const expected = exp.mxHosts.map((mx, i) => ({ name: fqdn(domain), type: 'MX' as const, value: `${10 * (i + 1)} ${fqdn(mx)}` }));
  return {
    id: 'mx',
    title: { key: 'dnsCheck.item.mx' },
    name: domain,
    type: 'MX',
    expected,
    async run(dns) {
      const answer = await dns.mx(domain);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      if (answer.kind === 'void') return { state: 'missing', notes: [{ key: 'dnsCheck.mx.none' }] };
      const sorted = [...answer.records].sort((x, y) => x.priority - y.priority);
      const found = sorted.map((r) => `${r.priority} ${host(r.exchange) || '.'}`);
      if (sorted.some((r) => host(r.exchange) === '')) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.mx.null' }] };
      const foreign = sorted.map((r) => host(r.exchange)).filter((h) => !exp.mxHosts.includes(h));
      if (foreign.length > 0) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.mx.foreign', params: { hosts: foreign.join(', '), expected: exp.mxHosts.join(', ') } }] };
      const absent = exp.mxHosts.filter((h) => !sorted.some((r) => host(r.exchange) === h));
      return { state: 'ok', found, notes: absent.length > 0 ? [{ key: 'dnsCheck.mx.okWithout', params: { hosts: absent.join(', ') } }] : [{ key: 'dnsCheck.mx.ok' }] };
    },
  };
}

/** Why an address is not allowed, by the result the record gives it. */
const NOT_ALLOWED: Record<'fail' | 'softfail' | 'neutral', MessageKey> = {
  fail: 'dnsCheck.spf.notAllowed.fail',
  softfail: 'dnsCheck.spf.notAllowed.softfail',
  neutral: 'dnsCheck.spf.notAllowed.neutral',
};

const SPF_PROBLEM: Record<SpfProblem['kind'], MessageKey> = {
  tooManyLookups: 'dnsCheck.spf.problem.tooManyLookups',
  tooManyVoids: 'dnsCheck.spf.problem.tooManyVoids',
  tooManyMx: 'dnsCheck.spf.problem.tooManyMx',
  includeLoop: 'dnsCheck.spf.problem.includeLoop',
  noRecord: 'dnsCheck.spf.problem.noRecord',
  multipleRecords: 'dnsCheck.spf.problem.multipleRecords',
  syntax: 'dnsCheck.spf.problem.syntax',
  dnsFailed: 'dnsCheck.spf.problem.dnsFailed',
};

export function spfProblemNote(problem: SpfProblem): Note {
  return { key: SPF_PROBLEM[problem.kind], params: { domain: problem.domain, max: MAX_DNS_TERMS, term: 'term' in problem ? problem.term : '' } };
}

function spfItem(domain: string, exp: MailDnsExpectations): ItemSpec {
  const record = (existing: string | null) => [{ name: fqdn(domain), type: 'TXT' as const, value: recommendSpf(existing, exp.spfTerms) }];
  return {
    id: 'spf',
    title: { key: 'dnsCheck.item.spf' },
    name: domain,
    type: 'TXT',
    expected: record(null),
    async run(dns) {
      const answer = await dns.txt(domain);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      const spf = answer.kind === 'records' ? answer.records.filter(isSpfRecord) : [];
      const found = spf.map(shown);
      if (spf.length === 0) return { state: 'missing', notes: [{ key: 'dnsCheck.spf.none' }] };
      // A record that cannot be kept is replaced by a new one: whoever else sends for the domain must go back in.
      const replace: Note = { key: 'dnsCheck.spf.replaceWhole' };
      if (spf.length > 1) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.spf.multiple', params: { count: spf.length } }, replace] };
      const text = spf[0]!;
      if (text.length > MAX_TXT_LENGTH) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.spf.tooLong', params: { length: text.length } }, replace] };
      const parsed = parseSpf(text);
      if (!parsed.ok) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.spf.problem.syntax', params: { domain, term: shown(parsed.term) } }, replace] };
      let ips = exp.outboundIps;
      if (ips.length === 0) {
        const addresses = await addressesOf(dns, exp.smtpHost);
        if (addresses.kind === 'failed') return { ...failedVerdict(addresses.reason), found };
        ips = addresses.kind === 'records' ? addresses.records : [];
        if (ips.length === 0) return { state: 'unreachable', found, notes: [{ key: 'dnsCheck.spf.noOutbound', params: { host: exp.smtpHost } }] };
      }
      const outcomes = await Promise.all(ips.map(async (ip) => ({ ip, outcome: await checkHost(dns, ip, domain, { helo: exp.smtpHost }) })));
      const broken = outcomes.find(({ outcome }) => outcome.problem !== null);
      if (broken) {
        const { problem, result } = broken.outcome;
        if (result === 'temperror' && problem!.kind === 'dnsFailed') return { ...failedVerdict(problem!.reason), found };
        return { state: 'wrong', found, notes: [spfProblemNote(problem!), replace], records: record(null) };
      }
      const refused = outcomes.filter(({ outcome }) => outcome.result !== 'pass');
      const lookups = Math.max(...outcomes.map(({ outcome }) => outcome.lookups));
      const counted: Note = { key: 'dnsCheck.spf.lookups', params: { count: lookups, max: MAX_DNS_TERMS } };
      if (refused.length > 0) {
        const notes = refused.map(({ ip, outcome }) => ({
          key: NOT_ALLOWED[outcome.result as keyof typeof NOT_ALLOWED] ?? 'dnsCheck.spf.notAllowed.neutral',
          params: { ip, matched: outcome.matched ?? '—' },
        }));
        return { state: 'wrong', found, notes: [...notes, counted], records: record(text) };
      }
      return { state: 'ok', found, notes: [{ key: 'dnsCheck.spf.allows', params: { ips: ips.join(', ') } }, counted] };
    },
  };
}

const DMARC_PROBLEM: Record<DmarcProblem, MessageKey> = {
  notFirst: 'dnsCheck.dmarc.problem.notFirst',
  badTag: 'dnsCheck.dmarc.problem.badTag',
  duplicateTag: 'dnsCheck.dmarc.problem.duplicateTag',
  noPolicy: 'dnsCheck.dmarc.problem.noPolicy',
  badPolicy: 'dnsCheck.dmarc.problem.badPolicy',
  badReportAddress: 'dnsCheck.dmarc.problem.badReportAddress',
  badPercent: 'dnsCheck.dmarc.problem.badPercent',
};
const DMARC_POLICY: Record<DmarcPolicy, MessageKey> = {
  none: 'dnsCheck.dmarc.policy.none',
  quarantine: 'dnsCheck.dmarc.policy.quarantine',
  reject: 'dnsCheck.dmarc.policy.reject',
};

function dmarcItem(domain: string): ItemSpec {
  const name = `_dmarc.${domain}`;
  return {
    id: 'dmarc',
    title: { key: 'dnsCheck.item.dmarc' },
    name,
    type: 'TXT',
    expected: [{ name: fqdn(name), type: 'TXT', value: `v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain}` }],
    async run(dns) {
      const answer = await dns.txt(name);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      const texts = answer.kind === 'records' ? answer.records.filter(isDmarcRecord) : [];
      const found = texts.map(shown);
      if (texts.length === 0) return { state: 'missing', found: answer.kind === 'records' ? answer.records.map(shown) : [], notes: [{ key: 'dnsCheck.dmarc.none' }] };
      if (texts.length > 1) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.dmarc.multiple', params: { count: texts.length } }] };
      const parsed = parseDmarc(texts[0]!);
      if (!parsed.ok) return { state: 'wrong', found, notes: [{ key: DMARC_PROBLEM[parsed.problem] }] };
      const { dmarc } = parsed;
      const notes: Note[] = [{ key: DMARC_POLICY[dmarc.policy] }];
      if (dmarc.percent < 100) notes.push({ key: 'dnsCheck.dmarc.percent', params: { percent: dmarc.percent } });
      notes.push(dmarc.reportTo.length > 0 ? { key: 'dnsCheck.dmarc.reports', params: { addresses: dmarc.reportTo.join(', ') } } : { key: 'dnsCheck.dmarc.noReports' });
      return { state: 'ok', found, notes };
    },
  };
}

const DKIM_PROBLEM: Record<DkimProblem, MessageKey> = {
  badTag: 'dnsCheck.dkim.problem.badTag',
  duplicateTag: 'dnsCheck.dkim.problem.duplicateTag',
  badVersion: 'dnsCheck.dkim.problem.badVersion',
  noKey: 'dnsCheck.dkim.problem.noKey',
  badKey: 'dnsCheck.dkim.problem.badKey',
  revoked: 'dnsCheck.dkim.problem.revoked',
  unknownKeyType: 'dnsCheck.dkim.problem.unknownKeyType',
};

/** An Ed25519 public key is 32 bytes (44 characters of base64); RSA keys are far longer. */
const keyTypeOf = (publicKey: string) => (publicKey.length === 44 ? 'ed25519' : 'rsa');

function dkimItem(domain: string, selector: string, publicKey: string | null): ItemSpec {
  const name = `${selector}._domainkey.${domain}`;
  return {
    id: `dkim:${selector}`,
    title: { key: 'dnsCheck.item.dkim', params: { selector } },
    name,
    type: 'TXT',
    expected: publicKey ? [{ name: fqdn(name), type: 'TXT', value: `v=DKIM1; k=${keyTypeOf(publicKey)}; p=${publicKey}` }] : [],
    async run(dns) {
      const answer = await dns.txt(name);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      const unknownKey: Note[] = publicKey ? [] : [{ key: 'dnsCheck.dkim.keyUnknown' }];
      if (answer.kind === 'void') return { state: 'missing', notes: [{ key: 'dnsCheck.dkim.none', params: { selector } }, ...unknownKey] };
      const found = answer.records.map(shown);
      if (answer.records.length > 1) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.dkim.multiple', params: { count: answer.records.length } }, ...unknownKey] };
      const text = answer.records[0]!;
      if (text.length > MAX_TXT_LENGTH) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.dkim.problem.badKey' }, ...unknownKey] };
      const parsed = parseDkimKey(text);
      if (!parsed.ok) return { state: 'wrong', found, notes: [{ key: DKIM_PROBLEM[parsed.problem] }, ...unknownKey] };
      if (publicKey && parsed.key.publicKey !== publicKey) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.dkim.otherKey', params: { selector } }] };
      return { state: 'ok', found, notes: [publicKey ? { key: 'dnsCheck.dkim.matches' } : { key: 'dnsCheck.dkim.present', params: { keyType: parsed.key.keyType } }] };
    },
  };
}

/** Answers whether `name` leads to the app: a CNAME to it, or an address it shares (null: no such name). */
async function pointsAt(dns: DnsLookup, name: string, target: string): Promise<Verdict | null> {
  const cname = await dns.cname(name);
  if (cname.kind === 'failed') return failedVerdict(cname.reason);
  if (cname.kind === 'records' && cname.records.some((r) => host(r) === target)) return { state: 'ok', found: cname.records.map((r) => `CNAME ${host(r)}`), notes: [{ key: 'dnsCheck.client.ok', params: { target } }] };
  const [own, theirs] = await Promise.all([addressesOf(dns, name), addressesOf(dns, target)]);
  if (own.kind === 'failed') return failedVerdict(own.reason);
  const found = [...(cname.kind === 'records' ? cname.records.map((r) => `CNAME ${host(r)}`) : []), ...(own.kind === 'records' ? own.records : [])];
  if (own.kind === 'void' && cname.kind === 'void') return null;
  if (theirs.kind === 'failed') return { ...failedVerdict(theirs.reason), found };
  const same = own.kind === 'records' && theirs.kind === 'records' && own.records.some((address) => theirs.records.includes(address));
  if (same) return { state: 'ok', found, notes: [{ key: 'dnsCheck.client.sameAddress', params: { target } }] };
  return { state: 'wrong', found, notes: [{ key: 'dnsCheck.client.elsewhere', params: { target } }] };
}

/** Thunderbird and others ask `https://autoconfig.<domain>/mail/config-v1.1.xml`: the name must lead to the app. */
function autoconfigItem(domain: string, target: string): ItemSpec {
  const name = `autoconfig.${domain}`;
  return {
    id: 'autoconfig',
    title: { key: 'dnsCheck.item.autoconfig' },
    name,
    type: 'CNAME',
    expected: [{ name: fqdn(name), type: 'CNAME', value: fqdn(target) }],
    async run(dns) {
      return (await pointsAt(dns, name, target)) ?? { state: 'missing', notes: [{ key: 'dnsCheck.client.none', params: { name } }] };
    },
  };
}

/**
 * Outlook asks `autodiscover.<domain>` and then the `_autodiscover._tcp` SRV record; either one
 * leading to the app will do. The record to set is the SRV one, as the Zugangsdaten page lists it.
 */
function autodiscoverItem(domain: string, target: string): ItemSpec {
  const name = `_autodiscover._tcp.${domain}`;
  const alias = `autodiscover.${domain}`;
  return {
    id: 'autodiscover',
    title: { key: 'dnsCheck.item.autodiscover' },
    name,
    type: 'SRV',
    expected: [{ name: fqdn(name), type: 'SRV', value: `0 1 443 ${fqdn(target)}` }],
    async run(dns) {
      const srv = await dns.srv(name);
      if (srv.kind === 'failed') return failedVerdict(srv.reason);
      if (srv.kind === 'records') {
        const found = srv.records.map((r) => `${r.priority} ${r.weight} ${r.port} ${host(r.name) || '.'}`);
        if (srv.records.every((r) => host(r.name) === target && r.port === 443)) return { state: 'ok', found, notes: [{ key: 'dnsCheck.srv.ok', params: { host: target, port: 443 } }] };
        return { state: 'wrong', found, notes: [{ key: 'dnsCheck.srv.other', params: { host: target, port: 443 } }] };
      }
      return (await pointsAt(dns, alias, target)) ?? { state: 'missing', notes: [{ key: 'dnsCheck.client.noAutodiscover', params: { name: alias } }] };
    },
  };
}

function srvItem(domain: string, expected: SrvService): ItemSpec {
  const name = `${expected.service}.${domain}`;
  const target = host(expected.host);
  return {
    id: `srv:${expected.service}`,
    title: { key: 'dnsCheck.item.srv', params: { service: expected.service } },
    name,
    type: 'SRV',
    expected: [{ name: fqdn(name), type: 'SRV', value: `0 1 ${expected.port} ${fqdn(target)}` }],
    async run(dns) {
      const answer = await dns.srv(name);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      if (answer.kind === 'void') return { state: 'missing', notes: [{ key: 'dnsCheck.srv.none' }] };
      const found = answer.records.map((r) => `${r.priority} ${r.weight} ${r.port} ${host(r.name) || '.'}`);
      if (answer.records.some((r) => host(r.name) === '')) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.srv.unavailable' }] };
      const other = answer.records.filter((r) => host(r.name) !== target || r.port !== expected.port);
      if (other.length > 0) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.srv.other', params: { host: target, port: expected.port } }] };
      return { state: 'ok', found, notes: [{ key: 'dnsCheck.srv.ok', params: { host: target, port: expected.port } }] };
    },
  };
}

const stsId = (now: Date) => now.toISOString().replace(/\D/g, '').slice(0, 14);

function mtaStsItem(domain: string, now: Date): ItemSpec {
  const name = `_mta-sts.${domain}`;
  const policyHost = `mta-sts.${domain}`;
  return {
    id: 'mta-sts',
    title: { key: 'dnsCheck.item.mtaSts' },
    name,
    type: 'TXT',
    expected: [{ name: fqdn(name), type: 'TXT', value: `v=STSv1; id=${stsId(now)}` }],
    async run(dns) {
      const answer = await dns.txt(name);
      if (answer.kind === 'failed') return failedVerdict(answer.reason);
      const texts = answer.kind === 'records' ? answer.records.filter(isMtaStsRecord) : [];
      if (texts.length === 0) return { state: 'notPublished', notes: [{ key: 'dnsCheck.mtaSts.notPublished' }], records: [] };
      const found = texts.map(shown);
      if (texts.length > 1) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.mtaSts.multiple', params: { count: texts.length } }] };
      const parsed = parseMtaSts(texts[0]!);
      if (!parsed.ok) return { state: 'wrong', found, notes: [{ key: 'dnsCheck.mtaSts.malformed' }] };
      const policy = await addressesOf(dns, policyHost);
      if (policy.kind === 'failed') return { ...failedVerdict(policy.reason), found };
      if (policy.kind === 'void') return { state: 'wrong', found, notes: [{ key: 'dnsCheck.mtaSts.noPolicyHost', params: { host: policyHost } }], records: [] };
      return { state: 'ok', found, notes: [{ key: 'dnsCheck.mtaSts.ok', params: { id: parsed.id, host: policyHost } }] };
    },
  };
}

/** Every item of one domain's check, in the order the page shows them. */
export function itemsFor(domain: string, exp: MailDnsExpectations, now: Date): ItemSpec[] {
  return [
    mxItem(domain, exp),
    spfItem(domain, exp),
    dmarcItem(domain),
    ...exp.dkim.map(({ selector, publicKey }) => dkimItem(domain, selector, publicKey)),
    autoconfigItem(domain, exp.autoconfigHost),
    autodiscoverItem(domain, exp.autoconfigHost),
    ...exp.srv.map((service) => srvItem(domain, service)),
    mtaStsItem(domain, now),
  ];
}
