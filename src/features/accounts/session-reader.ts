import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import { idHashesArgument, idHashesMatch, type SessionReader } from '../../platform/http/session-store.ts';
import type { Customer } from './accounts.tables.ts';

/**
 * The session store's reader (app.ts passes it in): sessions with the customer each belongs to,
 * if any, in one round trip — one query on every logged-in request, or fewer under load (the
 * store reads the sessions of requests arriving together at once).
 */
export function sessionWithCustomerReader(dialect: Dialect): SessionReader<Customer> {
  const rows = preparedQuery((db: Db, args: { idHashes: unknown }) =>
    db
      .selectFrom('sessions')
      .leftJoin('customers', (join) =>
        join.on('customers.id', '=', sql<number>`case when sessions.subject like 'customer:%' then cast(substr(sessions.subject, 10) as integer) end`),
      )
      .selectAll('customers')
      .select(['sessions.idHash as sessionIdHash', 'sessions.data as sessionData', 'sessions.expiresAt as sessionExpiresAt'])
      .where(idHashesMatch(dialect, 'sessions.id_hash', args.idHashes)),
  );
  return async (db, idHashes) => {
    const found = new Map<string, { data: string; expiresAt: string; subject: Customer | undefined }>();
    for (const { sessionIdHash, sessionData, sessionExpiresAt, ...customer } of await rows(db, { idHashes: idHashesArgument(dialect, idHashes) })) {
      found.set(sessionIdHash, { data: sessionData, expiresAt: sessionExpiresAt, subject: customer.id !== null ? (customer as Customer) : undefined });
    }
    return found;
  };
}
