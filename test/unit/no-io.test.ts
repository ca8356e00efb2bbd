import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.ts';

// Proves the unit tier's guard (test/support/setup-unit.ts): I/O fails instead of passing slowly.
describe('unit tier', () => {
  it('refuses sockets, loopback included', () => {
    expect(() => net.connect(5432, '127.0.0.1')).toThrow(/Unit tests do no I\/O/);
  });

  it('refuses fetch', async () => {
    const error = await fetch('http://127.0.0.1:5432/').catch((e: Error) => e);
    expect(String((error as Error & { cause?: Error }).cause?.message)).toMatch(/Unit tests do no I\/O/);
  });

  it('refuses SQLite, in memory too', () => {
    expect(() => openDatabase('file::memory:')).toThrow(/Unit tests do no I\/O/);
  });
});
