import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './front-matter.ts';
import { loadSeedArticles, parseSeedArticle } from './seed-articles.ts';

const article = (front: string, body = '<!-- de -->\n\nAntwort.\n\n<!-- en -->\n\nAnswer.\n') => `---\n${front}\n---\n\n${body}`;
const FRONT = 'id: 1000\ncategory: kundenkonto\nde:\n  question: Wie?\n  keywords: a b\nen:\n  question: How?\n  keywords: a b';

describe('front matter', () => {
  it('reads scalars, lists, quoted strings and one level of nesting', () => {
    const { data, body } = parseFrontMatter('---\nid: 1002\nsticky: true\ncontexts: [domains, credentials]\nrelated: [1004, 1005]\ntitle: "#1: a \\"quoted\\" text"\nplain: Wo finde ich: die Daten?\nde:\n  question: Frage\n---\nText\n', 'x.md');
    expect(data).toEqual({ id: 1002, sticky: true, contexts: ['domains', 'credentials'], related: [1004, 1005], title: '#1: a "quoted" text', plain: 'Wo finde ich: die Daten?', de: { question: 'Frage' } });
    expect(body).toBe('Text\n');
  });

  it.each([
    ['no opening line', 'id: 1\n---\n', /must start/],
    ['no closing line', '---\nid: 1\n', /no closing line/],
    ['a line that is not key: value', '---\nid 1\n---\n', /x\.md:2: expected "key: value"/],
    ['a repeated key', '---\nid: 1\nid: 2\n---\n', /x\.md:3: "id" appears twice/],
    ['an indented line outside a block', '---\n  id: 1\n---\n', /outside a nested block/],
    ['a bad quoted string', '---\nid: "open\n---\n', /not a valid quoted string/],
    ['an unterminated list', '---\nrelated: [1, 2\n---\n', /unterminated list/],
  ])('refuses %s, naming file and line', (_what, text, message) => {
    expect(() => parseFrontMatter(text, 'x.md')).toThrow(message);
  });
});

describe('help articles as Markdown files', () => {
  it('loads every article of the repository with IDs from 1000 and both languages', () => {
    const articles = loadSeedArticles();
    expect(articles.map((a) => a.id)).toEqual(articles.map((_a, i) => 1000 + i));
    expect(articles.length).toBeGreaterThanOrEqual(15);
    for (const a of articles) {
      expect(a.file.startsWith(`${a.id}-`)).toBe(true);
      for (const lang of ['de', 'en'] as const) {
        expect(a[lang].question.length, `${a.file} ${lang}`).toBeGreaterThan(5);
        expect(a[lang].answer, `${a.file} ${lang}`).not.toMatch(/^\s|\s$|<!-- (de|en) -->/);
      }
    }
    const credentials = articles.find((a) => a.id === 1002)!;
    expect(credentials).toMatchObject({ category: 'zugangsdaten', sticky: true, contexts: ['domains', 'credentials'], related: [1004, 1005, 1006, 1009] });
    expect(credentials.de.answer).toContain('::: variant panel=plesk plesk=8-9.99 title="Tarife mit Plesk 8 oder 9"');
    expect(credentials.en.answer).toContain('::: variant panel=mailadmin');
  });

  it('keeps the answers exactly, without the blank lines around them', () => {
    const a = parseSeedArticle('1000-anmelden.md', article(FRONT, '<!-- en -->\n\nFirst line.\n\n- item\n\n\n<!-- de -->\n\nErste Zeile.\n'));
    expect(a).toMatchObject({ id: 1000, sticky: false, contexts: [], related: [], de: { question: 'Wie?', keywords: 'a b', answer: 'Erste Zeile.' }, en: { answer: 'First line.\n\n- item' } });
  });

  it.each([
    ['an ID that differs from the file name', '1001-anmelden.md', article(FRONT), /"id" must be the number the file name starts with/],
    ['a file name without a slug', '1000.md', article(FRONT), /file names are/],
    ['an unknown category', '1000-anmelden.md', article(FRONT.replace('kundenkonto', 'billing')), /"category" must be one of/],
    ['an unknown key', '1000-anmelden.md', article(`${FRONT}\nauthor: X`), /unknown key "author"/],
    ['a missing language', '1000-anmelden.md', article(FRONT, '<!-- de -->\n\nAntwort.\n'), /no answer after "<!-- en -->"/],
    ['text before the first language line', '1000-anmelden.md', article(FRONT, 'Hallo\n<!-- de -->\nA\n<!-- en -->\nB\n'), /text before the first/],
    ['a missing question', '1000-anmelden.md', article(FRONT.replace('  question: How?\n', '')), /"en.question" must be text/],
  ])('refuses %s', (_what, name, text, message) => {
    expect(() => parseSeedArticle(name, text)).toThrow(message);
  });

  it('refuses gaps in the IDs and related IDs that name no article', () => {
    const file = (id: number, related = '') => ({ name: `${id}-a.md`, text: article(FRONT.replace('1000', String(id)) + related) });
    expect(loadSeedArticles([file(1000), file(1001)]).map((a) => a.id)).toEqual([1000, 1001]);
    expect(() => loadSeedArticles([file(1000), file(1002)])).toThrow(/without gaps or repeats; expected 1001/);
    expect(() => loadSeedArticles([file(1000, '\nrelated: [1005]')])).toThrow(/"related" names 1005/);
  });
});
