import { randomBytes } from 'node:crypto';
import type { Db, Dialect } from '../../src/platform/db/index.ts';
import { placeFirstOrder } from '../../src/features/orders/index.ts';
import { addStaffUser } from '../../src/features/accounts/index.ts';
import type { StaffRole } from '../../src/features/accounts/index.ts';

let counter = 0;
/** A domain nobody else in this test run has. */
export function uniqueDomain(prefix = 'kunde'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}.de`;
}

/** What the factories need of a test app: its database and its clock, so rows carry the test's time. */
interface FactoryContext {
  db: Db;
  database: { handle: { dialect: Dialect } };
  clock: { now: Date };
}

export async function orderFor(
  t: FactoryContext,
  overrides: { tariff?: string; domains?: string[]; email?: string; customerNumber?: string } = {},
) {
  const domains = overrides.domains ?? [uniqueDomain()];
  return placeFirstOrder(
    t.db,
    t.database.handle.dialect,
    { tariff: overrides.tariff ?? 'mail-s', domains, email: overrides.email ?? `info@${domains[0]}`, customerNumber: overrides.customerNumber },
    { channel: 'cli', actor: 'test' },
    t.clock.now,
  );
}

export async function staffUser(t: Pick<FactoryContext, 'db' | 'clock'>, role: StaffRole = 'admin') {
  return addStaffUser(t.db, { login: `${role}-${randomBytes(3).toString('hex')}`, role }, 'test', t.clock.now);
}
