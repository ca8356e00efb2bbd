import type { Db } from '../db/index.ts';
import { sha256 } from '../crypto.ts';
import { preparedQuery } from '../db/prepared.ts';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: any) => void;

/** A session row, and the subject it belongs to when the reader joined it in the same query. */
export interface StoredSession<Subject> {
  data: string;
  expiresAt: string;
  subject: Subject | undefined;
}

/**
 * Reads one session by the hash of its id. The app passes a reader that also joins the logged-in
 * person (accounts' readSessionWithCustomer): one query on every logged-in request instead of two.
 */
export type SessionReader<Subject> = (db: Db, idHash: string) => Promise<StoredSession<Subject> | undefined>;

const sessionRow = preparedQuery((db: Db, args: { idHash: string }) => db.selectFrom('sessions').select(['data', 'expiresAt']).where('idHash', '=', args.idHash));

/** The session alone, without a subject. */
export const readSession: SessionReader<never> = async (db, idHash) => {
  const [row] = await sessionRow(db, { idHash });
  return row && { data: row.data, expiresAt: row.expiresAt, subject: undefined };
};

/**
 * @fastify/session store on the sessions table. The table holds the SHA-256 of each session id,
 * never the id, and a subject (`customer:12`, `staff:3`) so that "log out everywhere" can drop
 * every session of one person.
 */
export class KyselySessionStore<Subject = never> {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly clock: () => Date = () => new Date(),
    private readonly read: SessionReader<Subject> = readSession,
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

  /**
   * Subjects loaded together with their session, until the request's principal hook takes them;
   * see takeLoadedSubject.
   */
  private readonly loadedSubjects = new Map<string, Subject>();

  get(sessionId: string, callback: GetCallback): void {
    this.read(this.db, sha256(sessionId))
      .then((row) => {
        if (!row || row.expiresAt <= this.clock().toISOString()) return callback(null, null);
        if (row.subject !== undefined) {
          if (this.loadedSubjects.size >= 1000) this.loadedSubjects.clear();
          this.loadedSubjects.set(sessionId, row.subject);
        }
        callback(null, JSON.parse(row.data));
      }, callback);
  }

  /**
   * The subject read with this session in this request (or a later one with the same session
   * id), at most once; undefined when there is none, and the caller reads it itself.
   */
  takeLoadedSubject(sessionId: string): Subject | undefined {
    const subject = this.loadedSubjects.get(sessionId);
    this.loadedSubjects.delete(sessionId);
    return subject;
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
