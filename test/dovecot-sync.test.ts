import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { buildMailServerTestApp, DOVEADM_TEST_KEY, imapLogin, imapOk, mailServersUnavailable, startMailServers, type MailServers } from './support/mailservers.ts';
import { setMailAccountPassword } from '../src/features/mail/index.ts';
import { createDovecotSyncWorker, listDovecotBacklog, type DovecotSyncWorker } from '../src/features/mail/index.ts';
import { hashMailPassword } from '../src/platform/crypto.ts';

const skipReason = mailServersUnavailable({ needsRoot: true });
if (skipReason) console.warn(`Dovecot sync tests skipped: ${skipReason}`);

const NEW = 'Neues-Passwort-für-IMAP-2026';
const STAFF = { actor: 'staff:1', ip: '127.0.0.1' };

describe.skipIf(skipReason !== null).each(DIALECTS)('credential changes reach Dovecot at once, with the auth cache on (%s)', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  let sync: DovecotSyncWorker;
  const warnings: object[] = [];

  let admin: Client;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
    const staff = await staffUser(t, 'admin');
    admin = new Client(t.app);
    await admin.loginStaff(staff.login, staff.password);
    // The app's own worker, as configured from DOVEADM_URLS (its timer runs only where a test starts it).
    sync = t.app.dovecotSync;
    t.app.log.warn = ((details: object) => void warnings.push(details)) as typeof t.app.log.warn;
  }, 120_000);
  afterAll(() => t?.close());

  const imap = (user: string, password: string) => imapOk(servers.ports.imap, user, password);
  async function changePassword(accountName: string, password: string) {
    const account = await t.db.selectFrom('mailAccounts').select('id').where('name', '=', accountName).executeTakeFirstOrThrow();
    await setMailAccountPassword(t.db, account.id, await hashMailPassword(password), STAFF, null, t.clock.now);
  }

  it('refuses the old password and takes the new one as soon as the change is delivered; the cache alone would not', async () => {
    const order = await orderFor(t);
    const { name, password: old } = order.mailAccount!;
    expect(await imap(name, old), servers.logs()).toBe(true); // now in the auth cache

    await changePassword(name, NEW);
    // Without the flush the cache still says yes to the old password: the cache is really on.
    expect(await imap(name, old)).toBe(true);
    expect(await sync.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(await imap(name, old)).toBe(false);
    expect(await imap(name, NEW)).toBe(true);
    expect(await t.db.selectFrom('dovecotSyncTasks').selectAll().execute()).toEqual([]);
  });

  it('ends an IMAP session opened before the change within 5 seconds, with the worker running', async () => {
    const order = await orderFor(t);
    const { name, password } = order.mailAccount!;
    const session = await imapLogin(servers.ports.imap, name, password);
    expect(session.ok).toBe(true);
    session.client.send('a2 SELECT INBOX');
    await session.client.readUntil((text) => text.search(/^a2 OK.*\r\n/m));
    sync.start(250);
    try {
      await changePassword(name, NEW);
      // Dovecot says BYE and closes the connection; reading on fails with "connection closed".
      await expect(session.client.readUntil(() => -1, 5000)).rejects.toThrow(/connection closed/);
    } finally {
      await sync.stop();
      session.client.close();
    }
  });

  it('keeps a change made while Dovecot is down, shows it to staff, and applies it when Dovecot is back', async () => {
    const order = await orderFor(t);
    const { name, password: old } = order.mailAccount!;
    await sync.deliverDue();
    expect(await imap(name, old)).toBe(true);

    await servers.stopDovecot();
    try {
      await changePassword(name, NEW);
      expect(await sync.deliverDue()).toEqual({ delivered: 0, failed: 1 });
      const [backlog] = await listDovecotBacklog(t.db);
      expect(backlog).toMatchObject({ server: servers.doveadmUrl, tasks: 1, attempts: 1 });
      expect(backlog!.lastError).toMatch(/not reachable/);
      expect(warnings.at(-1)).toMatchObject({ server: servers.doveadmUrl, account: name });
      // Not due again before its retry time.
      expect(await sync.deliverDue()).toEqual({ delivered: 0, failed: 0 });
      // Admins see the backlog with its reason.
      const page = (await admin.get('/staff/mail-servers')).body;
      expect(page).toContain('Wartende Postfächer: 1');
      expect(page).toContain('Zuletzt: Server nicht erreichbar.');
    } finally {
      await servers.startDovecot();
    }
    // "Jetzt erneut versuchen" makes it due at once, and the answer waits for that round.
    await admin.get('/staff/mail-servers');
    expect((await admin.post('/staff/mail-servers/retry', {})).statusCode).toBe(303);
    expect(await listDovecotBacklog(t.db)).toEqual([]);
    expect((await admin.get('/staff/mail-servers')).body).toContain('Alle Änderungen zugestellt');
    expect(await imap(name, old)).toBe(false);
    expect(await imap(name, NEW)).toBe(true);
  });

  it('refuses a wrong API key and keeps the task', async () => {
    const order = await orderFor(t);
    const { name } = order.mailAccount!;
    await changePassword(name, NEW);
    const wrong = createDovecotSyncWorker({ db: t.db, settings: { servers: [servers.doveadmUrl], apiKey: 'x'.repeat(40) }, clock: () => t.clock.now, log: { warn: () => undefined } });
    expect(await wrong.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    const [backlog] = await listDovecotBacklog(t.db);
    expect(backlog!.lastError).toMatch(/HTTP 401/);
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect(await sync.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(await imap(name, NEW)).toBe(true);
  });

  it('reaches every Dovecot of DOVEADM_URLS, each on its own: one down does not hold back the other', async () => {
    const second = await startMailServers(t.database.url);
    try {
      const both = createDovecotSyncWorker({ db: t.db, settings: { servers: [servers.doveadmUrl, second.doveadmUrl], apiKey: DOVEADM_TEST_KEY }, clock: () => t.clock.now, log: { warn: () => undefined } });
      const order = await orderFor(t);
      const { name, password: old } = order.mailAccount!;
      const imapOn = (port: number, password: string) => imapOk(port, name, password);
      expect([await imapOn(servers.ports.imap, old), await imapOn(second.ports.imap, old)], second.logs()).toEqual([true, true]);

      await changePassword(name, NEW);
      expect(await both.deliverDue()).toEqual({ delivered: 2, failed: 0 });
      expect([await imapOn(servers.ports.imap, old), await imapOn(second.ports.imap, old)]).toEqual([false, false]);
      expect([await imapOn(servers.ports.imap, NEW), await imapOn(second.ports.imap, NEW)]).toEqual([true, true]);

      // The second one down: the first hears of the next change at once, the second when it is back.
      await second.stopDovecot();
      await changePassword(name, old);
      expect(await both.deliverDue()).toEqual({ delivered: 1, failed: 1 });
      expect((await listDovecotBacklog(t.db)).map((line) => line.server)).toEqual([second.doveadmUrl]);
      await second.startDovecot();
      t.clock.now = new Date(t.clock.now.getTime() + 61_000);
      expect(await both.deliverDue()).toEqual({ delivered: 1, failed: 0 });
      expect(await listDovecotBacklog(t.db)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
