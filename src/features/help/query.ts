import type { Language } from '../../platform/db/database.ts';
import { GLOSSARY_DE, GLOSSARY_EN } from './glossary.ts';
import { foldedWords, isStopword, stemWord } from './text.ts';

export const MAX_QUERY_LENGTH = 200;
const MAX_GROUPS = 10;

/** One word of the query: any of its alternatives (each a list of folded words, all required) may match. */
export interface QueryGroup {
  text: string;
  alternatives: string[][];
}

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'jump'; entryId: number }
  | { kind: 'words'; groups: QueryGroup[]; words: string[] };

interface Synonyms {
  /** stem sequence (joined by space) → the group's alternatives as folded word lists */
  byStems: Map<string, string[][]>;
  longest: number;
}

const synonymCache = new Map<Language, Synonyms>();

function synonymsOf(language: Language): Synonyms {
  const cached = synonymCache.get(language);
  if (cached) return cached;
  const byStems = new Map<string, string[][]>();
  let longest = 1;
  for (const line of language === 'de' ? GLOSSARY_DE : GLOSSARY_EN) {
    const members = line.split('|').map((m) => foldedWords(m.trim())).filter((m) => m.length > 0);
    for (const member of members) {
      const key = member.map((w) => stemWord(w, language)).join(' ');
      const known = byStems.get(key) ?? [];
      for (const other of members) if (!known.some((k) => k.join(' ') === other.join(' '))) known.push(other);
      byStems.set(key, known);
      longest = Math.max(longest, member.length);
    }
  }
  const result = { byStems, longest };
  synonymCache.set(language, result);
  return result;
}

/**
 * Turns what a visitor typed into search groups. Everything but letters and digits is dropped,
 * so quotes, `*`, parentheses or `NEAR` can never reach FTS syntax; "#1002" or "1002" is a jump.
 */
export function parseQuery(raw: string, language: Language): ParsedQuery {
  const text = raw.slice(0, MAX_QUERY_LENGTH).trim();
  const jump = /^#?\s*(\d{3,9})$/.exec(text);
  if (jump) return { kind: 'jump', entryId: Number(jump[1]) };
  const words = foldedWords(text).filter((w) => w.length <= 60);
  const meaningful = words.filter((w) => !isStopword(w, language));
  const tokens = meaningful.length > 0 ? meaningful : words;
  if (tokens.length === 0) return { kind: 'empty' };

  const { byStems, longest } = synonymsOf(language);
  const stems = tokens.map((w) => stemWord(w, language));
  const groups: QueryGroup[] = [];
  for (let i = 0; i < tokens.length && groups.length < MAX_GROUPS; ) {
    let matched = 0;
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const alternatives = byStems.get(stems.slice(i, i + n).join(' '));
      if (alternatives) {
        const own = tokens.slice(i, i + n);
        const rest = alternatives.filter((a) => a.join(' ') !== own.join(' '));
        groups.push({ text: own.join(' '), alternatives: [own, ...rest] });
        matched = n;
        break;
      }
    }
    if (!matched) {
      groups.push({ text: tokens[i]!, alternatives: [[tokens[i]!]] });
      matched = 1;
    }
    i += matched;
  }
  return { kind: 'words', groups, words: tokens };
}

/** Ways to read a compound as two known words, e.g. "postfachpasswort" → postfach + passwort. */
export function compoundSplits(word: string): { head: string; tail: string }[] {
  const splits: { head: string; tail: string }[] = [];
  for (let i = 3; i <= word.length - 3; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    splits.push({ head, tail });
    // The linking "s" or "n" of German compounds: "anmeldungsdaten", "kundennummer".
    if ((head.endsWith('s') || head.endsWith('n')) && head.length > 3) splits.push({ head: head.slice(0, -1), tail });
  }
  return splits;
}
