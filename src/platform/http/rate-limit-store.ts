import { sql } from 'kysely';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/index.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Places of one key's current window that this process took from the database and hands out. */
interface Lease {
  next: number;
  last: number;
  ends: number;
  /** A database round trip for this key already under way: later requests wait for it. */
  pending?: Promise<void>;
}

/** Largest block of places one process takes at once, and how much of what is left it may take. */
const MAX_BLOCK = 64;
const SHARE_OF_REST = 16;
const PRUNE_ABOVE = 10_000;

/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so that every app
 * process behind a load balancer counts against the same budget. Fixed windows, like the
 * plugin's own stores. Route limits get their own counters (the route is part of the key).
 *
 * A process does not write once per request: it takes a block of numbered places from the
 * counter in one atomic upsert (`count = count + block`) and hands them out one by one until
 * they are used up or the window ends. The block is at most 1/16 of what was left of the budget
 * at the last look (at most 64), and a single place once little is left or the budget is small
 * (under 32 a window, e.g. logins), so the count is exact where it matters. Places are only
 * ever handed out once over all processes, so the limit is never exceeded; places a process
 * took but did not use before the window ended are lost, which can only refuse early, by at
 * most one block per process.
 */
export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  const leases = new Map<string, Lease>();

  function blockFor(lease: Lease | undefined, max: number | undefined, at: number): number {
    if (!max || !Number.isFinite(max)) return 1;
    const rest = lease && lease.ends > at ? max - lease.last : max;
    return Math.max(1, Math.min(MAX_BLOCK, Math.floor(rest / SHARE_OF_REST)));
  }

  async function takeBlock(key: string, block: number, timeWindow: number): Promise<void> {
    const at = now();
    const fresh = at + timeWindow;
    const { rows } = await sql<{ n: number | string; ends: number | string }>`
      insert into rate_limit_counters (key, window_ends, count) values (${key}, ${fresh}, ${block})
      on conflict (key) do update set
        count = case when rate_limit_counters.window_ends <= ${at} then ${block} else rate_limit_counters.count + ${block} end,
        window_ends = case when rate_limit_counters.window_ends <= ${at} then ${fresh} else rate_limit_counters.window_ends end
      returning count as n, window_ends as ends`.execute(db);
    const last = Number(rows[0]!.n);
    if (leases.size > PRUNE_ABOVE) for (const [k, l] of leases) if (l.ends <= at && !l.pending) leases.delete(k);
    const lease = leases.get(key);
    const taken = { next: last - block + 1, last, ends: Number(rows[0]!.ends) };
    if (lease) Object.assign(lease, taken);
    else leases.set(key, taken);
  }

  function take(key: string, callback: Callback, timeWindow: number, max: number | undefined): void {
    const at = now();
    const lease = leases.get(key);
    if (lease && lease.ends > at && lease.next <= lease.last) {
      callback(null, { current: lease.next++, ttl: lease.ends - at });
      return;
    }
    if (lease?.pending) {
      lease.pending.then(() => take(key, callback, timeWindow, max), callback);
      return;
    }
    const block = blockFor(lease, max, at);
    const holder = lease ?? { next: 1, last: 0, ends: 0 };
    if (!lease) leases.set(key, holder);
    const pending = takeBlock(key, block, timeWindow).finally(() => {
      if (holder.pending === pending) holder.pending = undefined;
    });
    holder.pending = pending;
    pending.then(() => take(key, callback, timeWindow, max), callback);
  }

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number, max?: number): void {
      take(`${this.prefix}|${key}`, callback, timeWindow, max);
    }

    child(routeOptions: FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } }): FastifyRateLimitStore {
      const route = routeOptions.routeInfo ? `${[routeOptions.routeInfo.method].flat().join(',')} ${routeOptions.routeInfo.url ?? ''}` : 'route';
      return new DatabaseRateLimitStore(routeOptions, route);
    }
  }
  return DatabaseRateLimitStore;
}
