import { describe, expect, it } from 'vitest';
import { makeSnippet } from './help.service.ts';
import { markdownToText } from './markdown.ts';

describe('search excerpts', () => {
  it('keeps the space before a word that begins with a dot (the mailbox ending .001)', () => {
    const text = markdownToText('Ein erstes Postfach mit der Endung **.001**, bei Ihnen {account}. Sein Passwort öffnet die E-Mail-Administration.');
    expect(text).toBe('Ein erstes Postfach mit der Endung .001, bei Ihnen. Sein Passwort öffnet die E-Mail-Administration.');
    const snippet = makeSnippet(text, [{ text: 'Endung', alternatives: [['endung']] }], 'de')
      .map((p) => p.text)
      .join('');
    expect(snippet).toContain('der Endung .001, bei');
  });

  it('still drops the space a removed tag or placeholder leaves before punctuation', () => {
    expect(markdownToText('Klicken Sie auf **Speichern**. Ihr Konto: {account} ; fertig!')).toBe('Klicken Sie auf Speichern. Ihr Konto:; fertig!');
    expect(markdownToText('Port *993* , verschlüsselt')).toBe('Port 993, verschlüsselt');
  });
});
