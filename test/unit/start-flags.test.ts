import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../support/server.ts';

// The tests' and the bench's servers run the bundle with the same Node flags as `npm start`, so
// what they measure and test is what runs (docs/performance.md, "Memory").
describe('npm start', () => {
  it('runs the bundle with the flags the tests start their servers with', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const run = /&& node (.*) dist\/hostdesk\.mjs serve$/.exec(scripts.start!);
    expect(run?.[1]!.split(' ')).toEqual(SERVER_NODE_FLAGS);
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=2');
  });
});
