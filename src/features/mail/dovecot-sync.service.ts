import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { periodicRounds } from '../../platform/periodic-rounds.ts';
import { DoveadmError, flushAndKick } from '../../integrations/doveadm/client.ts';
import type { DovecotSyncSettings } from './dovecot-sync.config.ts';
import { listUndeliveredExpiries, markExpiryDelivered } from './app-passwords.repository.ts';

/**
 * Every change of a mail account's credentials (password, app passwords, deactivation, deletion)
 * must reach every Dovecot at once: its auth cache would otherwise accept the old password until
 * the entry expires, and open IMAP/POP3 sessions would stay logged in. The change writes a task
 * in its own transaction (`requestDovecotSync`), so nothing is lost when a Dovecot is down or the
 * app process dies; a worker in every app process delivers due tasks through the doveadm HTTP API
 * (`flushAndKick`) and retries with a growing delay until each server confirmed.
 *
 * A task is written once per account with server `''`; the worker fans it out to one task per
 * configured server, so the places that change credentials need no settings.
 */
const FAN_OUT = '';
/** A claimed task is someone's for this long; a process that dies mid-delivery leaves it to others after it. */
const LEASE_MS = 30_000;
const MAX_RETRY_MS = 60_000;
const BATCH = 20;

/** In the transaction of the change: the account's Dovecot state is to be flushed and its sessions ended. */
export async function requestDovecotSync(db: Db, accountName: string, now: Date): Promise<void> {
  const logins = await db
    .selectFrom('mailAddresses')
    .innerJoin('mailAccounts', 'mailAccounts.id', 'mailAddresses.accountId')
    .select('mailAddresses.address')
    .where('mailAccounts.name', '=', accountName)
    .where('mailAddresses.kind', '=', 'mailbox')
    .execute();
  await upsertTask(db, FAN_OUT, accountName, [accountName, ...logins.map((l) => l.address)], now);
}

async function upsertTask(db: Db, server: string, accountName: string, logins: string[], now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('dovecotSyncTasks')
    .values({ server, accountName, logins: JSON.stringify([...new Set(logins)]), revision: 1, createdAt: at, attempts: 0, nextAttemptAt: at, lastError: null })
    .onConflict((oc) =>
      oc.columns(['server', 'accountName']).doUpdateSet({
        // A further change while the task waits: deliver again, now, with the current login names.
        revision: sql`dovecot_sync_tasks.revision + 1`,
        logins: (eb) => eb.ref('excluded.logins'),
        nextAttemptAt: at,
      }),
    )
    .execute();
}

export interface DeliveryRound {
  delivered: number;
  failed: number;
}

export interface DovecotSyncWorker {
  /** Delivers every task that is due now, once. The timer calls it; tests call it directly. */
  deliverDue(): Promise<DeliveryRound>;
  /**
   * A round, waited for at most `maxWaitMs` and never failing: after a web request that may have
   * changed credentials, so its answer leaves once the mail servers know (or the queue has it).
   */
  settle(maxWaitMs?: number): Promise<void>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createDovecotSyncWorker(deps: {
  db: Db;
  settings: DovecotSyncSettings;
  clock: () => Date;
  log: { warn(details: object, message: string): void };
  timeoutMs?: number;
}): DovecotSyncWorker {
  const { db, settings, clock } = deps;
  const timeoutMs = deps.timeoutMs ?? 2000;

  /** Turns each account's request into one task per configured server (none configured: the request is done). */
  async function fanOut(now: Date): Promise<void> {
    const requests = await db.selectFrom('dovecotSyncTasks').selectAll().where('server', '=', FAN_OUT).limit(BATCH * 5).execute();
    for (const request of requests) {
      await db.transaction().execute(async (trx) => {
        for (const server of settings.servers) await upsertTask(trx, server, request.accountName, JSON.parse(request.logins) as string[], now);
        await trx.deleteFrom('dovecotSyncTasks').where('id', '=', request.id).where('revision', '=', request.revision).execute();
      });
    }
  }

  /**
   * An app password that expired is refused by the passdb at once, but a cached login of it
   * would still be taken until the entry expires, and its sessions stay open: its expiry is a
   * credential change like any other, queued once.
   */
  async function queueExpiries(now: Date): Promise<void> {
    for (const expired of await listUndeliveredExpiries(db, now, BATCH)) {
      await db.transaction().execute(async (trx) => {
        await requestDovecotSync(trx, expired.accountName, now);
        await markExpiryDelivered(trx, expired.id);
      });
    }
  }

  async function deliver(now: Date): Promise<DeliveryRound> {
    await queueExpiries(now);
    await fanOut(now);
    const round = { delivered: 0, failed: 0 };
    if (!settings.apiKey) return round;
    const due = await db
      .selectFrom('dovecotSyncTasks')
      .selectAll()
      .where('server', '!=', FAN_OUT)
      .where('nextAttemptAt', '<=', now.toISOString())
      .orderBy('nextAttemptAt')
      .limit(BATCH)
      .execute();
    for (const task of due) {
      // Claimed by whichever process moves its next attempt first.
      const claimed = await db
        .updateTable('dovecotSyncTasks')
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString(), attempts: task.attempts + 1 })
        .where('id', '=', task.id)
        .where('nextAttemptAt', '=', task.nextAttemptAt)
        .where('revision', '=', task.revision)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        await flushAndKick({ url: task.server, apiKey: settings.apiKey }, task.accountName, JSON.parse(task.logins) as string[], timeoutMs);
        const removed = await db.deleteFrom('dovecotSyncTasks').where('id', '=', task.id).where('revision', '=', task.revision).executeTakeFirst();
        // Changed again meanwhile: that change still has to be delivered, at once.
        if (Number(removed.numDeletedRows) !== 1) await db.updateTable('dovecotSyncTasks').set({ nextAttemptAt: now.toISOString(), attempts: 0 }).where('id', '=', task.id).execute();
        round.delivered++;
      } catch (error) {
        const message = error instanceof DoveadmError ? error.message : `unexpected: ${(error as Error).message}`;
        const waitMs = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(task.attempts, 10));
        await db
          .updateTable('dovecotSyncTasks')
          .set({ nextAttemptAt: new Date(clock().getTime() + waitMs).toISOString(), lastError: message.slice(0, 300) })
          .where('id', '=', task.id)
          .execute();
        deps.log.warn({ server: task.server, account: task.accountName, attempts: task.attempts + 1, retryInMs: waitMs, error: message }, 'Dovecot did not confirm the credential change; retrying');
        round.failed++;
      }
    }
    return round;
  }

  const rounds = periodicRounds(() => deliver(clock()), { intervalMs: 1000, log: deps.log, failure: 'Dovecot sync round failed' });
  return {
    deliverDue: rounds.runRound,
    settle: (maxWaitMs = 2500) => rounds.settle(maxWaitMs),
    start: rounds.start,
    stop: rounds.stop,
  };
}

export interface DovecotBacklogLine {
  server: string;
  tasks: number;
  oldestAt: string;
  attempts: number;
  lastError: string | null;
}

/** For staff: per server, how many accounts still wait for their flush and kick, since when, and why. */
export async function listDovecotBacklog(db: Db): Promise<DovecotBacklogLine[]> {
  const rows = await db
    .selectFrom('dovecotSyncTasks')
    .select((eb) => ['server', eb.fn.countAll<number>().as('tasks'), eb.fn.min('createdAt').as('oldestAt'), eb.fn.max('attempts').as('attempts')])
    .groupBy('server')
    .orderBy('server')
    .execute();
  const errors = await db.selectFrom('dovecotSyncTasks').select(['server', 'lastError']).where('lastError', 'is not', null).orderBy('nextAttemptAt', 'desc').execute();
  return rows.map((row) => ({
    server: row.server,
    tasks: Number(row.tasks),
    oldestAt: row.oldestAt,
    attempts: Number(row.attempts),
    lastError: errors.find((e) => e.server === row.server)?.lastError ?? null,
  }));
}

/** Staff's "retry now": every waiting task is due at once (the next round delivers it). */
export async function retryDovecotSyncNow(db: Db, now: Date): Promise<void> {
  await db.updateTable('dovecotSyncTasks').set({ nextAttemptAt: now.toISOString() }).execute();
}
