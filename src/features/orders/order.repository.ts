import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { OrdersTable } from './orders.tables.ts';

/** Records an order as it was placed (inside the order's transaction). */
export function insertOrder(db: Db, order: Insertable<OrdersTable>) {
  return db.insertInto('orders').values(order).execute();
}
