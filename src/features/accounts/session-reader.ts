import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { SessionReader } from '../../platform/http/session-store.ts';
import type { Customer } from './accounts.tables.ts';

/** A session with the customer it belongs to, if any: one query on every logged-in request. */
const sessionWithCustomer = preparedQuery((db: Db, args: { idHash: string }) =>
  db
    .selectFrom('sessions')
    .leftJoin('customers', (join) =>
      join.on('customers.id', '=', sql<number>`case when sessions.subject like 'customer:%' then cast(substr(sessions.subject, 10) as integer) end`),
    )
    .selectAll('customers')
    .select(['sessions.data as sessionData', 'sessions.expiresAt as sessionExpiresAt'])
    .where('sessions.idHash', '=', args.idHash),
);

/** The session store's reader (app.ts passes it in): the session row and its customer in one round trip. */
export const readSessionWithCustomer: SessionReader<Customer> = async (db, idHash) => {
  const [row] = await sessionWithCustomer(db, { idHash });
  if (!row) return undefined;
  const { sessionData, sessionExpiresAt, ...customer } = row;
  return { data: sessionData, expiresAt: sessionExpiresAt, subject: customer.id !== null ? (customer as Customer) : undefined };
};
