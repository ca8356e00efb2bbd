import { describe, expect, it } from 'vitest';
import { parseDkimKey, parseDmarc, parseMtaSts } from './records.ts';

describe('parseDmarc', () => {
  it('reads the policy, subdomain policy, percentage and report addresses', () => {
    expect(parseDmarc('v=DMARC1; p=reject; sp=quarantine; pct=50; rua=mailto:dmarc@kunde.de,mailto:reports@example.net!10m')).toEqual({
      ok: true,
      dmarc: { policy: 'reject', subdomainPolicy: 'quarantine', percent: 50, reportTo: ['dmarc@kunde.de', 'reports@example.net'] },
    });
    expect(parseDmarc('v=DMARC1;p=none')).toMatchObject({ ok: true, dmarc: { policy: 'none', reportTo: [] } });
  });

  it.each([
    ['p=reject; v=DMARC1', 'notFirst'],
    ['v=DMARC1; rua=mailto:a@kunde.de', 'noPolicy'],
    ['v=DMARC1; p=block', 'badPolicy'],
    ['v=DMARC1; p=none; rua=dmarc@kunde.de', 'badReportAddress'],
    ['v=DMARC1; p=none; p=reject', 'duplicateTag'],
    ['v=DMARC1; p=none; pct=150', 'badPercent'],
    ['v=DMARC1; p=none; garbage', 'badTag'],
  ])('refuses %s', (text, problem) => {
    expect(parseDmarc(text)).toEqual({ ok: false, problem });
  });
});

describe('parseDkimKey', () => {
  it('reads the key type and the key without whitespace', () => {
    expect(parseDkimKey('v=DKIM1; k=rsa; p=MIGfMA0G CSqGSIb3 DQEBAQUA')).toEqual({ ok: true, key: { keyType: 'rsa', publicKey: 'MIGfMA0GCSqGSIb3DQEBAQUA' } });
    expect(parseDkimKey('p=MIGf')).toMatchObject({ ok: true, key: { keyType: 'rsa' } });
  });

  it.each([
    ['v=DKIM1; k=rsa; p=', 'revoked'],
    ['v=DKIM1; k=rsa', 'noKey'],
    ['k=rsa; v=DKIM1; p=MIGf', 'badVersion'],
    ['v=DKIM1; k=dsa; p=MIGf', 'unknownKeyType'],
    ['v=DKIM1; p=not*base64', 'badKey'],
    ['v=DKIM1; p', 'badTag'],
  ])('refuses %s', (text, problem) => {
    expect(parseDkimKey(text)).toEqual({ ok: false, problem });
  });
});

describe('parseMtaSts', () => {
  it('reads the id and refuses anything else', () => {
    expect(parseMtaSts('v=STSv1; id=2026-01-01;')).toEqual({ ok: false, problem: 'badId' });
    expect(parseMtaSts('v=STSv1; id=20260101000000')).toEqual({ ok: true, id: '20260101000000' });
    expect(parseMtaSts('id=1; v=STSv1')).toEqual({ ok: false, problem: 'notFirst' });
  });
});
