import { domainToASCII, domainToUnicode } from 'node:url';
import { DomainError } from '../../platform/errors.ts';
import { describeHiddenCharacter, findHiddenCharacter, showHiddenCharacters } from '../../platform/unicode.ts';

export interface DomainName {
  ascii: string;
  unicode: string;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Validates a domain as a customer types it (Unicode or punycode, any case, optional trailing
 * dot) and returns both forms. IDNA mapping is Node's (UTS #46, as browsers do it). A refusal
 * names `field` (the form field the domain came from), when given, with the same message.
 */
export function parseDomainName(input: string, field?: string): DomainName {
  const refuse = (key: 'domain.hiddenCharacter' | 'domain.invalid' | 'domain.tooLong', params: Record<string, string>) =>
    new DomainError('validation', key, field ? { [field]: { key, params } } : {}, params);
  const raw = input.trim().replace(/\.$/, '');
  const shown = raw.slice(0, 80);
  // IDNA would drop a zero-width space quietly and refuse an override with a vague "invalid":
  // say what is wrong instead, and never take a name that differs from what was shown.
  const hidden = findHiddenCharacter(raw);
  if (hidden) throw refuse('domain.hiddenCharacter', { domain: showHiddenCharacters(shown), char: describeHiddenCharacter(hidden) });
  if (raw.length === 0 || raw.length > 1000 || /[\s/@:]/.test(raw)) {
    throw refuse('domain.invalid', { domain: shown });
  }
  const ascii = domainToASCII(raw);
  if (!ascii) throw refuse('domain.invalid', { domain: shown });
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.some((l) => l.length > 63)) {
    throw refuse('domain.tooLong', { domain: shown });
  }
  const tld = labels.at(-1)!;
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(tld)) {
    throw refuse('domain.invalid', { domain: shown });
  }
  // "ab--" in positions 3–4 is reserved for encodings; only xn-- is a valid one.
  if (labels.some((l) => l.slice(2, 4) === '--' && !l.startsWith('xn--'))) {
    throw refuse('domain.invalid', { domain: shown });
  }
  return { ascii, unicode: domainToUnicode(ascii) };
}
