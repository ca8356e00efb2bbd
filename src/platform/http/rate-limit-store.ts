import { sql } from 'kysely';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/index.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so that every app
 * process behind a load balancer counts against the same budget. Fixed windows, like the
 * plugin's own stores: one atomic upsert per request starts a window or adds to it.
 * Route limits get their own counters (the route is part of the key).
 */
export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      const fresh = at + timeWindow;
      sql<{ n: number | string; ends: number | string }>`
        insert into rate_limit_counters (key, window_ends, count) values (${`${this.prefix}|${key}`}, ${fresh}, 1)
        on conflict (key) do update set
          count = case when rate_limit_counters.window_ends <= ${at} then 1 else rate_limit_counters.count + 1 end,
          window_ends = case when rate_limit_counters.window_ends <= ${at} then ${fresh} else rate_limit_counters.window_ends end
        returning count as n, window_ends as ends`
        .execute(db)
        .then(({ rows }) => {
          const row = rows[0]!;
          callback(null, { current: Number(row.n), ttl: Math.max(0, Number(row.ends) - at) });
        }, callback);
    }

    child(routeOptions: FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } }): FastifyRateLimitStore {
      const route = routeOptions.routeInfo ? `${[routeOptions.routeInfo.method].flat().join(',')} ${routeOptions.routeInfo.url ?? ''}` : 'route';
      return new DatabaseRateLimitStore(routeOptions, route);
    }
  }
  return DatabaseRateLimitStore;
}
