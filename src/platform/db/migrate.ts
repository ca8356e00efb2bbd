import { Migrator } from 'kysely';
import type { DbHandle } from './index.ts';
import { migrationProvider } from './migrations/index.ts';

/** Apart from index.ts, which the frozen migrations import for their `Dialect` type. */
export async function migrateToLatest(handle: DbHandle): Promise<void> {
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider(handle.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}
