import { stemmer as stemGermanWord } from '@orama/stemmers/german';
import { stemmer as stemEnglishWord } from '@orama/stemmers/english';
import type { Language } from '../../platform/db/database.ts';

/**
 * Text normalisation shared by indexing and querying, so that both sides always agree:
 * lower case, "E-Mail" → "email", ß → ss, and umlauts folded to their base vowel whether
 * written as "ä" or as "ae" (the transcription is only recognised after a consonant or at the
 * start of a word, and "ue" after "q" stays, so "neue" and "Quelle" survive).
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/\be-mails?\b/g, (m) => (m.endsWith('s') ? 'emails' : 'email'))
    .replace(/ß/g, 'ss')
    .replace(/(^|[^aeiouyäöü])([ao])e/g, '$1$2')
    .replace(/(^|[^aeiouyäöüq])ue/g, '$1u')
    .replace(/[äàáâ]/g, 'a')
    .replace(/[öòóô]/g, 'o')
    .replace(/[üùúû]/g, 'u')
    .replace(/[éèê]/g, 'e');
}

/** Words of a text after folding: runs of letters and digits; hyphenated words split apart. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Stemming is the main cost of a snippet (every shown word is stemmed) and the words of help
// texts are few: remember stems, forgetting all once a map grows large.
const stemCache = { de: new Map<string, string>(), en: new Map<string, string>() };
const STEM_CACHE_SIZE = 50_000;

export function stemWord(word: string, language: Language): string {
  const cache = stemCache[language];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = language === 'de' ? stemGermanWord(word) : stemEnglishWord(word);
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/** The text as the SQLite index stores it: every word folded and stemmed. */
export function stemmedText(text: string, language: Language): string {
  return foldedWords(text)
    .map((w) => stemWord(w, language))
    .join(' ');
}

/** A readable URL part: "Wo finde ich …?" → "wo-finde-ich". */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'eintrag';
}

const STOPWORDS_DE = new Set(
  (
    'aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bist da dabei damit dann das dass dein deine dem den der des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einmal er es etwas euch euer eure für gibt gegen habe haben hat hatte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner können könnte man manche mein meine meinem meinen meiner meines mich mir mit muss müssen nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so soll sollte sondern über um und uns unser unsere unter viel vom von vor war waren warum was weil welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wo woher wohin zu zum zur finde finden bekomme bekommen geht gehe funktioniert machen mache klappt brauche brauchen'
  )
    .split(' ')
    .map(foldText),
);
const STOPWORDS_EN = new Set(
  'a about an and are as at be but by can could do does for from get got have how i if in into is it its me my no not of on or our should so that the their them there this to up was we what when where which who why will with you your'.split(' '),
);

export function isStopword(word: string, language: Language): boolean {
  return (language === 'de' ? STOPWORDS_DE : STOPWORDS_EN).has(word);
}
