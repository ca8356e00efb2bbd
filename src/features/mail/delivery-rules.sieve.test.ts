import { describe, expect, it } from 'vitest';
import { compileSieveScript, sieveScriptId, sieveString, sieveStringList } from './delivery-rules.sieve.ts';
import { checkAutoReply, checkForwarding } from './delivery-rules.service.ts';

/** Reads one Sieve quoted string back (RFC 5228 2.4.2): `\x` is x, anything else as it stands. */
function readSieveString(text: string): string {
  expect(text.startsWith('"') && text.endsWith('"')).toBe(true);
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i]!;
    if (c === '"') throw new Error(`unescaped quote at ${i}`);
    if (c === '\\') {
      i++;
      if (i >= text.length - 1) throw new Error('dangling backslash');
      out += text[i];
    } else out += c;
  }
  return out;
}

describe('sieveString', () => {
  it.each([
    ['plain', 'Bin im Urlaub'],
    ['quotes', 'Er sagte "Hallo"'],
    ['backslashes', 'C:\\Users\\ und \\" am Ende \\'],
    ['a would-be closing quote and command', '"; discard; vacation "x'],
    ['variables and encoded characters, literal without their extensions', '${hex:41} ${from}'],
    ['umlauts and emoji', 'Grüße aus Köln 🌞'],
  ])('round-trips %s', (_name, text) => {
    expect(readSieveString(sieveString(text))).toBe(text);
  });

  it('writes line breaks as CRLF, whatever the input used', () => {
    expect(sieveString('a\nb\r\nc\rd')).toBe('"a\r\nb\r\nc\r\nd"');
    expect(readSieveString(sieveString('Zeile 1\n.\nZeile 3'))).toBe('Zeile 1\r\n.\r\nZeile 3');
  });

  it('refuses control characters instead of writing them', () => {
    expect(() => sieveString('a\u0000b')).toThrow();
    expect(() => sieveString('a\u001bb')).toThrow();
    expect(sieveString('a\tb')).toBe('"a\tb"');
  });

  it('writes string lists', () => {
    expect(sieveStringList(['a@b.de', 'x"y@b.de'])).toBe('["a@b.de", "x\\"y@b.de"]');
  });
});

describe('compileSieveScript', () => {
  const own = ['anna@beispiel.de', 'info@beispiel.de'];
  const reply = { from: null, until: null, subject: 'Weg', body: 'Bin weg.', days: 7, answerFor: ['anna@beispiel.de'] };

  it('is null when nothing is on', () => {
    expect(compileSieveScript({ ownAddresses: own, autoReply: null, forward: null }, '500001.002')).toBeNull();
  });

  it('writes a vacation action limited to the chosen addresses and never to the own ones', () => {
    const script = compileSieveScript({ ownAddresses: own, autoReply: reply, forward: null }, '500001.002')!;
    expect(script).toContain('require ["envelope", "vacation"];');
    expect(script).toContain('envelope :all :comparator "i;ascii-casemap" :is "to" ["anna@beispiel.de"]');
    expect(script).toContain('not envelope :all :comparator "i;ascii-casemap" :is "from" ["anna@beispiel.de", "info@beispiel.de"]');
    expect(script).toContain('vacation :days 7 :subject "Weg" :addresses ["anna@beispiel.de", "info@beispiel.de"]');
    expect(script).not.toMatch(/variables|encoded-character|keep;/);
  });

  it('adds the days as currentdate tests', () => {
    const script = compileSieveScript({ ownAddresses: own, autoReply: { ...reply, from: '2026-12-01', until: '2026-12-24' }, forward: null }, '500001.002')!;
    expect(script).toContain('require ["date", "envelope", "relational", "vacation"];');
    expect(script).toContain('currentdate :value "ge" "date" "2026-12-01"');
    expect(script).toContain('currentdate :value "le" "date" "2026-12-24"');
  });

  it('keeps user text inside its strings', () => {
    const script = compileSieveScript({ ownAddresses: own, autoReply: { ...reply, subject: 'a" ; discard ; "', body: '}\nkeep;\n"' }, forward: null }, '500001.002')!;
    expect(script).toContain(':subject "a\\" ; discard ; \\""');
    expect(script).toContain('"}\r\nkeep;\r\n\\""');
  });

  it('redirects with :copy to keep a copy, plain otherwise, and then needs no require', () => {
    expect(compileSieveScript({ ownAddresses: own, autoReply: null, forward: { to: 'x@y.de', keepCopy: true } }, '500001.002')).toContain('require ["copy"];\r\n\r\nredirect :copy "x@y.de";');
    const plain = compileSieveScript({ ownAddresses: own, autoReply: null, forward: { to: 'x@y.de', keepCopy: false } }, '500001.002')!;
    expect(plain).toContain('redirect "x@y.de";');
    expect(plain).not.toContain('require');
  });

  it('refuses what cannot be a valid script', () => {
    expect(() => compileSieveScript({ ownAddresses: own, autoReply: { ...reply, days: 0 }, forward: null }, 'n')).toThrow();
    expect(() => compileSieveScript({ ownAddresses: own, autoReply: { ...reply, from: '1.12.2026' }, forward: null }, 'n')).toThrow();
    expect(() => compileSieveScript({ ownAddresses: own, autoReply: { ...reply, answerFor: [] }, forward: null }, 'n')).toThrow();
  });

  it('gives a new id to every new text', () => {
    expect(sieveScriptId('a')).not.toBe(sieveScriptId('b'));
    expect(sieveScriptId('a')).toBe(sieveScriptId('a'));
  });
});

describe('checkAutoReply and checkForwarding', () => {
  const own = ['anna@beispiel.de'];
  const base = { active: true, from: '', until: '', subject: 'Weg', body: 'Bin weg.', days: 7, addresses: ['anna@beispiel.de'] };
  const fieldsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return Object.keys((error as { fields: object }).fields);
    }
    return [];
  };

  it('refuses header injection, control characters, oversize texts, zero intervals, reversed days and foreign addresses', () => {
    expect(fieldsOf(() => checkAutoReply({ ...base, subject: 'Weg\r\nBcc: x@y.de' }, own, '2026-12-01'))).toEqual(['subject']);
    expect(fieldsOf(() => checkAutoReply({ ...base, subject: 'Weg\nBcc: x@y.de' }, own, '2026-12-01'))).toEqual(['subject']);
    expect(fieldsOf(() => checkAutoReply({ ...base, body: 'a\u0000b' }, own, '2026-12-01'))).toEqual(['body']);
    expect(fieldsOf(() => checkAutoReply({ ...base, body: 'x'.repeat(4001) }, own, '2026-12-01'))).toEqual(['body']);
    expect(fieldsOf(() => checkAutoReply({ ...base, subject: 'x'.repeat(151) }, own, '2026-12-01'))).toEqual(['subject']);
    expect(fieldsOf(() => checkAutoReply({ ...base, days: 0 }, own, '2026-12-01'))).toEqual(['days']);
    expect(fieldsOf(() => checkAutoReply({ ...base, days: Number.NaN }, own, '2026-12-01'))).toEqual(['days']);
    expect(fieldsOf(() => checkAutoReply({ ...base, from: '2026-12-10', until: '2026-12-05' }, own, '2026-12-01'))).toEqual(['until']);
    expect(fieldsOf(() => checkAutoReply({ ...base, from: '2026-02-30' }, own, '2026-12-01'))).toEqual(['from']);
    expect(fieldsOf(() => checkAutoReply({ ...base, until: '2026-11-30' }, own, '2026-12-01'))).toEqual(['until']);
    expect(fieldsOf(() => checkAutoReply({ ...base, addresses: ['boss@other.de'] }, own, '2026-12-01'))).toEqual(['addresses']);
    expect(fieldsOf(() => checkAutoReply({ ...base, addresses: [] }, own, '2026-12-01'))).toEqual(['addresses']);
    expect(fieldsOf(() => checkAutoReply({ ...base, subject: '' }, own, '2026-12-01'))).toEqual(['subject']);
    // Bidi overrides and zero-width characters: the reply would read otherwise than it says.
    expect(fieldsOf(() => checkAutoReply({ ...base, subject: 'Urlaub\u202Etxt.exe' }, own, '2026-12-01'))).toEqual(['subject']);
    expect(fieldsOf(() => checkAutoReply({ ...base, body: 'Zurück am\u200B Montag' }, own, '2026-12-01'))).toEqual(['body']);
  });

  it('names every wrong field at once, and reads days typed as TT.MM.JJJJ', () => {
    expect(fieldsOf(() => checkAutoReply({ ...base, days: 0, from: '2026-12-10', until: '2026-12-05', subject: 'a\nb' }, own, '2026-12-01')).sort()).toEqual(['days', 'subject', 'until']);
    expect(checkAutoReply({ ...base, from: '1.12.2026', until: '24.12.2026' }, own, '2026-12-01')).toMatchObject({ from: '2026-12-01', until: '2026-12-24' });
    expect(fieldsOf(() => checkAutoReply({ ...base, from: '31.02.2026' }, own, '2026-12-01'))).toEqual(['from']);
  });

  it('keeps a switched-off reply without texts, and normalises line breaks', () => {
    expect(checkAutoReply({ ...base, active: false, subject: '', body: '', addresses: [] }, own, '2026-12-01').active).toBe(false);
    expect(checkAutoReply({ ...base, body: 'a\r\nb\r\n\r\n' }, own, '2026-12-01').body).toBe('a\nb');
  });

  it('forwards to one valid address that is not the mailbox itself', () => {
    expect(checkForwarding({ target: ' Boss@Beispiel.DE ', keepCopy: false }, own)).toEqual({ target: 'boss@beispiel.de', keepCopy: false });
    expect(checkForwarding({ target: '', keepCopy: true }, own)).toEqual({ target: null, keepCopy: true });
    expect(fieldsOf(() => checkForwarding({ target: 'a@b.de, c@d.de', keepCopy: true }, own))).toEqual(['target']);
    expect(fieldsOf(() => checkForwarding({ target: 'kein-at', keepCopy: true }, own))).toEqual(['target']);
    expect(fieldsOf(() => checkForwarding({ target: 'anna@beispiel.de', keepCopy: true }, own))).toEqual(['target']);
    expect(fieldsOf(() => checkForwarding({ target: 'x@y.de\r\nBcc: z@y.de', keepCopy: true }, own))).toEqual(['target']);
  });
});
