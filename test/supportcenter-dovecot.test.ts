import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createMailer } from '../src/integrations/smtp/mailer.ts';
import { DIALECTS } from './support/databases.ts';
import { Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser, uniqueDomain } from './support/factories.ts';
import { buildMailServerTestApp, mailServersUnavailable, imapFindMessage, imapOk, pop3Login, type MailServers } from './support/mailservers.ts';


// Dovecot and Postfix: outside CI a missing package or a missing root skips this suite, in CI it fails.
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`SupportCenter mail-server tests skipped: ${skipReason}`);

/**
 * The seed's last resort against the real Dovecot and Postfix: the customer asks in the
 * SupportCenter, staff run the action, the customer reveals the password once, and Dovecot takes
 * it at once while the old one fails. Notifications go out through Postfix (SMTP_URL) and
 * arrive in the customer's contact mailbox, carrying a link and no secret.
 */
describe.skipIf(skipReason !== null).each(DIALECTS)('SupportCenter with real Dovecot + Postfix (%s)', (dialect) => {
  let t: TestApp;
  let servers: MailServers;
  let smtpApp: FastifyInstance;
  let outbox: string;
  beforeAll(async () => {
    ({ t, servers } = await buildMailServerTestApp(dialect));
    outbox = mkdtempSync(join(tmpdir(), 'hd-support-outbox-'));
    // A second app process on the same database, sending its mail through the test Postfix.
    const smtpUrl = `smtp://127.0.0.1:${servers.ports.smtp}`;
    const config = loadConfig({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://hostdesk.test', STAFF_2FA_REQUIRED: 'false', ...(t.config.secretKey ? { SECRET_KEY: t.config.secretKey } : {}), SMTP_URL: smtpUrl, SMTP_FROM: 'Hostdesk <support@hostdesk.test>', DOVEADM_URLS: t.config.dovecotSync.servers.join(','), DOVEADM_API_KEY: t.config.dovecotSync.apiKey! });
    smtpApp = await buildApp({ config, database: t.database.handle, mailer: createMailer({ smtpUrl, from: config.smtpFrom, outboxDir: outbox }), clock: () => t.clock.now });
    await smtpApp.ready();
  }, 120_000);
  afterAll(async () => {
    await smtpApp?.close();
    await t?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const imap = (user: string, password: string) => imapOk(servers.ports.imap, user, password);

  it('sets a new .001 password from a ticket that Dovecot accepts at once; the old one fails; the notification arrives over IMAP', async () => {
    const domain = uniqueDomain('support');
    const order = await orderFor(t, { tariff: 'mail-s', domains: [domain], email: `info@${domain}` });
    const account = order.mailAccount!.name;
    const oldPassword = order.mailAccount!.password;
    expect(await imap(account, oldPassword), servers.logs()).toBe(true);

    // The customer's contact address is a mailbox of their own contract (delivered to .001).
    const customer = new Client(t.app);
    await customer.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const admin = `/mail-admin/${order.contractNumber}`;
    await customer.get(admin);
    const first = await t.db.selectFrom('mailAccounts').select('id').where('name', '=', account).executeTakeFirstOrThrow();
    const domainRow = await t.db.selectFrom('domains').select('id').where('nameAscii', '=', domain).executeTakeFirstOrThrow();
    const address = await customer.post(`${admin}/accounts/${first.id}/addresses`, { localPart: 'info', domainId: String(domainRow.id) });
    expect(address.statusCode, address.body.slice(0, 500)).toBe(303);

    // SupportCenter → Neues Ticket erstellen → new administration password.
    await customer.get('/support');
    await customer.get('/support/tickets/new?category=admin_password');
    const created = await customer.post('/support/tickets', {
      category: 'admin_password',
      link: `contract:${order.contractNumber}`,
      subject: 'Passwort der E-Mail-Administration vergessen',
      body: 'Bitte setzen Sie ein neues Administrationspasswort.',
    });
    expect(created.statusCode).toBe(303);
    const number = created.headers.location!.split('/').pop()!;
    const ticket = await t.db.selectFrom('supportTickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();

    // Staff run the one audited action (on the app that sends mail through Postfix).
    const agent = await staffUser(t, 'agent');
    const staff = new Client(smtpApp);
    await staff.loginStaff(agent.login, agent.password);
    const staffPage = await staff.get(`/staff/tickets/${ticket.id}`);
    expect(staffPage.statusCode, `${staffPage.headers.location}`).toBe(200);
    const action = await staff.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' });
    expect(action.statusCode, action.body.replace(/<[^>]+>/g, ' ').slice(-1500)).toBe(303);
    // From now on the old password is refused by Dovecot, before the customer has even looked.
    expect(await imap(account, oldPassword)).toBe(false);

    // The customer reveals it once.
    const view = await customer.get(`/support/tickets/${number}`);
    const actionId = /actions\/(\d+)\/reveal/.exec(view.body)![1];
    const revealed = await customer.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {});
    expect(revealed.statusCode).toBe(200);
    const password = /<code class="secret-value">([^<]+)<\/code>/.exec(revealed.body)![1]!.replace(/&amp;/g, '&');
    expect((await customer.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {})).statusCode).toBe(303);

    expect(await imap(account, password), servers.logs()).toBe(true);
    expect((await pop3Login(servers.ports.pop3, account, password)).ok).toBe(true);
    expect(await imap(account, oldPassword)).toBe(false);

    // The notification about the action went through Postfix into the contact mailbox: a link, no secret.
    const message = await imapFindMessage(servers.ports.imap, account, password, `/support/tickets/${number}`).catch((e: Error) => {
      throw new Error(`${e.message}\n${servers.logs()}`);
    });
    expect(message).toContain(`Neue Antwort zu Ihrem Ticket ${number}`);
    expect(message).not.toContain(password);

    // A staff reply is announced the same way.
    await staff.get(`/staff/tickets/${ticket.id}`);
    expect((await staff.post(`/staff/tickets/${ticket.id}/reply`, { body: 'Das neue Passwort liegt für Sie bereit.', state: 'resolved' })).statusCode).toBe(303);
    const notifications = await t.db.selectFrom('supportNotifications').selectAll().where('ticketId', '=', ticket.id).execute();
    expect(notifications.filter((n) => n.recipient === `info@${domain}`).map((n) => n.status)).toEqual(['sent', 'sent']);
  });
});
