import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { dovecotReporter } from './support/dovecot-policy.ts';

const POLICY_SECRET = 'diagnosis-policy-secret-0123456789abcdef';
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe.each(DIALECTS)('Warum kann ich mich nicht anmelden? (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { MAIL_IMAP_HOST: 'imap.hostdesk.test', MAIL_IMAP_PORT: '993', MAIL_SMTP_HOST: 'smtp.hostdesk.test', MAIL_SMTP_PORT: '587', MAIL_POLICY_SECRET: POLICY_SECRET });
  });
  afterAll(() => t.close());

  /** A customer with a mail contract, logged in, and a second mailbox `anna@…` with its one-time password. */
  async function customerWithMailbox() {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    await client.get(`/mail-admin/${order.contractNumber}`);
    const created = await client.post(`/mail-admin/${order.contractNumber}/accounts`, { quotaMb: '100', localPart: 'anna', domainId: String(domain.id), mode: 'generate' });
    expect(created.statusCode).toBe(200);
    const password = decode(/class="secret-value">([^<]+)</.exec(created.body)![1]!);
    const account = await t.db.selectFrom('mailAccounts').selectAll().where('name', '=', `${order.contractNumber}.002`).executeTakeFirstOrThrow();
    const url = `/contracts/${order.contractNumber}/zugangsdaten/${account.id}/diagnose`;
    return { order, client, account, password, address: `anna@${order.domains[0]}`, url };
  }

  it('finds nothing wrong with a fresh mailbox, names its user names and offers a ticket', async () => {
    const { order, client, account, address, url } = await customerWithMailbox();
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    const body = decode(page.body);
    expect(body).toContain('<h1>Warum kann ich mich nicht anmelden?</h1>');
    expect(body).toContain(`dem Postfach ${address}`);
    expect(body).toContain('Das Postfach ist aktiv.');
    expect(body).toContain(`Als Benutzername funktioniert: ${account.name} oder ${address}.`);
    expect(body).toContain('Keine fehlgeschlagenen Anmeldungen in den letzten 14 Tagen.');
    expect(body).toContain('Wir haben keine Ursache gefunden');
    expect(body).toContain(`href="/support/tickets/new?category=email&contract=${order.contractNumber}"`);
    expect(body).toContain('imap.hostdesk.test');
    // A contract's page: the Domainverwaltung is the current item of the navigation.
    expect(body).toContain('<a href="/domains" aria-current="page">');
  });

  it('explains failed logins, then the lockout, and sends the manager to set a new password', async () => {
    const { order, client, account, address, url } = await customerWithMailbox();
    const guesser = new Client(t.app, '203.0.113.7');
    await guesser.get('/mail-admin');
    for (let i = 0; i < 3; i++) expect((await guesser.post('/mail-admin/login', { login: address, password: `falsch-${i}` })).statusCode).toBe(401);
    let body = decode((await client.get(url)).body);
    expect(body).toContain('3 fehlgeschlagene Anmeldungen (falsches Passwort) über die E-Mail-Administration von 203.0.113.7, zuletzt am');
    expect(body).toContain('Tragen Sie das aktuelle Passwort in jedem Gerät ein');
    expect(body).toContain(`href="/mail-admin/${order.contractNumber}/accounts/${account.id}"`);
    expect(body).not.toContain('gesperrt bis');

    // Two more and the pair (address, login) is locked out: the diagnosis says until when.
    for (let i = 3; i < 5; i++) await guesser.post('/mail-admin/login', { login: address, password: `falsch-${i}` });
    body = decode((await client.get(url)).body);
    expect(body).toMatch(/Anmeldungen von 203\.0\.113\.7 sind nach zu vielen Fehlversuchen gesperrt bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    // Looking counts nothing: the lockout is the same after many looks.
    const before = await t.db.selectFrom('throttleAttempts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await client.get(url);
    const after = await t.db.selectFrom('throttleAttempts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('puts a deactivated mailbox and a switched-off protocol first', async () => {
    const { client, account, url } = await customerWithMailbox();
    await t.db.updateTable('mailAccounts').set({ pop3: 0 }).where('id', '=', account.id).execute();
    let body = decode((await client.get(`${url}?protocol=pop3`)).body);
    expect(body).toContain('POP3 ist für dieses Postfach ausgeschaltet.');
    expect(body).toContain('Schalten Sie POP3 ein');
    // Not asked about POP3: a note, not the next step.
    body = decode((await client.get(`${url}?protocol=imap`)).body);
    expect(body).toContain('IMAP ist für dieses Postfach eingeschaltet.');
    expect(body).not.toContain('Schalten Sie POP3 ein');

    await t.db.updateTable('mailAccounts').set({ active: 0 }).where('id', '=', account.id).execute();
    body = decode((await client.get(`${url}?protocol=pop3`)).body);
    expect(body).toContain('Das Postfach ist deaktiviert: jede Anmeldung wird abgelehnt.');
    expect(body).toContain('Aktivieren Sie das Postfach');
  });

  it('checks the user name and server the mail program uses', async () => {
    const { account, address, client, url } = await customerWithMailbox();
    let body = decode((await client.get(`${url}?protocol=smtp&login=${encodeURIComponent(address.toUpperCase())}&server=smtp.hostdesk.test`)).body);
    expect(body).toContain(`„${address}“ ist ein richtiger Benutzername für dieses Postfach.`);
    expect(body).toContain('„smtp.hostdesk.test“ ist der richtige Server für SMTP.');
    expect(body).toContain('value="smtp" selected');
    body = decode((await client.get(`${url}?protocol=imap&login=anna&server=mail.example.com`)).body);
    expect(body).toContain(`„anna“ ist kein Benutzername dieses Postfachs. Richtig ist: ${account.name} oder ${address}.`);
    expect(body).toContain('„mail.example.com“ ist nicht unser Server für IMAP. Richtig ist imap.hostdesk.test, Port 993, SSL/TLS.');
    expect(body).toContain(`Tragen Sie im Mailprogramm als Benutzernamen „${account.name}“ ein.`);
  });

  it('answers bad input with a message and runs without it', async () => {
    const { client, url } = await customerWithMailbox();
    const page = await client.get(`${url}?protocol=gopher&login=${'x'.repeat(400)}&server=a%0Ab`);
    expect(page.statusCode).toBe(200);
    const body = decode(page.body);
    expect(body).toContain('Bitte wählen Sie ein Protokoll aus der Liste.');
    expect(body).toContain('Der Benutzername ist zu lang (höchstens 320 Zeichen).');
    expect(body).toContain('Als Benutzername funktioniert:');
    expect(page.body).not.toContain('x'.repeat(400) + '“');
  });

  it('shows another customer’s mailbox to nobody else', async () => {
    const a = await customerWithMailbox();
    const b = await customerWithMailbox();
    expect((await b.client.get(a.url)).statusCode).toBe(404);
    // A's contract with B's mailbox id: not A's mailbox either.
    expect((await a.client.get(`/contracts/${a.order.contractNumber}/zugangsdaten/${b.account.id}/diagnose`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(a.url)).statusCode).toBe(303);
  });

  it('serves the mailbox user from their own page, in English too', async () => {
    const { address, password } = await customerWithMailbox();
    const user = new Client(t.app);
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login: address, password })).statusCode).toBe(303);
    expect((await user.get('/mail-admin/postfach')).body).toContain('<a href="/mail-admin/postfach/diagnose">Warum kann ich mich nicht anmelden?</a>');
    const page = await user.get('/mail-admin/postfach/diagnose', { 'accept-language': 'en' });
    expect(page.statusCode).toBe(200);
    const body = decode(page.body);
    expect(body).toContain('<h1>Why can’t I log in?</h1>');
    expect(body).toContain('The mailbox is active.');
    expect(body).toContain('href="/mail-admin/postfach"');
    expect((await new Client(t.app).get('/mail-admin/postfach/diagnose')).headers.location).toBe('/mail-admin');
  });

  it('shows staff the same diagnosis', async () => {
    const { order, account, address } = await customerWithMailbox();
    const agent = await staffUser(t, 'agent');
    const staff = new Client(t.app);
    await staff.loginStaff(agent.login, agent.password);
    const page = await staff.get(`/staff/mail-accounts/${account.id}/diagnose`);
    expect(page.statusCode).toBe(200);
    expect(decode(page.body)).toContain(`Diagnose des Postfachs ${address} im Vertrag ${order.contractNumber}`);
    expect((await staff.get('/staff/mail-accounts/999999/diagnose')).statusCode).toBe(404);
  });

  it('is offered on Zugangsdaten and before a ticket is written, and staff read it in the ticket of that mailbox', async () => {
    const { order, client, account, url } = await customerWithMailbox();
    expect((await client.get(`/contracts/${order.contractNumber}/zugangsdaten`)).body).toContain(`<a href="${url}">Warum kann ich mich nicht anmelden?</a>`);
    const mailboxPage = (await client.get(`/mail-admin/${order.contractNumber}/accounts/${account.id}`)).body;
    expect(mailboxPage).toContain(`<a href="${url}">Warum kann ich mich nicht anmelden?</a>`);
    // The mailbox is titled by its address, its account name beneath.
    expect(mailboxPage).toContain(`<h1>Postfach anna@${order.domains[0]}</h1>`);
    expect(mailboxPage).toContain(`Kontoname (auch als Benutzername nutzbar): ${account.name}`);
    const form = await client.get('/support/tickets/new');
    expect(form.body).toContain('Ihr Mailprogramm meldet sich nicht an?');
    expect(form.body).toContain(`href="${url}"`);

    const opened = await client.post('/support/tickets', { category: 'email', link: `mail:${account.id}`, subject: 'Thunderbird meldet sich nicht an', body: 'Seit heute früh nicht mehr.' });
    expect(opened.statusCode).toBe(303);
    const ticket = await t.db.selectFrom('supportTickets').select(['id', 'mailAccountId']).where('number', '=', opened.headers.location!.split('/').pop()!).executeTakeFirstOrThrow();
    expect(ticket.mailAccountId).toBe(account.id);
    await t.db.updateTable('mailAccounts').set({ active: 0 }).where('id', '=', account.id).execute();
    const agent = await staffUser(t, 'agent');
    const staff = new Client(t.app);
    await staff.loginStaff(agent.login, agent.password);
    const body = decode((await staff.get(`/staff/tickets/${ticket.id}`)).body);
    expect(body).toContain(`Warum kann sich anna@${order.domains[0]} nicht anmelden?`);
    expect(body).toContain('Das Postfach ist deaktiviert: jede Anmeldung wird abgelehnt.');
    expect(body).toContain(`href="/staff/mail-accounts/${account.id}/diagnose"`);
  });

  it('recognises a phone that still tries the password from before the change, from what Dovecot reported', async () => {
    const { order, client, account, address, url } = await customerWithMailbox();
    const dovecot = dovecotReporter(t.app, POLICY_SECRET);
    // The phone logged in over IMAP; minutes later the password was changed in the administration.
    expect(await dovecot({ login: address, remote: '198.51.100.23', success: true, tls: true })).toBeGreaterThanOrEqual(0);
    t.clock.now = new Date(t.clock.now.getTime() + 5 * 60_000);
    await client.get(`/mail-admin/${order.contractNumber}/accounts/${account.id}`);
    const changed = await client.post(`/mail-admin/${order.contractNumber}/accounts/${account.id}/password`, { mode: 'set', password: 'Gartenzaun-Mondschein-4711', passwordRepeat: 'Gartenzaun-Mondschein-4711' });
    expect(changed.statusCode, changed.body.slice(0, 3000)).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    for (let i = 0; i < 3; i++) await dovecot({ login: address, remote: '198.51.100.23', success: false });

    const body = decode((await client.get(`${url}?protocol=imap`)).body);
    expect(body).toMatch(/Ihr Gerät mit der Adresse 198\.51\.100\.23 versucht seit Ihrer Passwortänderung am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} ein altes Passwort: 3 fehlgeschlagene Anmeldungen über IMAP seit/);
    expect(body).toMatch(/IMAP: zuletzt erfolgreich am .* von 198\.51\.100\.23 \(verschlüsselt\)\./);
    expect(body).toContain('Tragen Sie das aktuelle Passwort in jedem Gerät ein');
  });
});
