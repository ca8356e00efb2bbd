import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { seedHelp } from '../src/features/help/index.ts';
import { importEntry, searchHelp } from '../src/features/help/help.service.ts';
import { insertCategory } from '../src/features/help/help.repository.ts';
import { foldText, stemmedText } from '../src/features/help/text.ts';
import { parseQuery } from '../src/features/help/query.ts';

/**
 * German queries as customers type them (inflected forms, compounds, umlaut spellings,
 * synonyms from the glossary) and the shipped entry that must be among the first three.
 */
const QUERY_TABLE: [query: string, expected: number][] = [
  ['Zugangsdaten E-Mail', 1002],
  ['Wo finde ich meine Zugangsdaten?', 1002],
  ['Zugangsdaten Mailadressen', 1002],
  ['Anmeldedaten Mailkonto', 1002],
  ['Plesk 10 E-Mail Passwort', 1002],
  ['E-Mail-Passwort ändern Plesk', 1002],
  ['Postfach Passwort ändern', 1005],
  ['Mailbox Kennwort', 1005],
  ['Postfachpasswort', 1005],
  ['Passwörter der Postfächer', 1005],
  ['Passwoerter Postfaecher', 1005],
  ['Administrationspasswort vergessen', 1006],
  ['Adminpasswort verloren', 1006],
  ['Administrationspasswörter', 1006],
  ['Kundenpasswort vergessen', 1001],
  ['Passwort-Link anfordern', 1001],
  ['Thunderbird einrichten', 1003],
  ['Outlook konfigurieren', 1003],
  ['Autokonfiguration iPhone', 1003],
  ['Postausgangsserver', 1004],
  ['SMTP Port', 1004],
  ['IMAP Server Einstellungen', 1004],
  ['Verschlüsselung STARTTLS', 1004],
  ['Weiterleitung einrichten', 1010],
  ['E-Mails weiterleiten', 1010],
  ['Umleitungen', 1010],
  ['Postfach voll', 1011],
  ['Speicherplatz erhöhen', 1011],
  ['Grösse des Postfachs', 1011],
  ['Quota', 1011],
  ['Zwei-Faktor-Anmeldung', 1012],
  ['2FA', 1012],
  ['Authenticator-App', 1012],
  ['Ticket erstellen', 1009],
  ['Supportanfrage', 1009],
  ['Stammdaten ändern', 1008],
  ['Anschrift ändern', 1008],
  ['Paket verwalten', 1007],
  ['Plesk öffnen', 1007],
  ['neues Postfach anlegen', 1014],
  ['weitere E-Mail-Adresse hinzufügen', 1014],
  ['Domainverwaltung', 1013],
  ['Kundennummer Anmeldung', 1000],
];

describe('German text folding and stemming', () => {
  it('folds umlauts whether written as ä or ae, and ß as ss', () => {
    expect(foldText('Passwörter')).toBe(foldText('Passwoerter'));
    expect(foldText('Größe')).toBe(foldText('Groesse'));
    expect(foldText('Änderung')).toBe(foldText('Aenderung'));
    expect(foldText('neue Quelle')).toBe('neue quelle');
  });
  it('stems with the German Snowball algorithm (its published test vocabulary)', () => {
    expect(stemmedText('aufeinanderfolgende aufeinanderfolgender', 'de')).toBe('aufeinanderfolg aufeinanderfolg');
    expect(stemmedText('abdankungen abdankung', 'de')).toBe('abdank abdank');
    expect(stemmedText('Postfächer Postfach', 'de')).toBe('postfach postfach');
    expect(stemmedText('Weiterleitungen', 'de')).toBe('weiterleit');
  });
  it('turns "#1002" and "1002" into jumps and drops FTS syntax', () => {
    expect(parseQuery('#1002', 'de')).toEqual({ kind: 'jump', entryId: 1002 });
    expect(parseQuery(' 1002 ', 'de')).toEqual({ kind: 'jump', entryId: 1002 });
    const parsed = parseQuery('"Postfach* NEAR(passwort', 'de');
    expect(parsed.kind).toBe('words');
    if (parsed.kind === 'words') expect(parsed.words).toEqual(['postfach', 'near', 'passwort']);
    expect(parseQuery('"*()"', 'de')).toEqual({ kind: 'empty' });
  });
  it('expands glossary synonyms, also for several words in a row', () => {
    const parsed = parseQuery('E-Mail-Konto', 'de');
    expect(parsed.kind === 'words' && parsed.groups[0]!.alternatives.map((a) => a.join(' '))).toContain('postfach');
  });
});

describe.each(DIALECTS)('help search (%s)', (dialect) => {
  let database: TestDatabase;
  const now = new Date();
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedHelp(database.handle, now);
  });
  afterAll(() => database.drop());
  const search = (q: string) => searchHelp(database.handle.db, dialect, { text: q, language: 'de', log: false }, now);

  it(`finds the expected entry in the top 3 for ${QUERY_TABLE.length} German queries`, async () => {
    const misses: string[] = [];
    for (const [query, expected] of QUERY_TABLE) {
      const outcome = await search(query);
      const top = outcome.kind === 'results' ? outcome.results.slice(0, 3).map((r) => r.entryId) : [];
      if (!top.includes(expected)) misses.push(`${query} → ${top.join(', ') || 'nothing'} (expected ${expected})`);
    }
    expect(misses).toEqual([]);
    expect(QUERY_TABLE.length).toBeGreaterThanOrEqual(30);
  });

  it('jumps to an entry by its number', async () => {
    expect(await search('#1002')).toEqual({ kind: 'jump', entryId: 1002 });
    expect(await search('1005')).toEqual({ kind: 'jump', entryId: 1005 });
    const unknown = await search('#99999');
    expect(unknown.kind === 'results' && unknown.results).toEqual([]);
  });

  it('marks matching words in the snippet', async () => {
    const outcome = await search('Weiterleitung');
    expect(outcome.kind).toBe('results');
    if (outcome.kind !== 'results') return;
    expect(outcome.results[0]!.snippet.filter((s) => s.mark).map((s) => s.text.toLowerCase()).join(' ')).toContain('weiterleitung');
  });

  it('survives FTS syntax, huge queries and nonsense without an error', async () => {
    for (const q of ['"', '"unbalanced', 'Postfach*', 'NEAR(a b', '(((', 'a AND OR NOT', 'x'.repeat(10_000), '💥 \u0000 ; drop table help_entries;--', "' or 1=1 --", '{question}:passwort', '^passwort']) {
      const outcome = await search(q);
      expect(['results', 'empty']).toContain(outcome.kind);
    }
  });

  it('logs searches without a result for the editors, counting repeats', async () => {
    const db = database.handle.db;
    await searchHelp(db, dialect, { text: 'Quantencomputer', language: 'de' }, now);
    await searchHelp(db, dialect, { text: 'quantencomputer', language: 'de' }, now);
    const rows = await database.handle.db.selectFrom('helpSearchMisses').selectAll().where('query', '=', 'quantencomputer').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(2);
    await searchHelp(db, dialect, { text: 'Postfach', language: 'de' }, now);
    expect(await database.handle.db.selectFrom('helpSearchMisses').select('query').where('query', '=', 'postfach').execute()).toEqual([]);
  });

  it('searches English entries with the English stemmer', async () => {
    const outcome = await searchHelp(database.handle.db, dialect, { text: 'forwarding', language: 'en', log: false }, now);
    expect(outcome.kind === 'results' && outcome.results.slice(0, 3).map((r) => r.entryId)).toContain(1010);
  });
});

describe.each(DIALECTS)('help search stages (%s)', (dialect) => {
  let database: TestDatabase;
  const now = new Date();
  const ids: Record<'inQuestion' | 'inAnswer' | 'insideWords' | 'oneWord', number> = { inQuestion: 0, inAnswer: 0, insideWords: 0, oneWord: 0 };
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database.handle;
    const category = await insertCategory(db, { parentId: null, slug: 'stufen', nameDe: 'Stufen', nameEn: 'Stages', position: 1 }, now.toISOString());
    const add = (question: string, answer: string) =>
      importEntry(
        db,
        dialect,
        {
          settings: { categoryId: category.id, sticky: false, publishFrom: null, publishUntil: null, contexts: [], related: [] },
          de: { question, answer, keywords: '' },
          en: { question: 'Unrelated', answer: 'Nothing here.', keywords: '' },
          author: 'test',
        },
        now,
      );
    ids.inQuestion = await add('Zauberwort für den Kessel', 'Nichts weiter.');
    ids.inAnswer = await add('Allgemeine Frage zum Haushalt', 'Hier stehen das Zauberwort und der Kessel.');
    ids.insideWords = await add('Dampfkessel und Geheimzauberwort', 'Nichts weiter.');
    ids.oneWord = await add('Nur das Zauberwort', 'Sonst nichts.');
  });
  afterAll(() => database.drop());
  const search = async (q: string) => {
    const outcome = await searchHelp(database.handle.db, dialect, { text: q, language: 'de', log: false }, now);
    return outcome.kind === 'results' ? outcome.results.map((r) => r.entryId) : [];
  };

  it('ranks all words in the question before all words in the answer, then words inside longer words; any word only when those are fewer than three', async () => {
    expect(await search('Zauberwort Kessel')).toEqual([ids.inQuestion, ids.inAnswer, ids.insideWords]);
  });

  it('falls back to any word, question matches first, when no entry has all of them', async () => {
    const found = await search('Zauberwort Besen');
    expect(found).toHaveLength(3);
    expect(found.slice(0, 2).sort()).toEqual([ids.inQuestion, ids.oneWord].sort());
    expect(found[2]).toBe(ids.inAnswer);
  });
});
