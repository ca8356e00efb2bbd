import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode } from './totp.ts';

// RFC 6238 appendix B (SHA-1, secret "12345678901234567890"), reduced to 6 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('matches the RFC 6238 test vector at %i s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('matches RFC 4226 HOTP vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 3, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });

  it('accepts one step of drift and nothing beyond', () => {
    const now = new Date(1_800_000_000_000);
    const at = (s: number) => totpCode(RFC_SECRET, new Date(now.getTime() + s * 1000));
    expect(matchTotp(RFC_SECRET, at(0), now)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, at(-30), now)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, at(30), now)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, at(-90), now)).toBeNull();
    expect(matchTotp(RFC_SECRET, 'abcdef', now)).toBeNull();
  });
});
