import { randomToken } from '../crypto.ts';
import type { Db } from '../db/index.ts';

/**
 * The key that signs session cookies: SESSION_SECRET when set, else one generated on first start
 * and kept in the settings table, so that every app process on the database shares it.
 */
export async function sessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', 'session_secret').executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('settings')
    .values({ key: 'session_secret', value: randomToken(48) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'session_secret').executeTakeFirstOrThrow();
  return row.value;
}
