import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { verifyPassword } from '../src/platform/crypto.ts';
import { formatTicketNumber, parseTicketNumber } from '../src/features/support/index.ts';


const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** Every row of every table, as text: what a database dump would reveal. */
async function dumpDatabase(t: TestApp): Promise<string> {
  const names =
    t.database.handle.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.db)).rows.map((r) => r.name);
  let out = '';
  for (const name of names) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db);
    out += JSON.stringify(rows, (_k, v) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('latin1') : v));
  }
  return out;
}

/** A multipart form post with the client's cookies and CSRF token. */
async function postMultipart(t: TestApp, client: Client, url: string, fields: Record<string, string>, files: { name: string; data: Buffer; type?: string }[], options: { csrf?: boolean } = {}) {
  const boundary = '----hostdesk-test-boundary';
  const parts: Buffer[] = [];
  const all = options.csrf === false ? fields : { _csrf: client.csrf, ...fields };
  for (const [k, v] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookieHeader() } });
}

describe('ticket numbers', () => {
  it('carry the day, a counter and a check digit that catches typos', () => {
    const n = formatTicketNumber('260527', 42);
    expect(n).toMatch(/^260527-0042-\d$/);
    expect(parseTicketNumber(n)).toBe(n);
    expect(parseTicketNumber(n.replace(/-/g, ' '))).toBe(n);
    expect(parseTicketNumber(n.replace('0042', '0024'))).toBeNull(); // transposed digits
    expect(parseTicketNumber(n.replace('0042', '0043'))).toBeNull();
    expect(parseTicketNumber('abc')).toBeNull();
  });
});

describe.each(DIALECTS)('SupportCenter (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-support-'));
    t = await buildTestApp(dialect, {}, { sqliteFile: join(dir, 'support.db') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function customer(tariff = 'mail-s') {
    const order = await orderFor(t, { tariff });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    return { order, client };
  }
  async function staff(role: 'admin' | 'agent' = 'agent') {
    const user = await staffUser(t, role);
    const client = new Client(t.app);
    await client.loginStaff(user.login, user.password);
    return { user, client };
  }
  async function openTicket(client: Client, fields: Record<string, string>) {
    await client.get('/support/tickets/new');
    const res = await client.post('/support/tickets', { category: 'other', link: '', subject: 'Frage', body: 'Hallo', ...fields });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const number = res.headers.location!.split('/').pop()!;
    const row = await t.db.selectFrom('supportTickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    return { number, id: row.id };
  }
  const adminHash = async (contractNumber: string) =>
    (await t.db.selectFrom('mailAccounts').select('passwordHash').where('name', '=', `${contractNumber}.001`).executeTakeFirstOrThrow()).passwordHash;
  const countRows = async () => ({
    tickets: Number((await t.db.selectFrom('supportTickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    messages: Number((await t.db.selectFrom('supportMessages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    attachments: Number((await t.db.selectFrom('supportAttachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('walks the seed journey: ticket, one audited staff action, one reveal; the plaintext is never at rest', async () => {
    const { order, client } = await customer();
    const home = await client.get('/support');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>SupportCenter</h1>');
    expect(home.body).toContain('aria-current="page">SupportCenter</a>');
    expect(home.body).toContain('>Neues Ticket erstellen</a>');
    const form = await client.get('/support/tickets/new?category=admin_password');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="contract:${order.contractNumber}" selected`);
    expect(form.body).toContain('Neues Passwort für die E-Mail-Administration');
    const { number, id } = await openTicket(client, {
      category: 'admin_password',
      link: `contract:${order.contractNumber}`,
      subject: 'Neues Administrationspasswort',
      body: 'Ich habe das Passwort der E-Mail-Administration verloren.',
    });
    expect(number).toMatch(/^\d{6}-\d{4}-\d$/);
    const view = await client.get(`/support/tickets/${number}`);
    expect(view.body).toContain('Ihr Ticket wurde angelegt.');
    expect(view.body).toContain('>authentifiziert</span>');

    const agent = await staff();
    const staffView = await agent.client.get(`/staff/tickets/${id}`);
    expect(staffView.statusCode).toBe(200);
    // The button leads to the confirmation step; only its form runs the action.
    expect(staffView.body).toContain(`href="/staff/tickets/${id}/actions/admin-password">Neues Administrationspasswort setzen</a>`);
    expect(staffView.body).toContain(`${order.contractNumber}.001`); // customer's mail accounts at a glance
    // Asked first: the confirmation step says what stops working; only its form runs the action.
    const confirm = await agent.client.get(`/staff/tickets/${id}/actions/admin-password`);
    expect(confirm.statusCode).toBe(200);
    expect(decode(confirm.body)).toContain('IMAP, POP3 und SMTP nehmen es nicht mehr an');
    expect(confirm.body).not.toContain('name="reason"'); // the first run needs no reason
    expect((await agent.client.post(`/staff/tickets/${id}/take`, {})).statusCode).toBe(303);
    const before = await adminHash(order.contractNumber);
    const action = await agent.client.post(`/staff/tickets/${id}/actions/admin-password`, { confirm: 'yes' });
    expect(action.statusCode).toBe(303);
    const after = await adminHash(order.contractNumber);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
    const staffAfter = await agent.client.get(`/staff/tickets/${id}`);
    expect(staffAfter.body).toContain('Das neue Administrationspasswort ist gesetzt.');
    expect(staffAfter.body).not.toContain('secret-value');

    const stored = await t.db.selectFrom('supportActions').selectAll().where('ticketId', '=', id).executeTakeFirstOrThrow();
    expect(stored.sealedSecret).toMatch(/^v1\./);

    const customerView = await client.get(`/support/tickets/${number}`);
    expect(customerView.body).toContain('>Passwort jetzt anzeigen</button>');
    const actionId = /actions\/(\d+)\/reveal/.exec(customerView.body)![1];
    const revealed = await client.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {});
    expect(revealed.statusCode).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    const password = decode(/<code class="secret-value">([^<]+)<\/code>/.exec(revealed.body)![1]!);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await verifyPassword(after, password)).toBe(true);
    expect(await verifyPassword(before, password)).toBe(false);

    // Only once.
    const again = await client.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {});
    expect(again.statusCode).toBe(303);
    const page = await client.get(`/support/tickets/${number}`);
    expect(page.body).toContain('Dieses Passwort wurde bereits angezeigt und ist nicht mehr gespeichert.');
    expect(page.body).toContain('wurde am');
    expect(page.body).not.toContain(password);
    const wiped = await t.db.selectFrom('supportActions').selectAll().where('ticketId', '=', id).executeTakeFirstOrThrow();
    expect(wiped.sealedSecret).toBeNull();
    expect(wiped.revealedAt).toBeTruthy();

    // Audit: the action and the reveal; the customer sees both on the security page.
    const events = await t.db.selectFrom('auditEvents').select(['event', 'actor', 'details']).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['support.ticket_opened', 'support.admin_password_set', 'support.admin_password_revealed', 'mail.password_changed', 'support.state_changed']));
    const security = await client.get('/support/security');
    expect(security.body).toContain('Neues Administrationspasswort angezeigt');
    expect(security.body).toContain('Neues Administrationspasswort durch den Support gesetzt');

    // Staff never see it, no mail carries it, and no table, file or log line holds it.
    expect((await agent.client.get(`/staff/tickets/${id}`)).body).not.toContain(password);
    expect((await agent.client.get('/staff/tickets/outbox')).body).not.toContain(password);
    expect(JSON.stringify(t.mailer.sent)).not.toContain(password);
    expect(t.mailer.sent.some((m) => m.text.includes(`/support/tickets/${number}`))).toBe(true);
    expect(await dumpDatabase(t)).not.toContain(password);
    expect(t.logs.join('')).not.toContain(password);
    if (dialect === 'sqlite') {
      const raw = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
      expect(raw).not.toContain(password);
    }
  });

  it('reveals only once even when two reveals race, and not after the password expired', async () => {
    const { order, client } = await customer();
    const agent = await staff();
    const ticket = await openTicket(client, { category: 'admin_password', link: `contract:${order.contractNumber}`, subject: 'Passwort', body: 'Bitte' });
    await agent.client.get(`/staff/tickets/${ticket.id}`);
    expect((await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(303);
    const page = await client.get(`/support/tickets/${ticket.number}`);
    const actionId = /actions\/(\d+)\/reveal/.exec(page.body)![1];
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/support/tickets/${ticket.number}/actions/${actionId}/reveal`, {})));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 303, 303]);
    expect(results.filter((r) => r.body.includes('secret-value'))).toHaveLength(1);

    // A second action voids nothing that was already shown; left unrevealed past its expiry, it is gone.
    await agent.client.get(`/staff/tickets/${ticket.id}`);
    expect((await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, { confirm: 'yes', reason: 'Kunde hat das Passwort nicht rechtzeitig abgerufen' })).statusCode).toBe(303);
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(saved.getTime() + 15 * 86_400_000);
      const again = new Client(t.app);
      await again.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
      const view = await again.get(`/support/tickets/${ticket.number}`);
      expect(view.body).toContain('ist nicht mehr abrufbar');
      const second = (await t.db.selectFrom('supportActions').select('id').where('ticketId', '=', ticket.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      const late = await again.post(`/support/tickets/${ticket.number}/actions/${second}/reveal`, {});
      expect(late.statusCode).toBe(303);
      expect((await again.get(`/support/tickets/${ticket.number}`)).body).toContain('Dieses Passwort ist nicht mehr abrufbar.');
      const admin = await staff();
      await admin.client.get('/staff/tickets');
      const wiped = await t.db.selectFrom('supportActions').selectAll().where('id', '=', second).executeTakeFirstOrThrow();
      expect(wiped.sealedSecret).toBeNull();
      expect(wiped.wipedAt).toBeTruthy();
      expect(wiped.revealedAt).toBeNull();
    } finally {
      t.clock.now = saved;
    }
  });

  it('refuses bad input on the same form, keeping what was typed, and creates nothing', async () => {
    const { client } = await customer();
    await client.get('/support/tickets/new');
    const before = await countRows();
    const empty = await client.post('/support/tickets', { category: 'email', link: '', subject: '  ', body: 'Mein Postfach' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie einen Betreff ein.');
    expect(empty.body).toContain('>Mein Postfach</textarea>');
    const long = await client.post('/support/tickets', { category: 'email', link: '', subject: 'x'.repeat(151), body: 'y'.repeat(20_001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Höchstens 150 Zeichen.');
    expect(long.body).toContain('Die Nachricht ist zu lang (höchstens 20000 Zeichen).');
    const noBody = await client.post('/support/tickets', { category: 'nonsense', link: '', subject: 'Hallo', body: '' });
    expect(noBody.statusCode).toBe(422);
    expect(noBody.body).toContain('Bitte wählen Sie eine Kategorie.');
    expect(noBody.body).toContain('Bitte schreiben Sie eine Nachricht.');
    const other = await orderFor(t);
    const foreign = await client.post('/support/tickets', { category: 'email', link: `contract:${other.contractNumber}`, subject: 'Hallo', body: 'Text' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Bitte wählen Sie einen Ihrer Verträge, Ihrer Domains oder Ihrer Postfächer.');
    const plesk = await customer('web-plus');
    await plesk.client.get('/support/tickets/new');
    const noAdmin = await plesk.client.post('/support/tickets', { category: 'admin_password', link: `contract:${plesk.order.contractNumber}`, subject: 'Passwort', body: 'Bitte' });
    expect(noAdmin.statusCode).toBe(422);
    expect(noAdmin.body).toContain('Bitte wählen Sie den Vertrag mit E-Mail-Administration');
    expect(await countRows()).toEqual(before);
  });

  it('drops control characters and refuses NUL bytes (PostgreSQL cannot store them) without failing', async () => {
    const { client } = await customer();
    const { id } = await openTicket(client, { subject: 'Glocke\u0007', body: 'A\u0007B\u001bC\r\nD' });
    const row = await t.db.selectFrom('supportMessages').select('body').where('ticketId', '=', id).executeTakeFirstOrThrow();
    expect(row.body).toBe('ABC\nD');
    const before = await countRows();
    await client.get('/support/tickets/new');
    expect((await client.post('/support/tickets', { category: 'other', link: '', subject: 'Null\u0000byte', body: 'A\u0000B' })).statusCode).toBe(422);
    expect(await countRows()).toEqual(before);
    const agent = await staff();
    expect((await agent.client.get('/staff/tickets?q=%00Null')).statusCode).toBe(422);
    expect((await agent.client.post(`/staff/tickets/${id}/note`, { body: '\u0000' })).statusCode).toBe(422);
  });

  it('takes attachments within limits and refuses too many, too large and dangerous files', async () => {
    const { order, client } = await customer();
    await client.get('/support/tickets/new');
    const ok = await postMultipart(t, client, '/support/tickets', { category: 'email', link: `contract:${order.contractNumber}`, subject: 'Screenshot', body: 'Siehe Anhang' }, [
      { name: 'fehler.png', data: PNG, type: 'image/png' },
      { name: 'mail.log', data: Buffer.from('Received: from mail\nStatus: 550\n') },
    ]);
    expect(ok.statusCode, ok.body.slice(0, 1500)).toBe(303);
    const number = ok.headers.location!.split('/').pop()!;
    const view = await client.get(`/support/tickets/${number}`);
    expect(view.body).toContain('fehler.png');
    const link = /href="(\/support\/tickets\/[^"]+\/attachments\/\d+)"/.exec(view.body)![1]!;
    const file = await client.get(link);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('attachment;');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    // Another customer gets the same 404 as for nothing at all.
    const stranger = await customer();
    expect((await stranger.client.get(link)).statusCode).toBe(404);

    // An attachment of an internal note is for staff only.
    const agent = await staff();
    const ticketId = (await t.db.selectFrom('supportTickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    await agent.client.get(`/staff/tickets/${ticketId}`);
    expect((await postMultipart(t, agent.client, `/staff/tickets/${ticketId}/note`, { body: 'Intern mit Anhang' }, [{ name: 'intern.txt', data: Buffer.from('nur intern') }])).statusCode).toBe(303);
    const internal = await t.db.selectFrom('supportAttachments').select('id').where('filename', '=', 'intern.txt').where('ticketId', '=', ticketId).executeTakeFirstOrThrow();
    expect((await client.get(`/support/tickets/${number}/attachments/${internal.id}`)).statusCode).toBe(404);
    expect((await client.get(`/support/tickets/${number}`)).body).not.toContain('intern.txt');
    const staffFile = await agent.client.get(`/staff/tickets/${ticketId}/attachments/${internal.id}`);
    expect(staffFile.statusCode).toBe(200);
    expect(staffFile.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(staffFile.body).toBe('nur intern');

    const before = await countRows();
    const fields = { category: 'email', link: '', subject: 'Anhang', body: 'Text' };
    const cases: [string, { name: string; data: Buffer }[], string][] = [
      ['too many', Array.from({ length: 6 }, (_, i) => ({ name: `b${i}.png`, data: PNG })), 'Höchstens 5 Anhänge pro Nachricht.'],
      ['too large', [{ name: 'gross.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]) }], 'ist zu groß (höchstens 5 MB)'],
      ['html', [{ name: 'seite.html', data: Buffer.from('<html><script>alert(1)</script></html>') }], 'hat einen Dateityp, den wir nicht annehmen'],
      ['svg', [{ name: 'bild.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }], 'hat einen Dateityp'],
      ['exe', [{ name: 'tool.exe', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]) }], 'hat einen Dateityp'],
      ['disguised', [{ name: 'foto.png', data: Buffer.from('<html><body>hi</body></html>') }], 'hat einen Dateityp'],
      ['markup as text', [{ name: 'notiz.txt', data: Buffer.from('<script>alert(1)</script>') }], 'hat einen Dateityp'],
      ['empty', [{ name: 'leer.txt', data: Buffer.alloc(0) }], 'ist leer'],
    ];
    for (const [label, files, message] of cases) {
      await client.get('/support/tickets/new');
      const res = await postMultipart(t, client, '/support/tickets', fields, files);
      expect(res.statusCode, label).toBe(422);
      expect(decode(res.body), label).toContain(message);
      expect(res.body, label).toContain('value="Anhang"');
    }
    await client.get('/support/tickets/new');
    const flood = await postMultipart(t, client, '/support/tickets', fields, Array.from({ length: 12 }, (_, i) => ({ name: `c${i}.png`, data: PNG })));
    expect(flood.statusCode).toBe(413);
    expect(await countRows()).toEqual(before);
  });

  it('keeps tickets to their customer: other numbers, guessed or mistyped, are 404 everywhere', async () => {
    const a = await customer();
    const b = await customer();
    const { number, id } = await openTicket(a.client, { subject: 'Privat', body: 'Nur für mich' });
    const [day, counter] = number.split('-');
    const guesses = [number, formatTicketNumber(day!, Number(counter) + 1), number.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), String(id), '..%2F..%2Fetc'];
    await b.client.get('/support');
    for (const guess of guesses) {
      expect((await b.client.get(`/support/tickets/${guess}`)).statusCode, guess).toBe(404);
      expect((await b.client.post(`/support/tickets/${guess}/reply`, { body: 'Fremd' })).statusCode, guess).toBe(404);
      expect((await b.client.post(`/support/tickets/${guess}/close`, {})).statusCode, guess).toBe(404);
      expect((await b.client.post(`/support/tickets/${guess}/actions/1/reveal`, {})).statusCode, guess).toBe(404);
    }
    expect((await b.client.get('/support')).body).not.toContain(number);
    const ticket = await t.db.selectFrom('supportTickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(ticket.state).toBe('new');
    expect((await t.db.selectFrom('supportMessages').selectAll().where('ticketId', '=', id).execute()).length).toBe(1);
    // Not logged in: to the login page; customers never reach staff pages.
    expect((await new Client(t.app).get(`/support/tickets/${number}`)).headers.location).toContain('/login');
    expect((await a.client.get(`/staff/tickets/${id}`)).headers.location).toContain('/staff/login');
  });

  it('moves through the states: staff reply waits for the customer, a customer reply reopens, closed takes no replies', async () => {
    const { client, order } = await customer();
    const { number, id } = await openTicket(client, { subject: 'Domain umziehen', body: 'Wie geht das?', category: 'domain' });
    const agent = await staff();
    // Looking at it changes nothing; taking it ("Übernehmen") puts it in work.
    await agent.client.get(`/staff/tickets/${id}`);
    expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('new');
    expect((await agent.client.post(`/staff/tickets/${id}/take`, {})).statusCode).toBe(303);
    expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
    const sent = t.mailer.sent.length;
    const r1 = await agent.client.post(`/staff/tickets/${id}/reply`, { body: 'Bitte senden Sie uns den Auth-Code.', state: 'waiting' });
    expect(r1.statusCode).toBe(303);
    expect(t.mailer.sent.length).toBe(sent + 1);
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toBe((await t.db.selectFrom('customers').select('email').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow()).email);
    expect(mail.text).toContain(`http://hostdesk.test/support/tickets/${number}`);
    expect(mail.text).not.toContain('Auth-Code'); // the portal shows it, the mail only links
    const page = await client.get(`/support/tickets/${number}`);
    expect(page.body).toContain('Wartet auf Ihre Antwort');
    expect(page.body).toContain('Bitte senden Sie uns den Auth-Code.');
    await client.post(`/support/tickets/${number}/reply`, { body: 'Hier ist er: 1234' });
    expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
    await agent.client.post(`/staff/tickets/${id}/reply`, { body: 'Erledigt.', state: 'resolved' });
    await client.get(`/support/tickets/${number}`);
    await client.post(`/support/tickets/${number}/reply`, { body: 'Doch noch eine Frage' });
    expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
    await client.get(`/support/tickets/${number}`);
    expect((await client.post(`/support/tickets/${number}/close`, {})).statusCode).toBe(303);
    const closedPage = await client.get(`/support/tickets/${number}`);
    expect(closedPage.body).toContain('Dieses Ticket ist geschlossen.');
    expect(closedPage.body).not.toContain('action="/support/tickets/' + number + '/reply"');
    const messages = (await t.db.selectFrom('supportMessages').selectAll().where('ticketId', '=', id).execute()).length;
    const late = await client.post(`/support/tickets/${number}/reply`, { body: 'Noch was' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Dieses Ticket ist geschlossen und nimmt keine Antworten mehr an.');
    const lateStaff = await agent.client.post(`/staff/tickets/${id}/reply`, { body: 'Nachtrag', state: 'closed' });
    expect(lateStaff.statusCode).toBe(409);
    expect((await t.db.selectFrom('supportMessages').selectAll().where('ticketId', '=', id).execute()).length).toBe(messages);
    const history = await t.db.selectFrom('supportEvents').select(['kind', 'fromValue', 'toValue', 'actor']).where('ticketId', '=', id).orderBy('id').execute();
    expect(history.filter((e) => e.kind === 'state').map((e) => `${e.fromValue}>${e.toValue}`)).toEqual(['new>open', 'open>waiting', 'waiting>open', 'open>resolved', 'resolved>open', 'open>closed']);
    const audited = await t.db.selectFrom('auditEvents').select('event').where('subject', '=', `ticket:${number}`).execute();
    expect(audited.filter((e) => e.event === 'support.state_changed').length).toBe(6);
  });

  it('closes resolved tickets after the configured days', async () => {
    const { client } = await customer();
    const { id } = await openTicket(client, { subject: 'Alt', body: 'Alt' });
    const agent = await staff();
    await agent.client.get(`/staff/tickets/${id}`);
    await agent.client.post(`/staff/tickets/${id}/reply`, { body: 'Gelöst', state: 'resolved' });
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(saved.getTime() + 6 * 86_400_000);
      expect((await (await staff()).client.get('/staff/tickets')).statusCode).toBe(200);
      expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('resolved');
      t.clock.now = new Date(saved.getTime() + 8 * 86_400_000);
      expect((await (await staff()).client.get('/staff/tickets')).statusCode).toBe(200);
      expect((await t.db.selectFrom('supportTickets').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('closed');
      const last = await t.db.selectFrom('supportEvents').selectAll().where('ticketId', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(last).toMatchObject({ kind: 'state', actor: 'system', toValue: 'closed' });
    } finally {
      t.clock.now = saved;
    }
  });

  it('refuses the staff action on unauthenticated tickets, without a contract, or on a foreign contract', async () => {
    const { order, client } = await customer();
    const agent = await staff();
    const hash = await adminHash(order.contractNumber);

    // Recorded from an e-mail by staff: not authenticated.
    await agent.client.get('/staff/tickets/new');
    const viaMail = await agent.client.post('/staff/tickets/new', { customer: order.customerNumber, contract: order.contractNumber, category: 'admin_password', subject: 'Passwort vergessen', body: 'Per E-Mail' });
    expect(viaMail.statusCode).toBe(303);
    const mailTicket = Number(viaMail.headers.location!.split('/').pop());
    const mailPage = await agent.client.get(`/staff/tickets/${mailTicket}`);
    expect(mailPage.body).toContain('nicht authentifiziert');
    expect(mailPage.body).not.toContain('>Neues Administrationspasswort setzen</a>');
    const refused = await agent.client.post(`/staff/tickets/${mailTicket}/actions/admin-password`, { confirm: 'yes' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Diese Aktion ist nur bei einem Ticket erlaubt, das der Kunde im angemeldeten Kundenservicebereich geschrieben hat.');

    // Authenticated, but about nothing in particular.
    const loose = await openTicket(client, { subject: 'Allgemein', body: 'Text', category: 'email' });
    expect((await agent.client.post(`/staff/tickets/${loose.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(409);

    // A ticket pointing at another customer's contract (as if the row were tampered with).
    const other = await orderFor(t);
    const otherHash = await adminHash(other.contractNumber);
    const tampered = await openTicket(client, { subject: 'Passwort', body: 'Bitte', category: 'admin_password', link: `contract:${order.contractNumber}` });
    const otherContract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', other.contractNumber).executeTakeFirstOrThrow();
    await t.db.updateTable('supportTickets').set({ contractId: otherContract.id }).where('id', '=', tampered.id).execute();
    expect((await agent.client.post(`/staff/tickets/${tampered.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(409);

    // CSRF-less, and unknown tickets.
    const fine = await openTicket(client, { subject: 'Passwort', body: 'Bitte', category: 'admin_password', link: `contract:${order.contractNumber}` });
    expect((await agent.client.post(`/staff/tickets/${fine.id}/actions/admin-password`, { confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
    expect((await agent.client.post('/staff/tickets/999999/actions/admin-password', { confirm: 'yes' })).statusCode).toBe(404);
    // Customers cannot run it.
    expect((await client.post(`/staff/tickets/${fine.id}/actions/admin-password`, { confirm: 'yes' })).statusCode).toBe(401);

    expect(await adminHash(order.contractNumber)).toBe(hash);
    expect(await adminHash(other.contractNumber)).toBe(otherHash);
    expect((await t.db.selectFrom('supportActions').selectAll().where('ticketId', 'in', [mailTicket, loose.id, tampered.id, fine.id]).execute()).length).toBe(0);
    const refusals = await t.db.selectFrom('auditEvents').select('event').where('event', '=', 'support.admin_password_refused').where('actor', '=', `staff:${agent.user.id}`).execute();
    expect(refusals.length).toBe(3);
  });

  it('refuses CSRF-less posts from customers and changes nothing', async () => {
    const { client, order } = await customer();
    const { number } = await openTicket(client, { subject: 'CSRF', body: 'Test' });
    const before = await countRows();
    expect((await client.post('/support/tickets', { category: 'other', link: '', subject: 'x', body: 'y' }, { csrf: false })).statusCode).toBe(403);
    expect((await client.post(`/support/tickets/${number}/reply`, { body: 'y' }, { csrf: false })).statusCode).toBe(403);
    expect((await client.post(`/support/tickets/${number}/close`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await client.post('/support/admin-password', { contract: order.contractNumber, password: order.customerPassword! }, { csrf: false })).statusCode).toBe(403);
    expect((await postMultipart(t, client, '/support/tickets', { category: 'other', link: '', subject: 'x', body: 'y' }, [{ name: 'a.png', data: PNG }], { csrf: false })).statusCode).toBe(403);
    expect(await countRows()).toEqual(before);
    expect((await t.db.selectFrom('supportTickets').select('state').where('number', '=', number).executeTakeFirstOrThrow()).state).toBe('new');
  });

  it('gives staff a queue with filters and search, notes the customer never sees, assignment and canned replies', async () => {
    const { client, order } = await customer();
    const urgent = await openTicket(client, { subject: 'Postfach voll Quarantäne', body: 'Hilfe, nichts kommt an', category: 'email' });
    const other = await openTicket(client, { subject: 'Rechnung', body: 'Frage zum Vertrag', category: 'contract' });
    const agent = await staff();
    const admin = await staff('admin');
    const queue = await agent.client.get('/staff/tickets');
    expect(queue.body).toContain(urgent.number);
    // The subject leads to the ticket as well as the number; on a phone the rows stack.
    expect(queue.body).toContain(`<a href="/staff/tickets/${urgent.id}"><bdi>Postfach voll Quarantäne</bdi></a>`);
    expect(queue.body).toContain('class="table stack compact queue"');
    expect((await agent.client.get('/staff/tickets?category=contract')).body).not.toContain(urgent.number);
    expect((await agent.client.get('/staff/tickets?q=quarant')).body).toContain(urgent.number);
    expect((await agent.client.get('/staff/tickets?q=quarant')).body).not.toContain(other.number);
    expect((await agent.client.get(`/staff/tickets?q=${encodeURIComponent(urgent.number.replace(/-/g, ' '))}`)).body).toContain(urgent.number);
    expect((await agent.client.get('/staff/tickets?q=nichts+kommt')).body).toContain(urgent.number); // message text
    expect((await agent.client.get(`/staff/tickets?q=${order.customerNumber}`)).body).toContain(other.number);
    expect((await agent.client.get('/staff/tickets?q=100%25')).statusCode).toBe(200);

    await agent.client.get(`/staff/tickets/${urgent.id}`);
    const upd = await agent.client.post(`/staff/tickets/${urgent.id}/update`, { state: 'open', priority: 'urgent', assignee: String(agent.user.id), category: 'email' });
    expect(upd.statusCode).toBe(303);
    expect((await agent.client.get('/staff/tickets?assignee=me&priority=urgent')).body).toContain(urgent.number);
    expect((await agent.client.get('/staff/tickets?assignee=none')).body).not.toContain(urgent.number);
    const bad = await agent.client.post(`/staff/tickets/${urgent.id}/update`, { state: 'new', priority: 'urgent', assignee: '99999', category: 'email' });
    expect(bad.statusCode).toBe(422);
    expect(await t.db.selectFrom('auditEvents').select('event').where('subject', '=', `ticket:${urgent.number}`).where('event', 'in', ['support.priority_changed', 'support.assignee_changed']).execute()).toHaveLength(2);

    await agent.client.post(`/staff/tickets/${urgent.id}/note`, { body: 'Kunde hat schon dreimal angerufen' });
    const staffPage = await agent.client.get(`/staff/tickets/${urgent.id}`);
    expect(staffPage.body).toContain('Kunde hat schon dreimal angerufen');
    // The history names who changed it, not their code.
    expect(staffPage.body).toContain(`Mitarbeiter/in ${agent.user.login}`);
    expect(staffPage.body).not.toMatch(/<code>staff:\d+<\/code>/);
    expect(staffPage.body).toContain('Interne Notiz');
    expect((await client.get(`/support/tickets/${urgent.number}`)).body).not.toContain('dreimal angerufen');

    await agent.client.get('/staff/tickets/canned');
    const canned = await agent.client.post('/staff/tickets/canned', { title: 'Quarantäne', body: 'Guten Tag {name}, zu Ticket {ticket}: bitte prüfen Sie den Spam-Ordner.' });
    expect(canned.statusCode).toBe(303);
    const cannedRow = await t.db.selectFrom('supportCannedReplies').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const filled = await agent.client.get(`/staff/tickets/${urgent.id}?canned=${cannedRow.id}`);
    expect(decode(filled.body)).toContain(`Guten Tag Test Kundin, zu Ticket ${urgent.number}: bitte prüfen Sie den Spam-Ordner.</textarea>`);

    // Settings are for administrators only.
    expect((await agent.client.get('/staff/tickets/settings')).statusCode).toBe(403);
    expect((await admin.client.get('/staff/tickets/settings')).statusCode).toBe(200);
    const badSettings = await admin.client.post('/staff/tickets/settings', { selfService: 'on', autoCloseDays: '0', notifyTo: 'kein' });
    expect(badSettings.statusCode).toBe(422);
    expect(badSettings.body).toContain('Bitte eine ganze Zahl von 1 bis 365.');
    expect((await admin.client.post('/staff/tickets/settings', { selfService: 'on', autoCloseDays: '7', notifyTo: 'support@hostdesk.test' })).statusCode).toBe(303);
    const sent = t.mailer.sent.length;
    const notified = await openTicket(client, { subject: 'Meldung an das Team', body: 'Text' });
    expect(t.mailer.sent.length).toBe(sent + 1);
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'support@hostdesk.test' });
    expect(t.mailer.sent.at(-1)!.text).toContain(`/staff/tickets/${notified.id}`);
    const outbox = await agent.client.get('/staff/tickets/outbox');
    expect(outbox.body).toContain(`Neues Ticket ${notified.number}`);
    expect(outbox.body).toContain('im Postausgang');
    await admin.client.get('/staff/tickets/settings');
    await admin.client.post('/staff/tickets/settings', { selfService: 'on', autoCloseDays: '7', notifyTo: '' });
  });

  it('lets the customer set a new administration password behind the customer password, unless switched off', async () => {
    const { order, client } = await customer();
    const hash = await adminHash(order.contractNumber);
    const page = await client.get('/support/admin-password');
    expect(page.body).toContain('<h1>Administrationspasswort neu setzen</h1>');
    // One contract with an administration: named and sent along, nothing to choose.
    expect(page.body).toContain(`<input type="hidden" name="contract" value="${order.contractNumber}"/>`);
    expect(page.body).not.toContain('<select id="f-contract"');
    const wrong = await client.post('/support/admin-password', { contract: order.contractNumber, password: 'falsch' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das Passwort ist nicht richtig.');
    expect(await adminHash(order.contractNumber)).toBe(hash);
    const other = await orderFor(t);
    const foreign = await client.post('/support/admin-password', { contract: other.contractNumber, password: order.customerPassword! });
    expect(foreign.statusCode).toBe(422);

    const ok = await client.post('/support/admin-password', { contract: order.contractNumber, password: order.customerPassword! });
    expect(ok.statusCode).toBe(200);
    // The way on leads back to the SupportCenter and says so (no ticket was involved).
    expect(ok.body).toMatch(/<a class="button" href="\/support">Zurück zum SupportCenter<\/a>/);
    const password = decode(/<code class="secret-value">([^<]+)<\/code>/.exec(ok.body)![1]!);
    const after = await adminHash(order.contractNumber);
    expect(await verifyPassword(after, password)).toBe(true);
    expect(await dumpDatabase(t)).not.toContain(password);
    const audit = await t.db.selectFrom('auditEvents').select('event').where('actor', '=', `customer:${(await t.db.selectFrom('customers').select('id').where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow()).id}`).execute();
    expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['support.admin_password_self_service', 'support.admin_password_self_service_failed']));

    // Throttled after five wrong passwords.
    for (let i = 0; i < 4; i++) await client.post('/support/admin-password', { contract: order.contractNumber, password: `falsch-${i}` });
    const throttled = await client.post('/support/admin-password', { contract: order.contractNumber, password: order.customerPassword! });
    expect(throttled.statusCode).toBe(429);
    expect(await adminHash(order.contractNumber)).toBe(after);

    // Switched off by an administrator.
    const admin = await staff('admin');
    await admin.client.get('/staff/tickets/settings');
    expect((await admin.client.post('/staff/tickets/settings', { autoCloseDays: '7', notifyTo: '' })).statusCode).toBe(303);
    try {
      const fresh = await customer();
      expect((await fresh.client.get('/support')).body).not.toContain('href="/support/admin-password"');
      expect((await fresh.client.get('/support/admin-password')).body).toContain('ist im Kundenservicebereich abgeschaltet');
      const off = await fresh.client.post('/support/admin-password', { contract: fresh.order.contractNumber, password: fresh.order.customerPassword! });
      expect(off.statusCode).toBe(403);
      expect(off.body).not.toContain('secret-value');
    } finally {
      await admin.client.get('/staff/tickets/settings');
      await admin.client.post('/staff/tickets/settings', { selfService: 'on', autoCloseDays: '7', notifyTo: '' });
    }
  });

  it('prefills the form from links of other pages, but only with the customer\'s own contract', async () => {
    const { order, client } = await customer();
    const other = await orderFor(t);
    const own = await client.get(`/support/tickets/new?subject=${encodeURIComponent('Paket verwalten geht nicht')}&category=email&contract=${order.contractNumber}`);
    expect(own.body).toContain('value="Paket verwalten geht nicht"');
    expect(own.body).toContain(`value="contract:${order.contractNumber}" selected`);
    expect(own.body).toContain('<option value="email" selected');
    const foreign = await client.get(`/support/tickets/new?contract=${other.contractNumber}&category=bogus`);
    expect(foreign.body).not.toContain(other.contractNumber);
    expect(foreign.body).not.toMatch(/value="[^"]+" selected/);
  });

  it('speaks English', async () => {
    const { client } = await customer();
    await client.get('/support');
    await client.post('/language', { lang: 'en', next: '/support' });
    const page = await client.get('/support');
    expect(page.body).toContain('>Create new ticket</a>');
    const form = await client.get('/support/tickets/new');
    expect(form.body).toContain('New password for the e-mail administration');
  });
});
