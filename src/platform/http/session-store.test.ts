import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { KyselySessionStore, type SessionReader, type StoredSession } from './session-store.ts';

/** A reader that records the hashes of each query and answers when the test lets it. */
function slowReader<Subject = never>(subjectOf: (idHash: string) => Subject | undefined = () => undefined) {
  const queries: string[][] = [];
  const pending: { release(): void; fail(error: Error): void }[] = [];
  const read: SessionReader<Subject> = (_db, idHashes) => {
    queries.push(idHashes);
    return new Promise((resolve, reject) => {
      const rows = new Map<string, StoredSession<Subject>>(idHashes.map((h) => [h, { data: JSON.stringify({ h }), expiresAt: '9999-12-31T00:00:00.000Z', subject: subjectOf(h) }]));
      pending.push({ release: () => resolve(rows), fail: reject });
    });
  };
  return { read, queries, pending };
}

/** The end of this turn of the event loop, when the store sends what it collected. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

const get = <Subject>(store: KyselySessionStore<Subject>, id: string) => new Promise<unknown>((resolve, reject) => store.get(id, (err, session) => (err ? reject(err) : resolve(session))));

describe('session store reads', () => {
  it('reads what one turn asked for in one query, and what was asked for while one is under way together in the next', async () => {
    const reader = slowReader();
    const store = new KyselySessionStore({} as Db, 60_000, () => new Date('2026-12-01T00:00:00Z'), reader.read);
    const first = get(store, 'a');
    const sameTurn = get(store, 'z');
    expect(reader.queries).toHaveLength(0);
    await turn();
    expect(reader.queries).toHaveLength(1);
    expect(reader.queries[0]).toHaveLength(2);
    const waiting = [get(store, 'b'), get(store, 'c'), get(store, 'b')];
    await turn();
    expect(reader.queries).toHaveLength(1);
    reader.pending[0]!.release();
    await Promise.all([first, sameTurn]);
    await turn();
    expect(reader.queries).toHaveLength(2);
    expect(reader.queries[1]).toHaveLength(2);
    reader.pending[1]!.release();
    const sessions = (await Promise.all([first, ...waiting])) as { h: string }[];
    // Every request gets its own session's data; the same session asked for twice is read once.
    expect(sessions[1]!.h).toBe(sessions[3]!.h);
    expect(new Set(sessions.map((s) => s.h)).size).toBe(3);
  });

  it('fails every read of a query that fails, and reads on afterwards', async () => {
    const reader = slowReader();
    const store = new KyselySessionStore({} as Db, 60_000, () => new Date('2026-12-01T00:00:00Z'), reader.read);
    const a = get(store, 'a');
    await turn();
    const b = get(store, 'b');
    const c = get(store, 'c');
    reader.pending[0]!.fail(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await turn();
    reader.pending[1]!.fail(new Error('again'));
    await expect(b).rejects.toThrow('again');
    await expect(c).rejects.toThrow('again');
    const d = get(store, 'd');
    await turn();
    reader.pending[2]!.release();
    await expect(d).resolves.toEqual({ h: expect.any(String) });
  });

  it('gives the subject read with a session to every request that waited for that read', async () => {
    let subject: { name: string } | undefined = { name: 'Kunde 1' };
    const reader = slowReader(() => subject);
    const store = new KyselySessionStore<{ name: string }>({} as Db, 60_000, () => new Date('2026-12-01T00:00:00Z'), reader.read);
    const first = get(store, 'a');
    await turn();
    const same = [get(store, 'a'), get(store, 'a')];
    reader.pending[0]!.release();
    await first;
    expect(store.loadedSubject('a')).toEqual({ name: 'Kunde 1' });
    await turn();
    reader.pending[1]!.release();
    await Promise.all(same);
    // Both requests of the second query find it, not only the first to ask (no query of their own).
    expect(store.loadedSubject('a')).toEqual({ name: 'Kunde 1' });
    expect(store.loadedSubject('a')).toEqual({ name: 'Kunde 1' });
    expect(reader.queries).toHaveLength(2);
    // A later read without the subject (the customer is gone) leaves no earlier one behind.
    subject = undefined;
    const later = get(store, 'a');
    await turn();
    reader.pending[2]!.release();
    await later;
    expect(store.loadedSubject('a')).toBeUndefined();
  });
});
