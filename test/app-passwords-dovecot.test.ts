import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import type { TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { buildMailServerTestApp, imapLogin, imapOk, mailServersUnavailable, pop3Login, smtpSubmit, type MailServers } from './support/mailservers.ts';
import { createAppPassword, revokeAppPassword, setAppPasswordsOnly } from '../src/features/mail/app-passwords.service.ts';
import type { Actor } from '../src/platform/policy.ts';

// The real Dovecot (IMAP, POP3, and SASL for Postfix's SMTP AUTH) with the generated Lua passdb
// and the auth cache on; the app's Dovecot sync worker delivers flush and kick.
const skipReason = mailServersUnavailable({ needsRoot: true });
if (skipReason) console.warn(`app password tests against Dovecot skipped: ${skipReason}`);

describe.skipIf(skipReason !== null).each(DIALECTS)('app passwords at the real Dovecot and Postfix (%s)', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
  }, 120_000);
  afterAll(() => t?.close());

  const imap = (user: string, password: string) => imapOk(servers.ports.imap, user, password);
  const pop3 = async (user: string, password: string) => (await pop3Login(servers.ports.pop3, user, password)).ok;
  const smtp = async (user: string, password: string) => (await smtpSubmit(servers.ports.smtp, user, password)).authOk;
  const all = async (user: string, password: string) => ({ imap: await imap(user, password), pop3: await pop3(user, password), smtp: await smtp(user, password) });

  /** A contract's `.001` mailbox, its owner as the acting customer, and app passwords made as the E-Mail-Administration makes them. */
  async function mailbox() {
    const order = await orderFor(t);
    const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const account = await t.db.selectFrom('mailAccounts').select(['id', 'name']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const by = { actor: { kind: 'customer', customerId: contract.customerId } as Actor, ip: null };
    const create = (input: { imap?: boolean; pop3?: boolean; smtp?: boolean; validUntil?: string }) =>
      createAppPassword(t.db, contract.id, account.id, { name: 'Testgerät', imap: false, pop3: false, smtp: false, validUntil: '', ...input }, by, t.clock.now);
    return { name: account.name, password: order.mailAccount!.password, accountId: account.id, contractId: contract.id, by, create };
  }

  it('an IMAP-only app password logs into IMAP and is refused by POP3 and SMTP; the mailbox password keeps working', async () => {
    const m = await mailbox();
    const { secret } = await m.create({ imap: true });
    expect(await all(m.name, secret), servers.logs()).toEqual({ imap: true, pop3: false, smtp: false });
    expect(await all(m.name, m.password)).toEqual({ imap: true, pop3: true, smtp: true });
    // Phones capitalise the first letter: the same app password.
    expect(await imap(m.name, secret.toUpperCase())).toBe(true);
    // The same first group with other characters after it is not it; nor is a guess of its shape.
    expect(await imap(m.name, `${secret.slice(0, 5)}${'a'.repeat(4)}${secret.slice(9)}`)).toBe(false);
    expect(await imap(m.name, 'abcd-efgh-ijkm-npqr-stuv')).toBe(false);
    const smtpOnly = await m.create({ smtp: true, pop3: true });
    expect(await all(m.name, smtpOnly.secret)).toEqual({ imap: false, pop3: true, smtp: true });
  });

  it('takes two app passwords of one mailbox for the same protocol by turns (phone and laptop), with the cache on', async () => {
    const m = await mailbox();
    const phone = await m.create({ imap: true });
    const laptop = await m.create({ imap: true });
    const turns = [];
    for (const secret of [phone.secret, laptop.secret, phone.secret, laptop.secret, m.password, phone.secret]) turns.push(await imap(m.name, secret));
    expect(turns).toEqual([true, true, true, true, true, true]);
  });

  it('revoked, it is refused at once although the auth cache had it, and its open IMAP session ends within 5 s', async () => {
    const m = await mailbox();
    const { secret, appPassword } = await m.create({ imap: true, pop3: true });
    expect(await imap(m.name, secret)).toBe(true); // now in the auth cache
    const session = await imapLogin(servers.ports.imap, m.name, secret);
    expect(session.ok).toBe(true);
    session.client.send('a2 SELECT INBOX');
    await session.client.readUntil((text) => text.search(/^a2 OK.*\r\n/m));
    t.app.dovecotSync.start(250);
    try {
      await revokeAppPassword(t.db, m.contractId, m.accountId, appPassword.id, m.by, null, t.clock.now);
      await expect(session.client.readUntil(() => -1, 5000)).rejects.toThrow(/connection closed/);
    } finally {
      await t.app.dovecotSync.stop();
      session.client.close();
    }
    expect(await all(m.name, secret)).toEqual({ imap: false, pop3: false, smtp: false });
    expect(await imap(m.name, m.password)).toBe(true);
  });

  it('"app passwords only" refuses the mailbox password for IMAP, POP3 and SMTP at once, and keeps the app passwords', async () => {
    const m = await mailbox();
    const { secret } = await m.create({ imap: true, pop3: true, smtp: true });
    expect(await imap(m.name, m.password)).toBe(true); // cached
    await setAppPasswordsOnly(t.db, m.contractId, m.accountId, true, m.by, t.clock.now);
    await t.app.dovecotSync.deliverDue();
    expect(await all(m.name, m.password)).toEqual({ imap: false, pop3: false, smtp: false });
    expect(await all(m.name, secret)).toEqual({ imap: true, pop3: true, smtp: true });
    await setAppPasswordsOnly(t.db, m.contractId, m.accountId, false, m.by, t.clock.now);
    expect(await all(m.name, m.password)).toEqual({ imap: true, pop3: true, smtp: true });
  });

  it('an expired one is refused, and a cached one as soon as the worker passes its expiry on', async () => {
    const m = await mailbox();
    const tomorrow = new Date(t.clock.now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const { secret, appPassword } = await m.create({ imap: true, validUntil: tomorrow });
    expect(await imap(m.name, secret)).toBe(true); // cached
    // Its day has passed (for the mail server's clock and the app's).
    const past = new Date(Math.min(Date.now(), t.clock.now.getTime()) - 60_000).toISOString();
    await t.db.updateTable('mailAppPasswords').set({ expiresAt: past }).where('id', '=', appPassword.id).execute();
    expect(await imap(m.name, secret)).toBe(true); // the cache alone would still say yes
    await t.app.dovecotSync.deliverDue();
    expect(await imap(m.name, secret)).toBe(false);
    const row = await t.db.selectFrom('mailAppPasswords').select('expiryDelivered').where('id', '=', appPassword.id).executeTakeFirstOrThrow();
    expect(row.expiryDelivered).toBe(1);
  });
});
