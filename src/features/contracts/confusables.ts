/**
 * Domain names that pass for others (UTS #39, "Unicode Security Mechanisms"), in two checks:
 *
 * - Mixed scripts: a label whose letters come from more than one script, such as
 *   "mustermann-bеispiel" with a Cyrillic "е", is rarely honest. Allowed are single-script labels
 *   and the combinations UTS #39 calls highly restrictive (Latin with Han and Japanese kana, with
 *   Han and Bopomofo, with Han and Hangul). Digits, hyphens and combining marks belong to every
 *   script. Scripts are told apart for the 32 scripts of `SCRIPTS` (those registries offer IDNs
 *   in); a letter of any other script counts as one more script, "Other".
 *
 * - Skeletons: two names whose letters map to the same prototypes look alike, even when each is
 *   a single script ("аррӏе" in Cyrillic against "apple"). The table below is a small hand-made
 *   part of UTS #39's confusables.txt: lowercase Cyrillic and Greek letters that look like a Latin
 *   letter, and a few Latin lookalikes (dotless i, script g, Latin alpha). Letters with
 *   diacritics are covered through NFD ("ё" is "е" plus a diaeresis, so it matches "ë"). Not
 *   covered: lookalikes within ASCII (0/o, 1/l, rn/m), Armenian, Cherokee and other scripts'
 *   lookalikes, and uppercase forms (IDNA lowercases every name first).
 */

const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali', 'Gurmukhi',
  'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar',
  'Georgian', 'Hangul', 'Ethiopic', 'Cherokee', 'Khmer', 'Mongolian', 'Hiragana', 'Katakana', 'Bopomofo', 'Han',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => ({ name, pattern: new RegExp(`\\p{Script_Extensions=${name}}`, 'u') }));
/** Characters every script shares: digits, the hyphen, combining marks. */
const SHARED = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

/** The combinations that are normal within one writing system (UTS #39 "highly restrictive"). */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** Non-ASCII letter → the Latin letter it passes for. ASCII maps to itself, always. */
const PROTOTYPES = new Map<string, string>([
  // Cyrillic
  ['\u0430', 'a'], // а
  ['\u0441', 'c'], // с
  ['\u0501', 'd'], // ԁ
  ['\u0435', 'e'], // е
  ['\u04bb', 'h'], // һ
  ['\u0456', 'i'], // і
  ['\u0458', 'j'], // ј
  ['\u043a', 'k'], // к
  ['\u04cf', 'l'], // ӏ
  ['\u043f', 'n'], // п
  ['\u043e', 'o'], // о
  ['\u0440', 'p'], // р
  ['\u051b', 'q'], // ԛ
  ['\u0455', 's'], // ѕ
  ['\u0442', 't'], // т
  ['\u0475', 'v'], // ѵ
  ['\u051d', 'w'], // ԝ
  ['\u0445', 'x'], // х
  ['\u0443', 'y'], // у
  ['\u04af', 'y'], // ү
  ['\u044c', 'b'], // ь
  // Greek
  ['\u03b1', 'a'], // α
  ['\u03f2', 'c'], // ϲ
  ['\u03b9', 'i'], // ι
  ['\u03f3', 'j'], // ϳ
  ['\u03ba', 'k'], // κ
  ['\u03b7', 'n'], // η
  ['\u03bf', 'o'], // ο
  ['\u03c1', 'p'], // ρ
  ['\u03c4', 't'], // τ
  ['\u03c5', 'u'], // υ
  ['\u03bd', 'v'], // ν
  ['\u03c9', 'w'], // ω
  ['\u03c7', 'x'], // χ
  ['\u03b3', 'y'], // γ
  ['\u03b2', 'ß'], // β
  // Latin lookalikes of Latin letters
  ['\u0131', 'i'], // ı dotless i
  ['\u0269', 'i'], // ɩ
  ['\u0251', 'a'], // ɑ
  ['\u0261', 'g'], // ɡ
  ['\u01c0', 'l'], // ǀ
]);

/** The scripts of one character, or null for characters every script shares. */
function scriptsOf(char: string): string[] | null {
  if (SHARED.test(char)) return null;
  const found = SCRIPT_PATTERNS.filter((s) => s.pattern.test(char)).map((s) => s.name);
  return found.length > 0 ? found : ['Other'];
}

/**
 * The scripts a label mixes, or null when it is single-script or an allowed combination.
 * Judged label by label: "shop.рф" is a Latin label beside a Cyrillic one, which is normal.
 */
export function mixedScriptsOf(name: string): string[] | null {
  for (const label of name.split('.')) {
    const sets = [...label].map(scriptsOf).filter((s): s is string[] => s !== null);
    if (sets.length === 0) continue;
    const common = sets.reduce((a, b) => a.filter((x) => b.includes(x)));
    if (common.length > 0) continue;
    const used = [...new Set(sets.map((s) => s[0]!))];
    if (ALLOWED_MIXES.some((mix) => sets.every((s) => s.some((x) => mix.includes(x))))) continue;
    return used;
  }
  return null;
}

/** The UTS #39 skeleton of a (lowercase, Unicode) domain name: equal skeletons look alike. */
export function skeletonOf(name: string): string {
  return [...name.normalize('NFD')].map((c) => PROTOTYPES.get(c) ?? c).join('').normalize('NFD');
}

/** True when the skeleton has only ASCII left: then only a domain of exactly that name can share it. */
export function isAsciiSkeleton(skeleton: string): boolean {
  return /^[\x00-\x7f]*$/.test(skeleton);
}
