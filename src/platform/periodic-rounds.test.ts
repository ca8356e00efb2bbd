import { describe, expect, it } from 'vitest';
import { periodicRounds } from './periodic-rounds.ts';

const quiet = { warn: () => undefined };

describe('periodicRounds', () => {
  it('runs the rounds asked for one after another, a failed one not holding up the next', async () => {
    const log: string[] = [];
    let n = 0;
    const rounds = periodicRounds(
      async () => {
        const mine = ++n;
        log.push(`start ${mine}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${mine}`);
        if (mine === 1) throw new Error('first fails');
        return mine;
      },
      { intervalMs: 1000, log: quiet, failure: 'round failed' },
    );
    const first = rounds.runRound();
    const second = rounds.runRound();
    await expect(first).rejects.toThrow('first fails');
    expect(await second).toBe(2);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('settles without failing, and stop waits for the round under way', async () => {
    let finished = false;
    const rounds = periodicRounds(
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        finished = true;
        throw new Error('down');
      },
      { intervalMs: 1000, log: quiet, failure: 'round failed' },
    );
    await rounds.settle(1000);
    expect(finished).toBe(true);
    finished = false;
    void rounds.runRound().catch(() => undefined);
    await rounds.stop();
    expect(finished).toBe(true);
  });
});
