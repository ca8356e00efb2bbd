import { describe, expect, it, vi } from 'vitest';
import type { Db } from './index.ts';
import { inTransaction } from './index.ts';

// No database here (the unit tier has none): the decision is what is tested, with stand-ins.
describe('inTransaction', () => {
  it('reuses the caller’s transaction', async () => {
    const trx = { isTransaction: true, transaction: vi.fn() } as unknown as Db;
    expect(await inTransaction(trx, async (t) => (t === trx ? 'same' : 'other'))).toBe('same');
    expect(trx.transaction).not.toHaveBeenCalled();
  });

  it('opens a transaction when given the database itself', async () => {
    const opened = { isTransaction: true } as unknown as Db;
    const db = { isTransaction: false, transaction: () => ({ execute: (work: (t: Db) => Promise<string>) => work(opened) }) } as unknown as Db;
    expect(await inTransaction(db, async (t) => (t === opened ? 'opened' : 'other'))).toBe('opened');
  });
});
