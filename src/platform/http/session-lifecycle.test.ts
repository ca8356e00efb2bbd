import { describe, expect, it } from 'vitest';
import { checkLoginTimes } from './session-lifecycle.ts';

const timeouts = { sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 8 * 3_600_000 };
const start = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('checkLoginTimes', () => {
  it('keeps a login in use and writes its activity back at most once a minute', () => {
    expect(checkLoginTimes({ authAt: start, seenAt: start }, timeouts, start + 30_000)).toBe('current');
    expect(checkLoginTimes({ authAt: start, seenAt: start }, timeouts, start + 61_000)).toBe('touch');
  });

  it('ends a login idle longer than the idle limit', () => {
    expect(checkLoginTimes({ authAt: start, seenAt: start }, timeouts, start + timeouts.sessionIdleMs)).toBe('touch');
    expect(checkLoginTimes({ authAt: start, seenAt: start }, timeouts, start + timeouts.sessionIdleMs + 1)).toBe('expired');
  });

  it('ends a login past its absolute limit however active it was', () => {
    const justNow = start + timeouts.sessionAbsoluteMs;
    expect(checkLoginTimes({ authAt: start, seenAt: justNow }, timeouts, justNow)).toBe('current');
    expect(checkLoginTimes({ authAt: start, seenAt: justNow }, timeouts, justNow + 1)).toBe('expired');
  });

  it('treats a login without times as ended', () => {
    expect(checkLoginTimes({}, timeouts, start)).toBe('expired');
  });
});
