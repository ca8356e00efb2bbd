import { describe, expect, it } from 'vitest';
import { parseDomainName } from './domain-name.ts';

describe('parseDomainName', () => {
  it.each([
    ['Müller-Bäckerei.de', 'xn--mller-bckerei-hfb76a.de', 'müller-bäckerei.de'],
    ['EXAMPLE.com.', 'example.com', 'example.com'],
    ['straße.de', 'xn--strae-oqa.de', 'straße.de'],
    ['shop.xn--p1ai', 'shop.xn--p1ai', 'shop.рф'],
    ['a-b.c-d.example', 'a-b.c-d.example', 'a-b.c-d.example'],
  ])('accepts %s', (input, ascii, unicode) => {
    expect(parseDomainName(input)).toEqual({ ascii, unicode });
  });

  it.each(['', 'foo', 'a..b.de', '-a.de', 'a-.de', 'a.d', 'exa mple.de', 'ab--c.de', 'user@example.de', 'http://example.de', 'example.123'])(
    'refuses %j',
    (input) => {
      expect(() => parseDomainName(input)).toThrow(/domain\.invalid/);
    },
  );

  it('refuses labels over 63 and names over 253 characters', () => {
    expect(() => parseDomainName(`${'a'.repeat(64)}.de`)).toThrow(/domain\.tooLong/);
    const long = Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.') + '.de';
    expect(() => parseDomainName(long)).toThrow(/domain\.tooLong/);
  });
});
