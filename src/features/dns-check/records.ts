/**
 * The tag=value records of DMARC (RFC 7489 6.3), DKIM keys (RFC 6376 3.6.1) and MTA-STS
 * (RFC 8461 3.1): parsed into what the checks judge, or the reason they cannot be read.
 */
export type TagParse = { ok: true; tags: Map<string, string> } | { ok: false; problem: 'badTag' | 'duplicateTag' };

export function parseTags(text: string): TagParse {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const m = /^\s*([a-z][a-z0-9_]*)\s*=\s*([\s\S]*?)\s*$/i.exec(part);
    if (!m) return { ok: false, problem: 'badTag' };
    const name = m[1]!.toLowerCase();
    if (tags.has(name)) return { ok: false, problem: 'duplicateTag' };
    tags.set(name, m[2]!);
  }
  return { ok: true, tags };
}

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface Dmarc {
  policy: DmarcPolicy;
  subdomainPolicy: DmarcPolicy | null;
  /** Where aggregate reports go (`rua=`), as mailto addresses. */
  reportTo: string[];
  percent: number;
}

export type DmarcProblem = 'notFirst' | 'badTag' | 'duplicateTag' | 'noPolicy' | 'badPolicy' | 'badReportAddress' | 'badPercent';

export const isDmarcRecord = (text: string) => /^\s*v\s*=\s*DMARC1\s*(;|$)/i.test(text);

const POLICIES: DmarcPolicy[] = ['none', 'quarantine', 'reject'];
const asPolicy = (v: string | undefined) => (v !== undefined && (POLICIES as string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as DmarcPolicy) : null);

export function parseDmarc(text: string): { ok: true; dmarc: Dmarc } | { ok: false; problem: DmarcProblem } {
  if (!/^\s*v\s*=\s*DMARC1\s*(;|$)/.test(text)) return { ok: false, problem: 'notFirst' };
  const parsed = parseTags(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { tags } = parsed;
  if (!tags.has('p')) return { ok: false, problem: 'noPolicy' };
  const policy = asPolicy(tags.get('p'));
  if (!policy) return { ok: false, problem: 'badPolicy' };
  const sp = tags.get('sp');
  const subdomainPolicy = sp === undefined ? null : asPolicy(sp);
  if (sp !== undefined && !subdomainPolicy) return { ok: false, problem: 'badPolicy' };
  const reportTo: string[] = [];
  for (const uri of (tags.get('rua') ?? '').split(',').map((u) => u.trim()).filter(Boolean)) {
    const m = /^mailto:([^\s!@,;]+@[^\s!@,;]+\.[^\s!@,;]+)(?:![0-9]+[kmgt]?)?$/i.exec(uri);
    if (!m) return { ok: false, problem: 'badReportAddress' };
    reportTo.push(decodeURIComponent(m[1]!));
  }
  const pct = tags.get('pct');
  const percent = pct === undefined ? 100 : Number(pct);
  if (!/^\d{1,3}$/.test(pct ?? '100') || percent > 100) return { ok: false, problem: 'badPercent' };
  return { ok: true, dmarc: { policy, subdomainPolicy, reportTo, percent } };
}

export interface DkimKey {
  keyType: string;
  /** The public key (`p=`), whitespace removed; empty: the key was revoked. */
  publicKey: string;
}

export type DkimProblem = 'badTag' | 'duplicateTag' | 'badVersion' | 'noKey' | 'badKey' | 'revoked' | 'unknownKeyType';

export function parseDkimKey(text: string): { ok: true; key: DkimKey } | { ok: false; problem: DkimProblem } {
  const parsed = parseTags(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { tags } = parsed;
  // v= is optional, but when present it must be first and "DKIM1".
  if (tags.has('v') && (tags.get('v') !== 'DKIM1' || [...tags.keys()][0] !== 'v')) return { ok: false, problem: 'badVersion' };
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  if (!['rsa', 'ed25519'].includes(keyType)) return { ok: false, problem: 'unknownKeyType' };
  if (!tags.has('p')) return { ok: false, problem: 'noKey' };
  const publicKey = tags.get('p')!.replace(/\s+/g, '');
  if (publicKey === '') return { ok: false, problem: 'revoked' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey) || publicKey.length % 4 !== 0) return { ok: false, problem: 'badKey' };
  return { ok: true, key: { keyType, publicKey } };
}

export const isMtaStsRecord = (text: string) => /^\s*v\s*=\s*STSv1\s*(;|$)/i.test(text);

export function parseMtaSts(text: string): { ok: true; id: string } | { ok: false; problem: 'badTag' | 'duplicateTag' | 'notFirst' | 'badId' } {
  if (!/^v=STSv1(;|\s|$)/.test(text.trim())) return { ok: false, problem: 'notFirst' };
  const parsed = parseTags(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const id = parsed.tags.get('id') ?? '';
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return { ok: false, problem: 'badId' };
  return { ok: true, id };
}
