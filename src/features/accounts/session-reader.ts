import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/index.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import { idHashesArgument, idHashesMatch, type SessionReader } from '../../platform/http/session-store.ts';
import type { Customer } from './accounts.tables.ts';

/**
 * What every logged-in request knows of its customer: who it is (header, guards, ownership), the
 * master-data confirmation, the credential generation its session must match and the portfolio
 * version its pages are kept by. Pages that need more (master data, password checks) read the row.
 */
const SIGNED_IN_COLUMNS = ['id', 'customerNumber', 'email', 'firstName', 'lastName', 'confirmedAt', 'credentialGeneration', 'portfolioVersion'] as const;
export type SignedInCustomer = Pick<Customer, (typeof SIGNED_IN_COLUMNS)[number]>;

/**
 * The session store's reader (app.ts passes it in): sessions with the customer each belongs to,
 * if any, in one round trip — one query on every logged-in request, or fewer under load (the
 * store reads the sessions of requests arriving together at once). One session, most reads, is
 * looked up by its key; several by a list, in a query of fixed shape either way.
 */
export function sessionWithCustomerReader(dialect: Dialect): SessionReader<SignedInCustomer> {
  const sessionsWithCustomers = (db: Db) =>
    db
      .selectFrom('sessions')
      .leftJoin('customers', (join) =>
        join.on('customers.id', '=', sql<number>`case when sessions.subject like 'customer:%' then cast(substr(sessions.subject, 10) as integer) end`),
      )
      .select(SIGNED_IN_COLUMNS.map((column) => `customers.${column}` as const))
      .select(['sessions.idHash as sessionIdHash', 'sessions.data as sessionData', 'sessions.expiresAt as sessionExpiresAt']);
  const one = preparedQuery((db: Db, args: { idHash: string }) => sessionsWithCustomers(db).where('sessions.idHash', '=', args.idHash));
  const several = preparedQuery((db: Db, args: { idHashes: unknown }) => sessionsWithCustomers(db).where(idHashesMatch(dialect, 'sessions.id_hash', args.idHashes)));
  return async (db, idHashes) => {
    const rows = idHashes.length === 1 ? await one(db, { idHash: idHashes[0]! }) : await several(db, { idHashes: idHashesArgument(dialect, idHashes) });
    const found = new Map<string, { data: string; expiresAt: string; subject: SignedInCustomer | undefined }>();
    for (const { sessionIdHash, sessionData, sessionExpiresAt, ...customer } of rows) {
      found.set(sessionIdHash, { data: sessionData, expiresAt: sessionExpiresAt, subject: customer.id !== null ? (customer as SignedInCustomer) : undefined });
    }
    return found;
  };
}
