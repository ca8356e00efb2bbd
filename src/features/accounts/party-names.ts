import type { Db } from '../../platform/db/index.ts';
import type { PartyNames } from '../audit/ui.ts';

const idsOf = (codes: (string | null)[], kind: string) =>
  [...new Set(codes.flatMap((code) => (code && code.startsWith(`${kind}:`) && /^\d{1,12}$/.test(code.slice(kind.length + 1)) ? [Number(code.slice(kind.length + 1))] : [])))];

/** The customers and staff that audit entries or ticket events name (`customer:12`, `staff:3`), for `describeParty`. */
export async function partyNamesOf(db: Db, codes: (string | null)[]): Promise<PartyNames> {
  const customerIds = idsOf(codes, 'customer');
  const staffIds = idsOf(codes, 'staff');
  const [customers, staff] = await Promise.all([
    customerIds.length ? db.selectFrom('customers').select(['id', 'customerNumber', 'firstName', 'lastName', 'company']).where('id', 'in', customerIds).execute() : [],
    staffIds.length ? db.selectFrom('staffUsers').select(['id', 'name']).where('id', 'in', staffIds).execute() : [],
  ]);
  return {
    customers: new Map(customers.map((c) => [c.id, { customerNumber: c.customerNumber, name: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.company || c.customerNumber }])),
    staff: new Map(staff.map((s) => [s.id, s.name])),
  };
}
