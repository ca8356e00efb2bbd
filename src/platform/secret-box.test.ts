import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

const material = 'k'.repeat(40);

describe('secret box', () => {
  it('opens what it sealed, and only with the same key, purpose and binding', () => {
    const box = createSecretBox(material, 'test-v1');
    const sealed = box.seal('Geheimnis ä', 'row:1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('Geheimnis');
    expect(box.open(sealed, 'row:1')).toBe('Geheimnis ä');
    expect(() => box.open(sealed, 'row:2')).toThrow(/another key or for another record/);
    expect(() => createSecretBox(material, 'other-v1').open(sealed, 'row:1')).toThrow();
    expect(() => createSecretBox('m'.repeat(40), 'test-v1').open(sealed, 'row:1')).toThrow();
    expect(() => box.open(sealed.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 'row:1')).toThrow();
  });

  it('refuses short key material', () => {
    expect(() => createSecretBox('short', 'x')).toThrow(/at least 32/);
  });
});
