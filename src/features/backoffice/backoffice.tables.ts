import type { Generated, Selectable } from 'kysely';

/**
 * The back office's own table: internal notes about a customer (migration 015).
 * Platform's Database gets it by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    customerNotes: CustomerNotesTable;
  }
}

export interface CustomerNotesTable {
  id: Generated<number>;
  customerId: number;
  staffId: number;
  /** Staff only: never shown or mailed to the customer. */
  body: string;
  createdAt: string;
}

export type CustomerNote = Selectable<CustomerNotesTable>;
