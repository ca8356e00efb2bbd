import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';
import { buildMailServerTestApp, LineClient, mailServersUnavailable, smtpSubmit, type MailServers } from './support/mailservers.ts';
import { findAdminAccount } from '../src/features/mail/index.ts';

// Mailbox quota against the real Postfix and Dovecot: usage written by Dovecot's quota_clone into
// Hostdesk's table, the 80 % warning, a full mailbox refused by Postfix (quota-status) and LMTP.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`mail quota tests skipped: ${skipReason}`);

const STRONG = 'Kaffeetasse-Wolkenkratzer-93';
/** A message body of about `bytes` bytes in 78-byte lines (76 characters and CRLF). */
const bodyOf = (bytes: number, marker: string) => [marker, ...Array.from({ length: Math.ceil(bytes / 78) }, (_, i) => `${String(i).padStart(6, '0')} ${'x'.repeat(69)}`)].join('\r\n');

describe.skipIf(skipReason !== null).each(DIALECTS)('mailbox quota with real Dovecot + Postfix on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Polls the usage Dovecot reported until `done` holds (Dovecot writes it right after each delivery). */
  async function usageOnceReported(accountName: string, done: (bytes: number) => boolean) {
    for (let i = 0; i < 100; i++) {
      const row = await t.db.selectFrom('mailQuotaUsage').select(['bytes', 'messages']).where('accountName', '=', accountName).executeTakeFirst();
      if (row && done(Number(row.bytes))) return { bytes: Number(row.bytes), messages: Number(row.messages) };
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Dovecot did not report the expected usage of ${accountName}\n${servers.logs()}`);
  }

  /** One message over LMTP straight to Dovecot; returns the answer to DATA (or to RCPT, if refused there). */
  async function lmtpDeliver(to: string, body: string): Promise<string> {
    const c = await LineClient.connect(servers.ports.lmtp);
    const reply = (text: string) => {
      const m = /^\d{3} .*\r\n/m.exec(text);
      return m ? m.index + m[0].length : -1;
    };
    try {
      await c.readUntil(reply);
      for (const step of ['LHLO client.hostdesk.test', 'MAIL FROM:<absender@example.org>', `RCPT TO:<${to}>`]) {
        c.send(step);
        const answer = await c.readUntil(reply);
        if (!answer.startsWith('250')) return answer;
      }
      c.send('DATA');
      await c.readUntil(reply);
      c.send(`From: <absender@example.org>\r\nTo: <${to}>\r\nSubject: LMTP test\r\n\r\n${body}\r\n.`);
      return await c.readUntil(reply);
    } finally {
      c.close();
    }
  }

  it('shows the usage growing after deliveries, warns at 80 %, refuses mail once full, and takes a raised quota at once', async () => {
    const order = await orderFor(t, { tariff: 'mail-s', domains: [uniqueDomain('quota')] });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const admin = `/mail-admin/${order.contractNumber}`;
    await client.get(admin);
    const created = await client.post(`${admin}/accounts`, { quotaMb: '1', localPart: 'voll', domainId: String(domain.id), mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(created.statusCode).toBe(303);
    const page = `${admin}/accounts/${/accounts\/(\d+)/.exec(created.headers.location as string)![1]}`;
    const account = await t.db.selectFrom('mailAccounts').select(['id', 'name']).where('contractId', '=', contract.id).where('quotaMb', '=', 1).executeTakeFirstOrThrow();
    const address = `voll@${domain.nameAscii}`;
    const first = (await findAdminAccount(t.db, contract.id))!;
    const send = (marker: string, bytes = 220_000) => smtpSubmit(servers.ports.smtp, first.name, order.mailAccount!.password, { from: `postmaster@${domain.nameAscii}`, to: address, body: bodyOf(bytes, marker) });
    // The .001 sends as one of its own addresses.
    await client.post(`${admin}/accounts/${first.id}/addresses`, { localPart: 'postmaster', domainId: String(domain.id) });

    expect((await client.get(page)).body).toContain('0,0 MB von 1 MB belegt');

    // Two deliveries through Postfix and LMTP: the page follows what Dovecot counted.
    expect((await send('q1')).sent, servers.logs()).toMatch(/^250 /);
    const one = await usageOnceReported(account.name, (bytes) => bytes > 200_000);
    expect(one.messages).toBe(1);
    expect((await client.get(page)).body).toContain('0,2 MB von 1 MB belegt');
    expect((await send('q2')).sent).toMatch(/^250 /);
    await usageOnceReported(account.name, (bytes) => bytes > 440_000);
    expect((await client.get(page)).body).toContain('0,4 MB von 1 MB belegt');
    expect(await t.app.quotaWarnings.checkNow()).toEqual({ warned: 0, cleared: 0 });

    // Past 80 %: one warning to the mailbox, and the note on its pages.
    expect((await send('q3')).sent).toMatch(/^250 /);
    expect((await send('q4')).sent).toMatch(/^250 /);
    await usageOnceReported(account.name, (bytes) => bytes > 880_000);
    expect(await t.app.quotaWarnings.checkNow()).toEqual({ warned: 1, cleared: 0 });
    expect(await t.app.quotaWarnings.checkNow()).toEqual({ warned: 0, cleared: 0 });
    const warning = t.mailer.sent.find((mail) => mail.to === address)!;
    expect(warning.subject).toContain('zu 80 % belegt');
    expect(warning.text).toContain('0,8 MB von 1 MB');
    const warned = (await client.get(page)).body;
    expect(warned).toContain('0,8 MB von 1 MB belegt');
    expect(warned).toContain('zu mehr als 80 % belegt');
    expect(warned).toContain('Eine Warnung ging am');
    const overview = (await client.get(admin)).body;
    expect(overview).toContain('über 80 %');

    // The message that crosses the limit still fits (quota_grace); then the mailbox is full.
    expect((await send('q5')).sent).toMatch(/^250 /);
    await usageOnceReported(account.name, (bytes) => bytes >= 1024 * 1024);
    const refused = await send('q6', 1000);
    expect(refused.sent, servers.logs()).toMatch(/^552 5\.2\.2 /);
    expect(await lmtpDeliver(address, bodyOf(1000, 'q7'))).toMatch(/^552 5\.2\.2 /);
    const full = (await client.get(page)).body;
    expect(full).toContain('Das Postfach ist voll. Neue Nachrichten werden abgewiesen');
    // The mailbox user sees the same on their own page.
    const self = new Client(t.app);
    await self.get('/mail-admin');
    expect((await self.post('/mail-admin/login', { login: address, password: STRONG })).statusCode).toBe(303);
    const own = (await self.get('/mail-admin/postfach')).body;
    expect(own).toContain('von 1 MB belegt');
    expect(own).toContain('bitten Sie Ihre E-Mail-Administration um mehr Speicherplatz');

    // A raised quota reaches Dovecot with the settings' answer (auth cache flushed): mail is accepted again.
    await client.get(page);
    expect((await client.post(`${page}/settings`, { quotaMb: '3', active: '1', imap: '1', pop3: '1', smtp: '1' })).statusCode).toBe(303);
    expect((await send('q8', 1000)).sent, servers.logs()).toMatch(/^250 /);
    expect(await lmtpDeliver(address, bodyOf(1000, 'q9'))).toMatch(/^250 /);
    // Below 80 % again: the warning state clears, so the next crossing warns anew.
    expect(await t.app.quotaWarnings.checkNow()).toEqual({ warned: 0, cleared: 1 });
    expect((await client.get(page)).body).not.toContain('Das Postfach ist voll');
  });
});
