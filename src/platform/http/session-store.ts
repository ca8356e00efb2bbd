import { sql } from 'kysely';
import type { Db, Dialect } from '../db/index.ts';
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
 * Reads sessions by the hashes of their ids, in one query, keyed by hash. The app passes a
 * reader that also joins the logged-in person (accounts' sessionWithCustomerReader): one query
 * on every logged-in request instead of two.
 */
export type SessionReader<Subject> = (db: Db, idHashes: string[]) => Promise<Map<string, StoredSession<Subject>>>;

/** The ids as the one parameter of a query of fixed shape: a JSON array on SQLite, an array on PostgreSQL. */
export function idHashesMatch(dialect: Dialect, column: string, idHashes: unknown) {
  return dialect === 'sqlite' ? sql<boolean>`${sql.ref(column)} in (select value from json_each(${idHashes}))` : sql<boolean>`${sql.ref(column)} = any(${idHashes})`;
}

/** The argument idHashesMatch expects for these hashes. */
export const idHashesArgument = (dialect: Dialect, idHashes: string[]): unknown => (dialect === 'sqlite' ? JSON.stringify(idHashes) : idHashes);

/** Session reads waiting for the next query, by hash of the session id. */
type Waiting<Subject> = Map<string, { resolve(row: StoredSession<Subject> | undefined): void; reject(error: unknown): void }[]>;

/**
 * @fastify/session store on the sessions table. The table holds the SHA-256 of each session id,
 * never the id, and a subject (`customer:12`, `staff:3`) so that "log out everywhere" can drop
 * every session of one person.
 *
 * Every request reads its session from the database (any app process may serve any request, and a
 * session ended elsewhere ends at once). Reads go together, as a database's group commit does:
 * the reads of the requests that arrived in one turn of the event loop go in one query, right
 * after the turn's I/O (setImmediate, no timer); one query is under way at a time, and reads
 * asked for meanwhile wait for it and go together in the next. Alone, a read goes in the same
 * turn; under load one query serves several requests instead of one each (docs/performance.md,
 * "Pages").
 */
export class KyselySessionStore<Subject = never> {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly clock: () => Date,
    private readonly read: SessionReader<Subject>,
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

  /** The subject read with each session id's latest read; see loadedSubject. */
  private readonly loadedSubjects = new Map<string, Subject>();

  /** Reads not yet in a query; they go together in the next one. */
  private waiting: Waiting<Subject> | null = null;
  private reading = false;
  /** The next query is due at the end of this turn's I/O. */
  private scheduled = false;
  private readonly readScheduled = () => {
    this.scheduled = false;
    this.readWaiting();
  };

  private load(idHash: string): Promise<StoredSession<Subject> | undefined> {
    const waiting = (this.waiting ??= new Map());
    const promise = new Promise<StoredSession<Subject> | undefined>((resolve, reject) => {
      const list = waiting.get(idHash);
      if (list) list.push({ resolve, reject });
      else waiting.set(idHash, [{ resolve, reject }]);
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.readScheduled);
    }
    return promise;
  }

  private readWaiting(): void {
    const waiting = this.waiting;
    if (this.reading || !waiting) return;
    this.waiting = null;
    this.reading = true;
    this.read(this.db, [...waiting.keys()])
      .then(
        (rows) => {
          for (const [idHash, list] of waiting) for (const one of list) one.resolve(rows.get(idHash));
        },
        (error: unknown) => {
          for (const list of waiting.values()) for (const one of list) one.reject(error);
        },
      )
      .finally(() => {
        this.reading = false;
        this.readWaiting();
      });
  }

  get(sessionId: string, callback: GetCallback): void {
    this.load(sha256(sessionId)).then((row) => {
      if (!row || row.expiresAt <= this.clock().toISOString()) {
        this.loadedSubjects.delete(sessionId);
        return callback(null, null);
      }
      if (row.subject === undefined) this.loadedSubjects.delete(sessionId);
      else {
        if (this.loadedSubjects.size >= 1000) this.loadedSubjects.clear();
        this.loadedSubjects.set(sessionId, row.subject);
      }
      callback(null, JSON.parse(row.data));
    }, callback);
  }

  /**
   * The subject of this session id's latest read, which is this request's own or a later one:
   * reads are answered in the order they were made, and requests with the same session id that
   * waited for the same query all find its row. Undefined when there is none (the session has no
   * subject, or the entry was dropped to bound the map): the caller then reads it itself.
   */
  loadedSubject(sessionId: string): Subject | undefined {
    return this.loadedSubjects.get(sessionId);
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
