import type { Generated } from 'kysely';

/**
 * Orders as they were placed.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    orders: OrdersTable;
  }
}

export type OrderChannel = 'api' | 'cli' | 'staff';

export interface OrdersTable {
  id: Generated<number>;
  kind: 'first' | 'additional';
  channel: OrderChannel;
  placedBy: string;
  customerId: number;
  contractId: number;
  /** JSON of the order as requested (tariff, domains, e-mail, the names of the master-data fields it gave, not their values); never a secret. */
  request: string;
  createdAt: string;
}
