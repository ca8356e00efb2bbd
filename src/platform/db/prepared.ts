import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';
import { postgresDriver } from './drivers.ts';

type Db = Kysely<Database>;

/** Where an argument goes in a compiled query's parameters. */
class Slot {
  constructor(readonly name: string) {}
}

/** SQL text of every prepared query → its PostgreSQL statement name; as many as preparedQuery calls. */
const statementNames = new Map<string, string>();

/**
 * A read query that Kysely builds, transforms (CamelCasePlugin) and compiles once per database
 * handle; each run only puts its arguments into the compiled parameters. On PostgreSQL it also
 * runs as a named prepared statement, so the server parses and plans it once per connection.
 * For the hot read paths (the session of every request, the Domainverwaltung): building and
 * compiling cost more than running the indexed query on SQLite, and planning a four-table join
 * more than executing it on PostgreSQL (docs/performance.md, "Pages").
 *
 * `build` must pass each argument straight into the query as a value (it receives placeholders,
 * not the real values) and must not branch on them, so that the query's shape never depends on
 * the arguments.
 */
export function preparedQuery<Args extends Record<string, unknown>, Row>(build: (db: Db, args: Args) => Compilable<Row>) {
  const compiled = new WeakMap<Db, CompiledQuery<Row>>();
  const placeholders = new Proxy({} as Args, { get: (_, name) => new Slot(String(name)) });
  return async (db: Db, args: Args): Promise<Row[]> => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, placeholders).compile();
      compiled.set(db, query);
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `hostdesk_${createHash('sha256').update(query.sql).digest('hex').slice(0, 16)}`);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? args[p.name] : p));
    const { rows } = await db.executeQuery({ ...query, parameters });
    return rows as Row[];
  };
}

// When a named statement cannot run, the query runs again unnamed: "cached plan must not change
// result type" (a migration by another process changed the columns a prepared `select *`
// returns), and "prepared statement does not exist" (a pooler in transaction mode, such as
// PgBouncer before 1.21 or without max_prepared_statements, sent it to another server connection).
const RUN_UNNAMED_ON = new Set(['0A000', '26000']);

let preparingClass: typeof pg.Client | undefined;

/**
 * The pg client the pool hands to Kysely: a query whose text belongs to a preparedQuery runs as
 * a named statement, and again unnamed when the server cannot run that (see RUN_UNNAMED_ON;
 * prepared queries only read, so running one twice is harmless). The class is made when the
 * first PostgreSQL database is opened, because it extends pg's client (drivers.ts).
 */
export function preparingClient(): typeof pg.Client {
  return (preparingClass ??= class extends postgresDriver().Client {
    override query(...args: any[]): any {
      const [text, values, callback] = args;
      const name = typeof text === 'string' && Array.isArray(values) && callback === undefined ? statementNames.get(text) : undefined;
      if (!name) return (super.query as (...a: unknown[]) => unknown)(...args);
      return super.query({ name, text, values }).catch((error: Error & { code?: string }) => {
        if (!RUN_UNNAMED_ON.has(error.code ?? '')) throw error;
        return super.query(text, values);
      });
    }
  });
}
