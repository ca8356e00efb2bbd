/**
 * Characters that change what a reader sees without being seen themselves: the bidirectional
 * embeddings, overrides and isolates (a U+202E turns "abc‮fdp.exe" into "abcexe.pdf" on screen),
 * the direction marks, and the zero-width characters. In a name, a subject or a file name they
 * only ever disguise; inside a message body they may be legitimate (an emoji joined with U+200D,
 * a Persian word with U+200C), so bodies keep them and show them escaped instead.
 */
const HIDDEN_NAMES: ReadonlyMap<number, string> = new Map([
  [0x061c, 'ALM'],
  [0x200b, 'ZWSP'],
  [0x200c, 'ZWNJ'],
  [0x200d, 'ZWJ'],
  [0x200e, 'LRM'],
  [0x200f, 'RLM'],
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x2060, 'WJ'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
  [0xfeff, 'ZWNBSP'],
]);

const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const HIDDEN_GLOBAL = new RegExp(HIDDEN.source, 'g');
/** C0 and C1 controls (tab and line breaks among them), DEL, and the Unicode line and paragraph separators. */
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** "U+202E" for a character. */
export function codePointOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "U+202E RLO": the code point and its usual short name, for people who have to act on it. */
export function describeHiddenCharacter(char: string): string {
  const name = HIDDEN_NAMES.get(char.codePointAt(0)!);
  return name ? `${codePointOf(char)} ${name}` : codePointOf(char);
}

/** The first hidden character of a text, or null. */
export function findHiddenCharacter(text: string): string | null {
  return HIDDEN.exec(text)?.[0] ?? null;
}

/** Plain text with every hidden character written out as "[U+202E]": for mail subjects, file names in messages, logs. */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_GLOBAL, (c) => `[${codePointOf(c)}]`);
}

/** The text without its hidden characters: for search queries, where they mean nothing and refusing would only frustrate. */
export function removeHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_GLOBAL, '');
}

/** The text cut into plain runs and hidden characters, for views that mark the latter up. */
export function splitHiddenCharacters(text: string): { text: string; hidden: boolean }[] {
  const parts: { text: string; hidden: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(HIDDEN_GLOBAL)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hidden: false });
    parts.push({ text: m[0], hidden: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hidden: false });
  return parts;
}

export type SingleLineProblem = { key: 'common.hiddenCharacter'; params: { char: string } } | { key: 'common.singleLine'; params: Record<string, never> };

/**
 * Why a text may not stand in a single-line field (a name, a subject, a title, a file name), or
 * null: no line breaks or control characters, no hidden characters.
 */
export function singleLineProblem(text: string): SingleLineProblem | null {
  const hidden = findHiddenCharacter(text);
  if (hidden) return { key: 'common.hiddenCharacter', params: { char: describeHiddenCharacter(hidden) } };
  if (CONTROL_OR_BREAK.test(text)) return { key: 'common.singleLine', params: {} };
  return null;
}
