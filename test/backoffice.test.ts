import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { recordAudit } from '../src/features/audit/index.ts';
import { createMailAccount } from '../src/features/mail/mail-admin.service.ts';

const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Issue #17, items 10–13: the staff home and its search, the customer staff act on, asking first, the security log. */
describe.each(DIALECTS)('back office (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  async function staff(role: 'admin' | 'agent' = 'agent') {
    const user = await staffUser(t, role);
    const client = new Client(t.app);
    await client.loginStaff(user.login, user.password);
    await client.get('/staff');
    return { user, client };
  }
  async function customer(overrides: Parameters<typeof orderFor>[1] = {}) {
    const order = await orderFor(t, overrides);
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const row = await t.db.selectFrom('customers').selectAll().where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    return { order, client, row };
  }
  async function openTicket(client: Client, fields: Record<string, string>) {
    await client.get('/support/tickets/new');
    const res = await client.post('/support/tickets', { category: 'other', link: '', subject: 'Frage', body: 'Hallo', ...fields });
    expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);
    const number = res.headers.location!.split('/').pop()!;
    const row = await t.db.selectFrom('supportTickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    return { number, id: row.id };
  }
  const auditOf = (event: string, subject?: string) => {
    let q = t.db.selectFrom('auditEvents').selectAll().where('event', '=', event);
    if (subject) q = q.where('subject', '=', subject);
    return q.orderBy('id').execute();
  };

  describe('the staff home', () => {
    it('shows the work: tickets by state and age, mine, unassigned, waiting longest', async () => {
      const { client } = await customer();
      const agent = await staff();
      const old = await openTicket(client, { subject: 'Alt und vergessen Zebra' });
      const mine = await openTicket(client, { subject: 'Meins Giraffe' });
      // The old one has waited four days.
      await t.db.updateTable('supportTickets').set({ updatedAt: new Date(t.clock.now.getTime() - 4 * 86_400_000).toISOString() }).where('id', '=', old.id).execute();
      expect((await agent.client.post(`/staff/tickets/${mine.id}/take`, {})).statusCode).toBe(303);

      const home = await agent.client.get('/staff');
      expect(home.statusCode).toBe(200);
      const body = decode(home.body);
      expect(body).toContain('<h1>Übersicht</h1>');
      expect(body).toContain('Offene Tickets nach Status und Alter');
      // "Neu": the old one over three days, counted by age.
      expect(body).toMatch(/<a href="\/staff\/tickets\?state=new">Neu<\/a><\/th><td[^>]*>\d+<\/td><td[^>]*>\d+<\/td><td[^>]*><strong>\d+<\/strong><\/td>/);
      const section = (heading: string) => body.slice(body.indexOf(heading), body.indexOf('</section>', body.indexOf(heading)));
      expect(section('Mir zugewiesen')).toContain('Meins Giraffe');
      expect(section('Mir zugewiesen')).not.toContain('Zebra');
      expect(section('Nicht zugewiesen')).toContain('Alt und vergessen Zebra');
      expect(section('Nicht zugewiesen')).not.toContain('Giraffe');
      // Waiting longest: the oldest first.
      const waiting = section('Warten am längsten auf uns');
      expect(waiting.indexOf('Zebra')).toBeGreaterThan(-1);
      expect(waiting.indexOf('Zebra')).toBeLessThan(waiting.indexOf('Giraffe'));
      // Counted from the database, not from what happens to be listed.
      const active = await t.db.selectFrom('supportTickets').select('id').where('state', 'in', ['new', 'open', 'waiting']).where('assigneeId', 'is', null).execute();
      expect(section('Nicht zugewiesen')).toContain(`<span class="badge">${active.length}</span>`);
    });

    it('shows administrators the security events that need a look, in words; agents not', async () => {
      const admin = await staff('admin');
      const agent = await staff();
      const anon = new Client(t.app, '10.20.30.40');
      await anon.get('/staff/login');
      await anon.post('/staff/login', { login: admin.user.login, password: 'falsch-falsch' });
      const home = decode((await admin.client.get('/staff')).body);
      expect(home).toContain('Sicherheitsereignisse zum Ansehen');
      expect(home).toContain('Fehlgeschlagene Anmeldung');
      expect(home).toContain('10.20.30.40');
      expect(home).not.toMatch(/staff\.login_failed/);
      // Older than a week: no longer listed.
      const agentHome = (await agent.client.get('/staff')).body;
      expect(agentHome).not.toContain('Sicherheitsereignisse zum Ansehen');
      expect(agentHome).not.toContain('10.20.30.40');
    });

    it('searches customers, domains, mailboxes and tickets from one box, grouped, each a link', async () => {
      const { order, client, row } = await customer({ domains: ['kuerbis-gruppen-suche.de'] });
      await t.db.updateTable('customers').set({ lastName: 'Kürbisfeld' }).where('id', '=', row.id).execute();
      const ticket = await openTicket(client, { subject: 'Kürbis im Postfach' });
      const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
      const domain = await t.db.selectFrom('domains').select('id').where('contractId', '=', contract.id).executeTakeFirstOrThrow();
      const password = 'Tannenbaum-Laterne-Regen-91';
      const owner = { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null };
      const created = await createMailAccount(t.db, contract.id, { quotaMb: 500, localPart: 'kasse', domainId: domain.id, password: { mode: 'set', password, passwordRepeat: password } }, owner, t.clock.now);
      const mailbox = { id: created.account.id, name: created.account.name };
      const agent = await staff();

      const res = await agent.client.get(`/staff?q=${encodeURIComponent('kürbis')}`);
      expect(res.statusCode).toBe(200);
      const body = decode(res.body);
      expect(body).toContain('aria-label="Kunden"');
      expect(body).toContain(`href="/staff/customers/${order.customerNumber}"`);
      expect(body).toContain('aria-label="Tickets"');
      expect(body).toContain(`href="/staff/tickets/${ticket.id}"`);
      // The domain in its ASCII form; its holder named.
      const domains = decode((await agent.client.get('/staff?q=kuerbis-gruppen')).body);
      expect(domains).toContain('aria-label="Domains"');
      expect(domains).toContain('kuerbis-gruppen-suche.de');
      expect(domains).toContain(`Kunde ${order.customerNumber}`);
      // A mailbox by its account name and by its address.
      for (const q of [mailbox.name, 'kasse@kuerbis-gruppen']) {
        const found = decode((await agent.client.get(`/staff?q=${encodeURIComponent(q)}`)).body);
        expect(found, q).toContain('aria-label="Postfächer"');
        expect(found, q).toContain(`href="/staff/mail-accounts/${mailbox.id}/diagnose"`);
      }
      // A ticket by its number, typed with spaces.
      const byNumber = decode((await agent.client.get(`/staff?q=${encodeURIComponent(ticket.number.replace(/-/g, ' '))}`)).body);
      expect(byNumber).toContain(`href="/staff/tickets/${ticket.id}"`);
    });

    it('takes wildcards literally, asks for two characters, and is for staff only', async () => {
      const { row } = await customer();
      await t.db.updateTable('customers').set({ company: 'Rabatt_100%' }).where('id', '=', row.id).execute();
      const agent = await staff();
      expect((await agent.client.get('/staff?q=%25%25')).body).toContain('Nichts gefunden.');
      expect((await agent.client.get('/staff?q=__')).body).toContain('Nichts gefunden.');
      expect(decode((await agent.client.get(`/staff?q=${encodeURIComponent('att_100%')}`)).body)).toContain(`href="/staff/customers/${row.customerNumber}"`);
      expect((await agent.client.get('/staff?q=x')).body).toContain('Geben Sie mindestens zwei Zeichen ein.');
      const long = await agent.client.get(`/staff?q=${'a'.repeat(5000)}`);
      expect(long.statusCode).toBe(200);
      const { client } = await customer();
      expect((await client.get('/staff?q=ab')).headers.location).toContain('/staff/login');
      expect((await new Client(t.app).get('/staff?q=ab')).headers.location).toContain('/staff/login');
    });
  });

  describe('the customer staff act on', () => {
    it('shows tickets, contracts, domains and mailboxes with their state', async () => {
      const { order, client } = await customer();
      const ticket = await openTicket(client, { subject: 'Mein Anliegen Hase' });
      await t.db.updateTable('mailAccounts').set({ active: 0 }).where('name', '=', `${order.contractNumber}.001`).execute();
      const agent = await staff();
      const page = decode((await agent.client.get(`/staff/customers/${order.customerNumber}`)).body);
      expect(page).toContain(`href="/staff/tickets/${ticket.id}"`);
      expect(page).toContain('Mein Anliegen Hase');
      expect(page).toContain('>Neu</span>');
      expect(page).toContain(order.contractNumber);
      expect(page).toContain(order.domains[0]);
      expect(page).toMatch(new RegExp(`${order.contractNumber}\\.001</code> <span class="badge badge-suspended">deaktiviert</span>`));
      expect((await agent.client.get('/staff/customers/abc')).statusCode).toBe(404);
    });

    it('lets staff correct master data: audited, and the customer sees that support changed it', async () => {
      const { order, client, row } = await customer();
      const agent = await staff();
      const form = await agent.client.get(`/staff/customers/${order.customerNumber}/stammdaten`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('autocomplete="off"'); // the staff member's own data is not filled in
      const data = { salutation: 'ms', firstName: 'Greta', lastName: 'Geändert', company: '', street: 'Neue Straße 5', postcode: '10115', city: 'Berlin', country: 'DE', phone: '' };

      // Bad input: the same form, what was typed kept, nothing changed.
      const bad = await agent.client.post(`/staff/customers/${order.customerNumber}/stammdaten`, { ...data, postcode: '<>', lastName: '' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('value="Neue Straße 5"');
      expect(bad.body).toContain('Bitte ausfüllen.');
      expect((await agent.client.post(`/staff/customers/${order.customerNumber}/stammdaten`, data, { csrf: false })).statusCode).toBe(403);
      expect((await t.db.selectFrom('customers').select('lastName').where('id', '=', row.id).executeTakeFirstOrThrow()).lastName).toBe(row.lastName);

      const saved = await agent.client.post(`/staff/customers/${order.customerNumber}/stammdaten`, data);
      expect(saved.statusCode).toBe(303);
      const after = await t.db.selectFrom('customers').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(after).toMatchObject({ lastName: 'Geändert', city: 'Berlin', confirmedAt: row.confirmedAt });
      const audited = await auditOf('customer.master_data_changed_by_staff', `customer:${row.id}`);
      expect(audited).toHaveLength(1);
      expect(audited[0]!.actor).toBe(`staff:${agent.user.id}`);
      expect(JSON.parse(audited[0]!.details).changed).toEqual(expect.arrayContaining(['lastName', 'street']));

      // The customer: the history says support changed it, and so do the security events.
      const own = decode((await client.get('/stammdaten')).body);
      expect(own).toContain('Geändert durch den Support');
      expect(own).toContain('value="Geändert"');
      expect(decode((await client.get('/support/security')).body)).toContain('Stammdaten durch den Support geändert');
      // Customers cannot reach the staff form.
      expect((await client.get(`/staff/customers/${order.customerNumber}/stammdaten`)).headers.location).toContain('/staff/login');
      expect((await agent.client.get('/staff/customers/99999999/stammdaten')).statusCode).toBe(404);
    });

    it('sends the password-reset link to the customer, audited; the link works', async () => {
      const { order, row } = await customer();
      const agent = await staff();
      await agent.client.get(`/staff/customers/${order.customerNumber}`);
      expect((await agent.client.post(`/staff/customers/${order.customerNumber}/password-reset`, {}, { csrf: false })).statusCode).toBe(403);
      const sentBefore = t.mailer.sent.length;
      const res = await agent.client.post(`/staff/customers/${order.customerNumber}/password-reset`, {});
      expect(res.statusCode).toBe(303);
      expect(t.mailer.sent.length).toBe(sentBefore + 1);
      const mail = t.mailer.sent.at(-1)!;
      expect(mail.to).toBe(row.email);
      const link = /http:\/\/hostdesk\.test(\/passwort-neu\?token=[^\s]+)/.exec(mail.text)![1]!;
      expect((await new Client(t.app).get(link)).statusCode).toBe(200);
      // Staff never see the token: the page after it does not carry it.
      const token = decodeURIComponent(link.split('token=')[1]!);
      expect((await agent.client.get(`/staff/customers/${order.customerNumber}`)).body).not.toContain(token);
      const audited = await auditOf('customer.password_reset_sent_by_staff', `customer:${row.id}`);
      expect(audited.map((e) => e.actor)).toEqual([`staff:${agent.user.id}`]);
      expect(JSON.stringify(audited)).not.toContain(token);
    });

    it('keeps internal notes for staff: author and time, audited, never shown to the customer', async () => {
      const { order, client, row } = await customer();
      const agent = await staff();
      const admin = await staff('admin');
      await agent.client.get(`/staff/customers/${order.customerNumber}`);
      const empty = await agent.client.post(`/staff/customers/${order.customerNumber}/notes`, { body: '   ' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Bitte schreiben Sie eine Notiz.');
      const long = await agent.client.post(`/staff/customers/${order.customerNumber}/notes`, { body: 'x'.repeat(5001) });
      expect(long.statusCode).toBe(422);
      expect(long.body).toContain('Höchstens 5000 Zeichen.');
      expect((await agent.client.post(`/staff/customers/${order.customerNumber}/notes`, { body: 'ohne Token' }, { csrf: false })).statusCode).toBe(403);
      expect((await agent.client.post('/staff/customers/99999999/notes', { body: 'niemand' })).statusCode).toBe(404);

      const note = 'Ruft oft wegen Passwort an, Geheimwort Hortensie';
      expect((await agent.client.post(`/staff/customers/${order.customerNumber}/notes`, { body: note })).statusCode).toBe(303);
      const page = decode((await admin.client.get(`/staff/customers/${order.customerNumber}`)).body);
      expect(page).toContain(note);
      expect(page).toContain(`<strong>${agent.user.login}</strong>`);
      const audited = await auditOf('customer.note_added', `customer:${row.id}`);
      expect(audited.map((e) => e.actor)).toEqual([`staff:${agent.user.id}`]);
      expect(audited[0]!.details).not.toContain('Hortensie');
      // Nothing of it reaches the customer: not the text, not the event.
      for (const url of ['/domains', '/stammdaten', '/sicherheit', '/support', '/support/security']) {
        const seen = decode((await client.get(url)).body);
        expect(seen, url).not.toContain('Hortensie');
        expect(seen, url).not.toContain('Interne Notiz');
      }
      expect((await client.post(`/staff/customers/${order.customerNumber}/notes`, { body: 'Kunde schreibt' })).statusCode).toBe(401);
    });
  });

  describe('asking first', () => {
    async function adminPasswordTicket() {
      const { order, client } = await customer();
      const ticket = await openTicket(client, { category: 'admin_password', link: `contract:${order.contractNumber}`, subject: 'Passwort', body: 'Bitte' });
      return { order, ticket };
    }
    const hashOf = async (name: string) => (await t.db.selectFrom('mailAccounts').select('passwordHash').where('name', '=', name).executeTakeFirstOrThrow()).passwordHash;

    it('shows a confirmation step; only its form runs the action; a second run needs a reason, audited', async () => {
      const { order, ticket } = await adminPasswordTicket();
      const account = `${order.contractNumber}.001`;
      const agent = await staff();
      const confirm = await agent.client.get(`/staff/tickets/${ticket.id}/actions/admin-password`);
      expect(confirm.statusCode).toBe(200);
      const text = decode(confirm.body);
      expect(text).toContain('Neues Administrationspasswort setzen?');
      expect(text).toContain(`Das bisherige Passwort von ${account} gilt sofort nicht mehr: IMAP, POP3 und SMTP nehmen es nicht mehr an`);
      expect(text).toContain('name="confirm" value="yes"');
      expect(text).not.toContain('name="reason"');

      // A post without the confirmation (the old one-click form) runs nothing.
      const before = await hashOf(account);
      const unconfirmed = await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, {});
      expect(unconfirmed.statusCode).toBe(422);
      expect(decode(unconfirmed.body)).toContain('Bitte bestätigen Sie die Aktion');
      expect(await hashOf(account)).toBe(before);
      expect((await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
      expect(await hashOf(account)).toBe(before);

      expect((await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(303);
      const first = await hashOf(account);
      expect(first).not.toBe(before);

      // Again: the page asks for a reason, and the post without one is refused on its field.
      const again = decode((await agent.client.get(`/staff/tickets/${ticket.id}/actions/admin-password`)).body);
      expect(again).toContain('schon 1-mal');
      expect(again).toContain('name="reason"');
      const noReason = await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes', reason: '   ' });
      expect(noReason.statusCode).toBe(422);
      expect(decode(noReason.body)).toContain('Bitte begründen Sie, warum das Passwort erneut gesetzt werden soll.');
      expect(await hashOf(account)).toBe(first);
      const tooLong = await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes', reason: 'x'.repeat(501) });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.body).toContain('x'.repeat(501)); // what was typed stays
      expect((await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes', reason: 'Kunde hat den ersten Abruf verpasst' })).statusCode).toBe(303);
      expect(await hashOf(account)).not.toBe(first);
      const set = await auditOf('support.admin_password_set');
      const mine = set.filter((e) => JSON.parse(e.details).ticket === ticket.number);
      expect(mine.map((e) => JSON.parse(e.details).reason ?? null)).toEqual([null, 'Kunde hat den ersten Abruf verpasst']);
    });

    it('leaves a ticket as it was when staff open it; "Übernehmen" assigns and starts it', async () => {
      const { ticket } = await adminPasswordTicket();
      const agent = await staff();
      const page = await agent.client.get(`/staff/tickets/${ticket.id}`);
      expect(page.body).toContain('>Übernehmen</button>');
      const state = async () => t.db.selectFrom('supportTickets').select(['state', 'assigneeId']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(await state()).toEqual({ state: 'new', assigneeId: null });
      expect((await agent.client.post(`/staff/tickets/${ticket.id}/take`, {}, { csrf: false })).statusCode).toBe(403);
      expect((await agent.client.post('/staff/tickets/999999/take', {})).statusCode).toBe(404);
      expect(await state()).toEqual({ state: 'new', assigneeId: null });
      expect((await agent.client.post(`/staff/tickets/${ticket.id}/take`, {})).statusCode).toBe(303);
      expect(await state()).toEqual({ state: 'open', assigneeId: agent.user.id });
      expect((await agent.client.get(`/staff/tickets/${ticket.id}`)).body).not.toContain('>Übernehmen</button>');
      const audited = await auditOf('support.assignee_changed', `ticket:${ticket.number}`);
      expect(audited.map((e) => e.actor)).toEqual([`staff:${agent.user.id}`]);
      // A colleague may take it over.
      const other = await staff();
      await other.client.get(`/staff/tickets/${ticket.id}`);
      expect((await other.client.post(`/staff/tickets/${ticket.id}/take`, {})).statusCode).toBe(303);
      expect(await state()).toEqual({ state: 'open', assigneeId: other.user.id });
    });
  });

  describe('the security log', () => {
    it('filters by event, actor, customer and days, in words, paged', async () => {
      const admin = await staff('admin');
      const { order, row } = await customer();
      const day = (offset: number) => new Date(Date.UTC(2031, 0, 10 + offset, 12));
      // Fifty-five failed logins of one customer on 2031-01-10, one login on 2031-01-12.
      for (let i = 0; i < 55; i++) await recordAudit(t.db, { actor: 'anonymous', event: 'customer.login_failed', subject: `customer:${row.id}`, ip: '10.1.1.1' }, day(0));
      await recordAudit(t.db, { actor: `customer:${row.id}`, event: 'customer.login', subject: `customer:${row.id}`, ip: '10.1.1.2' }, day(2));
      await recordAudit(t.db, { actor: `staff:${admin.user.id}`, event: 'api_token.created', subject: 'api-token:77' }, day(2));

      const all = decode((await admin.client.get(`/staff/audit?customer=${order.customerNumber}&from=2031-01-10&to=2031-01-12`)).body);
      expect(all).toContain('Fehlgeschlagene Anmeldung');
      expect(all).toContain(`Kunde ${order.customerNumber}`);
      expect(all).not.toMatch(/customer\.login_failed<|>customer:\d+</);
      expect(all).toContain('Seite 1');
      const older = /href="(\/staff\/audit\?[^"]*page=2)"/.exec(all)![1]!;
      expect(older).toContain(`customer=${order.customerNumber}`);
      const page2 = decode((await admin.client.get(older)).body);
      expect(page2).toContain('Seite 2');
      expect(page2).toContain('← Neuere');
      expect(page2).not.toContain('Ältere →');
      expect((page2.match(/Fehlgeschlagene Anmeldung/g) ?? []).length).toBeLessThan(55);

      const logins = decode((await admin.client.get(`/staff/audit?event=customer.login&customer=${order.customerNumber}`)).body);
      expect(logins).toContain('10.1.1.2');
      expect(logins).not.toContain('10.1.1.1');
      const byActor = decode((await admin.client.get(`/staff/audit?actor=${order.customerNumber}&from=2031-01-01`)).body);
      expect(byActor).toContain('10.1.1.2');
      expect(byActor).not.toContain('10.1.1.1'); // those were anonymous
      const byStaff = decode((await admin.client.get(`/staff/audit?actor=${admin.user.login}&event=api_token.created`)).body);
      expect(byStaff).toContain('API-Token 77');
      const range = decode((await admin.client.get(`/staff/audit?customer=${order.customerNumber}&from=2031-01-11&to=2031-01-11`)).body);
      expect(range).toContain('Keine Ereignisse für diese Filter.');
      // The form keeps what was chosen.
      expect(logins).toContain('<option value="customer.login" selected>');
    });

    it('reports filters that name nothing on their fields, and is for administrators only', async () => {
      const admin = await staff('admin');
      const agent = await staff();
      const cases: [string, string][] = [
        ['event=customer.nonsense', 'Dieses Ereignis gibt es nicht.'],
        ['actor=niemand-hier', 'Weder ein Benutzername noch eine Kundennummer.'],
        ['customer=99999999', 'Diese Kundennummer gibt es nicht.'],
        ['customer=%25', 'Diese Kundennummer gibt es nicht.'],
        ['from=2031-02-30', 'Bitte einen Tag als JJJJ-MM-TT angeben.'],
        ['to=gestern', 'Bitte einen Tag als JJJJ-MM-TT angeben.'],
        ['from=2031-01-12&to=2031-01-10', 'Das Ende liegt vor dem Anfang.'],
      ];
      for (const [query, message] of cases) {
        const res = await admin.client.get(`/staff/audit?${query}`);
        expect(res.statusCode, query).toBe(422);
        expect(decode(res.body), query).toContain(message);
      }
      expect((await admin.client.get('/staff/audit?page=-4&page=x')).statusCode).toBe(200);
      expect((await admin.client.get(`/staff/audit?actor=${'a'.repeat(500)}`)).statusCode).toBe(200);
      expect((await agent.client.get('/staff/audit?event=customer.login')).statusCode).toBe(403);
    });
  });
});
