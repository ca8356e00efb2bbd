import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';
import { buildMailServerTestApp, imapFindMessage, imapInbox, mailServersUnavailable, smtpSendMessage, waitForDovecotLog, type MailServers } from './support/mailservers.ts';
import { findAdminAccount } from '../src/features/mail/index.ts';
import { compileSieveScript } from '../src/features/mail/delivery-rules.sieve.ts';
import { checkAutoReply } from '../src/features/mail/delivery-rules.service.ts';

// Out-of-office replies and forwarding as Dovecot runs them: Postfix → LMTP → Pigeonhole running
// the script Hostdesk compiled (read through the dict from Hostdesk's database) → the reply back
// through Postfix into the sender's mailbox, read over IMAP.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`out-of-office tests skipped: ${skipReason}`);

const STRONG = 'Kaffeetasse-Wolkenkratzer-93';

/** The Subject header of a raw message, RFC 2047 encoded words decoded (Pigeonhole encodes non-ASCII). */
function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(raw);
  if (!m) return '';
  return m[1]!
    .replace(/\?=\r\n[ \t]+=\?/g, '?==?')
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_all, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

const localDay = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.skipIf(skipReason !== null).each(DIALECTS)('out-of-office reply and forwarding through real Postfix, Dovecot LMTP and Pigeonhole on %s', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A customer with the E-Mail Administration (single sign-on) and one mailbox with one address. */
  async function mailbox(localPart: string) {
    const domain = uniqueDomain('ooo');
    const order = await orderFor(t, { tariff: 'mail-s', domains: [domain] });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domainRow = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const admin = `/mail-admin/${order.contractNumber}`;
    await client.get(admin);
    const res = await client.post(`${admin}/accounts`, { quotaMb: '100', localPart, domainId: String(domainRow.id), mode: 'set', password: STRONG, passwordRepeat: STRONG });
    expect(res.statusCode).toBe(303);
    const id = Number(/accounts\/(\d+)/.exec(res.headers.location as string)![1]);
    const account = await t.db.selectFrom('mailAccounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await findAdminAccount(t.db, contract.id)).toBeTruthy();
    const url = `${admin}/accounts/${id}`;
    return { client, url, name: account.name, address: `${localPart}@${domainRow.nameAscii}` };
  }
  type Box = Awaited<ReturnType<typeof mailbox>>;

  async function setAway(box: Box, fields: Record<string, string>) {
    await box.client.get(box.url);
    const res = await box.client.post(`${box.url}/auto-reply`, { active: '1', days: '7', addresses: box.address, ...fields });
    expect(res.statusCode, res.body).toBe(303);
  }

  const send = async (from: Box, to: Box, marker: string, headers: string[] = []) => {
    const answer = await smtpSendMessage(servers.ports.smtp, from.name, STRONG, { from: from.address, to: to.address, headers: [`Subject: Frage ${marker}`, ...headers], body: `Hallo ${marker}` });
    expect(answer, servers.logs()).toMatch(/^250 /);
  };
  const delivered = (box: Box, marker: string) => imapFindMessage(servers.ports.imap, box.name, STRONG, marker).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${servers.logs()}`)));
  const inbox = (box: Box) => imapInbox(servers.ports.imap, box.name, STRONG);
  const repliesIn = async (box: Box, subject: string) => (await inbox(box)).filter((raw) => subjectOf(raw) === subject);

  it('answers a sender with the subject set in the customer area, once per interval, never a list mail', async () => {
    const anna = await mailbox('anna');
    const bert = await mailbox('bert');
    const marker = `r${Date.now()}`;
    // Quotes, a backslash, non-ASCII and several lines: all reach the reply as typed.
    const subject = `Nicht im Büro "bis Montag" \\ ${marker}`;
    await setAway(anna, { subject, body: 'Guten Tag,\r\n\r\nich bin "unterwegs" \\ zurück am Montag.\r\n.\r\nGrüße' });

    await send(bert, anna, `${marker}-1`);
    await delivered(anna, `${marker}-1`);
    const reply = await delivered(bert, marker);
    expect(subjectOf(reply)).toBe(subject);
    expect(reply).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(reply).toMatch(new RegExp(`^From: .*${anna.address.replace(/\./g, "\\.")}`, "im"));

    // The second message within the interval: delivered, not answered.
    await send(bert, anna, `${marker}-2`);
    await delivered(anna, `${marker}-2`);
    await waitForDovecotLog(servers, new RegExp(`discarded duplicate vacation response to <${bert.address.replace(/\./g, '\\.')}>`));

    // A list mail: delivered, not answered.
    const carl = await mailbox('carl');
    await send(carl, anna, `${marker}-3`, ['List-Id: Hostdesk test list <test.list.hostdesk.test>']);
    await delivered(anna, `${marker}-3`);
    await waitForDovecotLog(servers, new RegExp(`discarding vacation response to mailinglist recipient <${carl.address.replace(/\./g, '\\.')}>`));

    expect(await repliesIn(bert, subject)).toHaveLength(1);
    expect(await repliesIn(carl, subject)).toHaveLength(0);
  });

  it('stays silent before its first day', async () => {
    const anna = await mailbox('anna');
    const bert = await mailbox('bert');
    const marker = `d${Date.now()}`;
    await setAway(anna, { subject: `Bald weg ${marker}`, body: 'Ab morgen.', from: localDay(1) });
    await send(bert, anna, `${marker}-1`);
    await delivered(anna, `${marker}-1`);

    // From today on: the next message is answered, with the new subject, and the first never was.
    await setAway(anna, { subject: `Jetzt weg ${marker}`, body: 'Ab heute.', from: localDay(0), until: localDay(3) });
    await send(bert, anna, `${marker}-2`);
    await delivered(anna, `${marker}-2`);
    await delivered(bert, `Jetzt weg ${marker}`);
    expect(await repliesIn(bert, `Bald weg ${marker}`)).toHaveLength(0);
  });

  it('does not loop between two mailboxes that are both away', async () => {
    const anna = await mailbox('anna');
    const dora = await mailbox('dora');
    const marker = `l${Date.now()}`;
    await setAway(anna, { subject: `Anna weg ${marker}`, body: 'Anna ist weg.' });
    await setAway(dora, { subject: `Dora weg ${marker}`, body: 'Dora ist weg.' });

    await send(anna, dora, `${marker}-1`);
    await delivered(dora, `${marker}-1`);
    await delivered(anna, `Dora weg ${marker}`);
    // Dora's reply is auto-submitted with an empty envelope sender: Anna's script does not answer it.
    await waitForDovecotLog(servers, new RegExp(`lmtp\\(${anna.name.replace('.', '\\.')}\\).*vacation action: discarded vacation reply to <>`));
    // Later mail overtakes nothing: once this arrives at Dora, an answer of Anna's would have too.
    const bert = await mailbox('bert');
    await send(bert, dora, `${marker}-barrier`);
    await delivered(dora, `${marker}-barrier`);
    expect(await repliesIn(dora, `Anna weg ${marker}`)).toHaveLength(0);
    expect(await repliesIn(anna, `Dora weg ${marker}`)).toHaveLength(1);
  });

  it('forwards a mailbox, with and without a copy kept', async () => {
    const erik = await mailbox('erik');
    const bert = await mailbox('bert');
    const carl = await mailbox('carl');
    const marker = `f${Date.now()}`;
    await erik.client.get(erik.url);
    expect((await erik.client.post(`${erik.url}/forwarding`, { target: bert.address, keepCopy: '1' })).statusCode).toBe(303);
    await send(carl, erik, `${marker}-1`);
    await delivered(erik, `${marker}-1`);
    await delivered(bert, `${marker}-1`);

    await erik.client.get(erik.url);
    expect((await erik.client.post(`${erik.url}/forwarding`, { target: bert.address })).statusCode).toBe(303);
    await send(carl, erik, `${marker}-2`);
    await delivered(bert, `${marker}-2`);
    // Erik's delivery ended before the forward left it: no copy there.
    expect((await inbox(erik)).some((raw) => raw.includes(`${marker}-2`))).toBe(false);

    // Forwarding off: delivered to Erik again, not to Bert.
    await erik.client.get(erik.url);
    expect((await erik.client.post(`${erik.url}/forwarding`, { target: '' })).statusCode).toBe(303);
    await send(carl, erik, `${marker}-3`);
    await delivered(erik, `${marker}-3`);
  });
});

// The generator's escaping, judged by Pigeonhole itself: sieve-test compiles and runs the script on
// a message and prints the actions with their arguments, which must be exactly the typed text.
describe.skipIf(skipReason !== null)('generated Sieve scripts as Pigeonhole reads them (sieve-test)', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync('/tmp/hd-sieve-');
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'dovecot.conf'), `mail_uid = nobody\nmail_gid = nogroup\nmail_location = maildir:${dir}/Maildir\n`);
    writeFileSync(join(dir, 'message.eml'), 'From: bert@beispiel.de\r\nTo: anna@beispiel.de\r\nSubject: Frage\r\n\r\nHallo\r\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function actionsOf(script: string, from = 'bert@beispiel.de'): Promise<string> {
    writeFileSync(join(dir, 'script.sieve'), script);
    const { stdout } = await run('sieve-test', ['-c', join(dir, 'dovecot.conf'), '-o', `mail_home=${dir}`, join(dir, 'script.sieve'), join(dir, 'message.eml'), '-f', from, '-a', 'anna@beispiel.de', '-r', 'anna@beispiel.de']);
    return stdout.replace(/\r\n/g, '\n');
  }

  it('carries quotes, backslashes, would-be commands and several lines into the reply unchanged', async () => {
    const subject = 'Weg "bis Montag" \\ ; discard; "';
    const body = 'Guten Tag,\n"zitiert" und \\ Backslash\n.\n}\nkeep;\n${hex:41} bleibt so\nGrüße';
    const checked = checkAutoReply({ active: true, from: '', until: '', subject, body, days: 3, addresses: ['anna@beispiel.de'] }, ['anna@beispiel.de'], '2026-01-01');
    const script = compileSieveScript({ ownAddresses: ['anna@beispiel.de'], autoReply: { from: null, until: null, subject: checked.subject, body: checked.body, days: 3, answerFor: ['anna@beispiel.de'] }, forward: null }, '500001.002')!;
    const out = await actionsOf(script);
    expect(out).toContain(`=> subject : ${subject}\n`);
    expect(out).toContain(`START MESSAGE\n${body}\nEND MESSAGE`);
    // One action, the reply, and the message kept: nothing the text "said" became a command.
    expect(out.match(/^ \* /gm)).toEqual([' * ', ' * ']);
    expect(out).toContain(' * send vacation message:');
    expect(out).toContain(' * store message in folder: INBOX');
  });

  it('does not answer mail from one of the own addresses, and forwards with and without a copy', async () => {
    const own = ['anna@beispiel.de', 'info@beispiel.de'];
    const autoReply = { from: null, until: null, subject: 'Weg', body: 'Bin weg.', days: 3, answerFor: ['anna@beispiel.de'] };
    expect(await actionsOf(compileSieveScript({ ownAddresses: own, autoReply, forward: null }, 'n')!, 'info@beispiel.de')).not.toContain('vacation');
    const copy = await actionsOf(compileSieveScript({ ownAddresses: own, autoReply: null, forward: { to: 'chef@example.org', keepCopy: true } }, 'n')!);
    expect(copy).toMatch(/redirect message to: <chef@example\.org>/);
    expect(copy).toContain('store message in folder: INBOX');
    const move = await actionsOf(compileSieveScript({ ownAddresses: own, autoReply: null, forward: { to: 'chef@example.org', keepCopy: false } }, 'n')!);
    expect(move).toMatch(/redirect message to: <chef@example\.org>/);
    expect(move).not.toContain('store message in folder');
  });
});
