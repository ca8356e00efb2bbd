import type { Customer } from './accounts.tables.ts';
import { MasterDataShape, type MasterData } from './master-data.forms.ts';

export const MASTER_DATA_FIELDS = Object.keys(MasterDataShape.shape) as (keyof MasterData)[];

export function masterDataOf(c: Customer): MasterData {
  return Object.fromEntries(MASTER_DATA_FIELDS.map((f) => [f, c[f]])) as MasterData;
}

/** Field-by-field difference, as recorded in the history. */
export function diffMasterData(before: MasterData, after: MasterData): Record<string, { from: string; to: string }> {
  const changes: Record<string, { from: string; to: string }> = {};
  for (const f of MASTER_DATA_FIELDS) if (before[f] !== after[f]) changes[f] = { from: before[f], to: after[f] };
  return changes;
}

/** Confirmation is due when never given, or older than the configured number of months. */
export function isConfirmationDue(confirmedAt: string | null, months: number, now: Date): boolean {
  if (!confirmedAt) return true;
  const due = new Date(confirmedAt);
  due.setUTCMonth(due.getUTCMonth() + months);
  return due.getTime() <= now.getTime();
}
