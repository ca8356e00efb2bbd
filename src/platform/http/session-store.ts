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
      // Copies of what the data records, so that a credential change can find the sessions it ends.
      generation: subject ? (data.generation ?? 0) : null,
      mailAccountId: data.mailLogin?.accountId ?? null,
      mailGeneration: data.mailLogin ? (data.mailLogin.generation ?? 0) : null,
    };
    const { idHash: _idHash, createdAt: _createdAt, ...changed } = row;
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('idHash').doUpdateSet(changed))
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

/** The session that changes its own user's credentials: it stays valid if it was valid before. */
export interface ActingSession {
  /** The session id (as in the cookie); only its hash is compared with the table. */
  id: string;
  /** The generation of the changed credentials that this session recorded. */
  generation: number;
}

/** Whose sessions a credential change ends: a customer's or staff user's, or the mail logins of one mail account. */
export type SessionHolder = { subject: string } | { mailAccountId: number };

/**
 * The live sessions opened with generation `generation` of the holder's credentials, apart from
 * the one kept: the sessions that a change of those credentials ends (each is void on its next
 * request, see accounts/guards.ts and mail/mail-guards.ts). Sessions voided by an earlier change
 * recorded an older generation and are not counted again.
 */
export async function countSessionsOpenedWith(db: Db, holder: SessionHolder, generation: number, now: Date, keptSessionId?: string): Promise<number> {
  let query = db
    .selectFrom('sessions')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('expiresAt', '>', now.toISOString());
  query =
    'subject' in holder
      ? query.where('subject', '=', holder.subject).where('generation', '=', generation)
      : query.where('mailAccountId', '=', holder.mailAccountId).where('mailGeneration', '=', generation);
  if (keptSessionId) query = query.where('idHash', '!=', sha256(keptSessionId));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function destroySessionsOf(db: Db, subject: string): Promise<void> {
  await db.deleteFrom('sessions').where('subject', '=', subject).execute();
}

export async function pruneSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now.toISOString()).execute();
}
