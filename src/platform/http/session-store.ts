import type { Db } from '../db/index.ts';
import { sha256 } from '../crypto.ts';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: any) => void;

/**
 * @fastify/session store on the sessions table. The table holds the SHA-256 of each session id,
 * never the id, and a subject (`customer:12`, `staff:3`) so that "log out everywhere" can drop
 * every session of one person.
 */
export class KyselySessionStore {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  set(sessionId: string, session: any, callback: Callback): void {
    const now = this.clock();
    const { cookie: _cookie, ...data } = session;
    const subject = data.customerId ? `customer:${data.customerId}` : data.staffId ? `staff:${data.staffId}` : null;
    const row = {
      idHash: sha256(sessionId),
      subject,
      data: JSON.stringify(data),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.idleMs).toISOString(),
    };
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('idHash').doUpdateSet({ subject: row.subject, data: row.data, expiresAt: row.expiresAt }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expiresAt'])
      .where('idHash', '=', sha256(sessionId))
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expiresAt <= this.clock().toISOString()) return callback(null, null);
        callback(null, JSON.parse(row.data));
      }, callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('idHash', '=', sha256(sessionId))
      .execute()
      .then(() => callback(), callback);
  }
}

export async function destroySessionsOf(db: Db, subject: string): Promise<void> {
  await db.deleteFrom('sessions').where('subject', '=', subject).execute();
}

export async function pruneSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now.toISOString()).execute();
}
