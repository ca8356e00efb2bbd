import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { dumpDatabase } from './support/dump.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { singleLineProblem, showHiddenCharacters } from '../src/platform/unicode.ts';
import { openTicket } from '../src/features/support/ticket.service.ts';
import { parseDomainName } from '../src/features/contracts/index.ts';

/** The spoof from the penetration test: reads as "abcexe.pdf". */
const SPOOF = 'abc\u202Efdp.exe';
const HIDDEN = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0xfeff].map((c) => String.fromCodePoint(c));
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const PDF = Buffer.from('%PDF-1.4\n% test\n');

describe('single-line text', () => {
  it('refuses every bidirectional control and invisible character, naming it', () => {
    for (const char of HIDDEN) {
      const problem = singleLineProblem(`Rechnung${char}2026`);
      expect(problem?.key, char.codePointAt(0)!.toString(16)).toBe('common.hiddenCharacter');
      expect(problem?.params).toMatchObject({ char: expect.stringMatching(/^U\+[0-9A-F]{4}/) });
    }
    expect(singleLineProblem(SPOOF)).toEqual({ key: 'common.hiddenCharacter', params: { char: 'U+202E RLO' } });
  });

  it('refuses line breaks and control characters, and takes ordinary text in any script', () => {
    for (const text of ['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u0085b', 'a\u2028b', 'a\u2029b']) expect(singleLineProblem(text)?.key, JSON.stringify(text)).toBe('common.singleLine');
    for (const text of ['Müller-Lüdenscheidt GmbH & Co. KG', 'Łódź', 'Ελληνικά', 'Москва', 'שלום עולם', 'مرحبا', '東京都', '😀 👍']) expect(singleLineProblem(text), text).toBeNull();
  });

  it('writes hidden characters out for plain-text places such as mail subjects', () => {
    expect(showHiddenCharacters(SPOOF)).toBe('abc[U+202E]fdp.exe');
    expect(showHiddenCharacters('ohne')).toBe('ohne');
  });

  it('refuses a domain with a hidden character instead of letting IDNA drop it', () => {
    expect(() => parseDomainName('muster\u200Bmann.de')).toThrow(/domain\.hiddenCharacter/);
    expect(() => parseDomainName('muster\u202Emann.de')).toThrow(/domain\.hiddenCharacter/);
  });
});

describe.each(DIALECTS)('hidden characters in what people type (%s)', (dialect) => {
  let t: TestApp;
  let order: Awaited<ReturnType<typeof orderFor>>;
  let customer: Client;
  let staff: Client;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' });
    order = await orderFor(t, { tariff: 'mail-s' });
    customer = new Client(t.app, '10.89.0.1');
    await customer.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const admin = await staffUser(t, 'admin');
    staff = new Client(t.app, '10.89.0.2');
    await staff.loginStaff(admin.login, admin.password);
  }, 120_000);
  afterAll(() => t.close());

  async function postMultipart(client: Client, url: string, fields: Record<string, string>, files: { name: string; data: Buffer }[]) {
    const boundary = '----hostdesk-hidden';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: client.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`), f.data, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookieHeader() }, remoteAddress: '10.89.0.1' });
  }

  it('refuses a ticket subject with U+202E with a message in German and English, and stores nothing', async () => {
    await customer.get('/support/tickets/new');
    const before = await dumpDatabase(t.db, dialect);
    const res = await customer.post('/support/tickets', { category: 'other', link: '', subject: SPOOF, body: 'Anbei die Rechnung.' });
    expect(res.statusCode).toBe(422);
    expect(decode(res.body)).toContain('Enthält ein unsichtbares Zeichen oder eine Steuerung der Schreibrichtung (U+202E RLO).');
    expect(decode(res.body)).toContain('Anbei die Rechnung.'); // what was typed is kept
    expect(await dumpDatabase(t.db, dialect)).toBe(before);

    await customer.post('/language', { lang: 'en', next: '/support/tickets/new' });
    await customer.get('/support/tickets/new');
    const english = await customer.post('/support/tickets', { category: 'other', link: '', subject: `Invoice\u2066 2026`, body: 'Attached.' });
    expect(english.statusCode).toBe(422);
    expect(decode(english.body)).toContain('Contains an invisible character or a text-direction control (U+2066 LRI).');
    await customer.post('/language', { lang: 'de', next: '/support' });
    expect(await dumpDatabase(t.db, dialect)).toBe(before);
  });

  it('refuses an attachment named abc\\u202Efdp.exe with a message that shows the name written out, and stores nothing', async () => {
    await customer.get('/support/tickets/new');
    const before = await dumpDatabase(t.db, dialect);
    // The real extension is .pdf here, so only the hidden character can be the reason.
    const res = await postMultipart(customer, '/support/tickets', { category: 'other', link: '', subject: 'Rechnung', body: 'Anbei.' }, [{ name: 'abc\u202Efdp.pdf', data: PDF }]);
    expect(res.statusCode).toBe(422);
    expect(decode(res.body)).toContain('Der Dateiname „abc[U+202E]fdp.pdf“ enthält ein unsichtbares Zeichen oder eine Steuerung der Schreibrichtung (U+202E RLO)');
    const exe = await postMultipart(customer, '/support/tickets', { category: 'other', link: '', subject: 'Rechnung', body: 'Anbei.' }, [{ name: SPOOF, data: PDF }]);
    expect(exe.statusCode).toBe(422);
    expect(decode(exe.body)).toContain('„abc[U+202E]fdp.exe“');
    expect(await dumpDatabase(t.db, dialect)).toBe(before);
  });

  it('keeps hidden characters legal in a message body and shows them written out and isolated, to the customer and to staff', async () => {
    await customer.get('/support/tickets/new');
    const body = `Die Datei heißt ${SPOOF}.\nFamilie: 👨\u200D👩\u200D👧`;
    const res = await customer.post('/support/tickets', { category: 'other', link: '', subject: 'Datei kommt nicht an', body });
    expect(res.statusCode).toBe(303);
    const number = String(res.headers.location).split('/').pop()!;
    const ticket = await t.db.selectFrom('supportTickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    const stored = await t.db.selectFrom('supportMessages').select('body').where('ticketId', '=', ticket.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe(body);
    for (const page of [await customer.get(`/support/tickets/${number}`), await staff.get(`/staff/tickets/${ticket.id}`)]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('\u202E');
      expect(page.body).not.toContain('\u200D');
      expect(page.body).toMatch(/<div class="message-body"><bdi>Die Datei heißt abc<span class="hidden-char" title="U\+202E RLO">\[U\+202E\]<\/span>fdp\.exe\./);
      expect(page.body).toContain('<span class="hidden-char" title="U+200D ZWJ">[U+200D]</span>');
    }
  });

  it('shows a subject stored before the rule written out on staff pages and in the staff notification subject', async () => {
    await staff.get('/staff/tickets/settings');
    expect((await staff.post('/staff/tickets/settings', { selfService: 'on', autoCloseDays: '7', notifyTo: 'support@hostdesk.test' })).statusCode).toBe(303);
    const row = await t.db.selectFrom('customers').selectAll().where('customerNumber', '=', order.customerNumber).executeTakeFirstOrThrow();
    // Through the service, as a ticket that reached the database by another way than today's form.
    const opened = await openTicket(
      t.db,
      { mailer: t.mailer, publicUrl: t.config.publicUrl, smtpUrl: t.config.smtpUrl },
      { actor: { kind: 'customer', customerId: row.id }, customerId: row.id, input: { subject: SPOOF, category: 'other', link: '', body: 'Hallo' }, uploads: [], channel: 'web', ip: null },
      t.clock.now,
    );
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toBe('support@hostdesk.test');
    expect(mail.subject).toBe(`Neues Ticket ${opened.number}: abc[U+202E]fdp.exe`);
    expect(mail.subject).not.toContain('\u202E');
    const outbox = await t.db.selectFrom('supportNotifications').select('subject').where('ticketId', '=', opened.id).executeTakeFirstOrThrow();
    expect(outbox.subject).not.toContain('\u202E');
    const outboxPage = await staff.get('/staff/tickets/outbox');
    expect(outboxPage.body).toContain(`<bdi>Neues Ticket ${opened.number}: abc[U+202E]fdp.exe</bdi>`);
    for (const url of ['/staff/tickets', `/staff/tickets/${opened.id}`]) {
      const page = await staff.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('\u202E');
      expect(page.body, url).toContain('<bdi>abc<span class="hidden-char" title="U+202E RLO">[U+202E]</span>fdp.exe</bdi>');
    }
  });

  it('refuses hidden characters and line breaks in master data, staff forms and orders, changing nothing', async () => {
    const cases: { client: Client; page: string; url: string; form: Record<string, string>; text: string }[] = [
      { client: customer, page: '/stammdaten', url: '/stammdaten', form: { salutation: 'ms', firstName: `Eva${'\u200B'}`, lastName: 'Muster', company: '', street: 'Weg 1', postcode: '10115', city: 'Berlin', country: 'DE', phone: '' }, text: '(U+200B ZWSP)' },
      { client: customer, page: '/stammdaten', url: '/stammdaten', form: { salutation: 'ms', firstName: 'Eva', lastName: 'Muster', company: `${SPOOF} GmbH`, street: 'Weg 1', postcode: '10115', city: 'Berlin', country: 'DE', phone: '' }, text: '(U+202E RLO)' },
      { client: customer, page: '/stammdaten', url: '/stammdaten', form: { salutation: 'ms', firstName: 'Eva', lastName: 'Muster', company: '', street: 'Weg 1\nHinterhaus', postcode: '10115', city: 'Berlin', country: 'DE', phone: '' }, text: 'Bitte in einer Zeile' },
      { client: staff, page: '/staff/tickets/new', url: '/staff/tickets/new', form: { customer: order.customerNumber, contract: '', category: 'other', subject: SPOOF, body: 'Per E-Mail' }, text: '(U+202E RLO)' },
      { client: staff, page: '/staff/tickets/canned', url: '/staff/tickets/canned', form: { title: `Gr\uFEFFuß`, body: 'Viele Grüße' }, text: '(U+FEFF ZWNBSP)' },
      { client: staff, page: '/staff/api-tokens', url: '/staff/api-tokens', form: { name: `shop\u202D` }, text: '(U+202D LRO)' },
      { client: staff, page: '/staff/orders/new', url: '/staff/orders', form: { tariff: 'mail-s', domains: 'neu-kunde-hidden.de', email: `info\u200F@neu-kunde-hidden.de`, customerNumber: '' }, text: '(U+200F RLM)' },
      { client: staff, page: '/staff/orders/new', url: '/staff/orders', form: { tariff: 'mail-s', domains: 'neu\u200Bkunde.de', email: 'info@neukunde.de', customerNumber: '' }, text: '„neu[U+200B]kunde.de“ enthält ein unsichtbares Zeichen' },
    ];
    for (const c of cases) {
      await c.client.get(c.page);
      const before = await dumpDatabase(t.db, dialect);
      const res = await c.client.post(c.url, c.form);
      expect(res.statusCode, c.url).toBe(422);
      expect(decode(res.body), c.url).toContain(c.text);
      expect(await dumpDatabase(t.db, dialect), c.url).toBe(before);
    }
  });

  it('refuses them in help article titles and category names', async () => {
    await staff.get('/staff/hilfe/neu');
    const before = await dumpDatabase(t.db, dialect);
    const category = await t.db.selectFrom('helpCategories').select('id').executeTakeFirstOrThrow();
    const res = await staff.post('/staff/hilfe/neu', { language: 'de', categoryId: String(category.id), question: `Wie lade ich ${SPOOF} hoch?`, keywords: '', answer: 'So.' });
    expect(res.statusCode).toBe(422);
    expect(decode(res.body)).toContain('(U+202E RLO)');
    await staff.get('/staff/hilfe/kategorien');
    const cat = await staff.post('/staff/hilfe/kategorien', { nameDe: 'Rech\u2067nung', nameEn: 'Billing', slug: 'rechnung-neu', parentId: '', position: '0' });
    expect(cat.statusCode).toBe(422);
    expect(decode(cat.body)).toContain('(U+2067 RLI)');
    expect(await dumpDatabase(t.db, dialect)).toBe(before);
  });

  it('strips hidden characters from help searches instead of refusing them', async () => {
    const res = await customer.get(`/hilfe/suche?q=${encodeURIComponent('Xylo\u200Bphonkurs')}`);
    expect(res.statusCode).toBe(200);
    const misses = await t.db.selectFrom('helpSearchMisses').select('query').execute();
    expect(misses.map((m) => m.query.toLowerCase())).toContain('xylophonkurs');
    // A zero-width space inside a word no longer splits it: the word is found as if typed plainly.
    const found = await customer.get(`/hilfe/suche?q=${encodeURIComponent('Pass\u200Bwort')}`);
    const plain = await customer.get(`/hilfe/suche?q=${encodeURIComponent('Passwort')}`);
    const ids = (html: string) => [...html.matchAll(/href="\/hilfe\/(\d+)-/g)].map((m) => m[1]);
    expect(ids(found.body).length).toBeGreaterThan(0);
    expect(ids(found.body)).toEqual(ids(plain.body));
  });
});
