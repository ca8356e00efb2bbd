import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';

// The out-of-office and forwarding editors: the administration's account page, the mailbox user's
// own page, the staff action from a ticket. Bad input, ownership, CSRF; what Dovecot would read.
describe.each(DIALECTS)('out-of-office reply and forwarding editors (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const PASSWORD = 'Kaffeetasse-Wolkenkratzer-93';

  /** A customer in the administration (single sign-on) with a second mailbox `anna@…`. */
  async function customerWithMailbox() {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const admin = `/mail-admin/${order.contractNumber}`;
    await client.get(admin);
    const res = await client.post(`${admin}/accounts`, { quotaMb: '100', localPart: 'anna', domainId: String(domain.id), mode: 'set', password: PASSWORD, passwordRepeat: PASSWORD });
    expect(res.statusCode).toBe(303);
    const accountId = Number(/accounts\/(\d+)/.exec(res.headers.location as string)![1]);
    const account = await t.db.selectFrom('mailAccounts').select(['id', 'name']).where('id', '=', accountId).executeTakeFirstOrThrow();
    return { order, client, admin, contractId: contract.id, url: `${admin}/accounts/${accountId}`, account, address: `anna@${domain.nameAscii}` };
  }
  type Customer = Awaited<ReturnType<typeof customerWithMailbox>>;

  const script = async (accountId: number) => (await t.db.selectFrom('mailSieveScripts').selectAll().where('accountId', '=', accountId).executeTakeFirst())?.script;
  const rules = (accountId: number) => t.db.selectFrom('mailDeliveryRules').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  const good = (c: Customer) => ({ active: '1', from: '', until: '', subject: 'Bin im Urlaub', body: 'Zurück am Montag.', days: '7', addresses: c.address });

  it('stores the reply from the account page, compiles its script and audits it', async () => {
    const c = await customerWithMailbox();
    await c.client.get(c.url);
    const res = await c.client.post(`${c.url}/auto-reply`, { ...good(c), subject: 'Weg "bis" \\ Montag', from: '2030-01-02', until: '2030-01-09' });
    expect(res.statusCode).toBe(303);
    const stored = await rules(c.account.id);
    expect(stored).toMatchObject({ autoReply: 'on', replyFrom: '2030-01-02', replyUntil: '2030-01-09', replySubject: 'Weg "bis" \\ Montag', replyDays: 7 });
    const text = await script(c.account.id);
    expect(text).toContain(':subject "Weg \\"bis\\" \\\\ Montag"');
    expect(text).toContain('currentdate :value "ge" "date" "2030-01-02"');
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'mail.auto_reply_changed').where('subject', '=', `mail-account:${c.account.name}`).execute();
    expect(audit).toHaveLength(1);
    const page = await c.client.get(c.url);
    expect(page.body).toContain('Eingeschaltet vom');

    // Switched off: the texts stay for next time, the script goes (Dovecot delivers as usual).
    await c.client.post(`${c.url}/auto-reply`, { ...good(c), active: '' });
    expect((await rules(c.account.id))?.autoReply).toBe('off');
    expect(await script(c.account.id)).toBeUndefined();
  });

  it('refuses bad input on the same form, keeping what was typed, and stores nothing', async () => {
    const c = await customerWithMailbox();
    await c.client.get(c.url);
    const longBody = `Anfang ${'lang '.repeat(600)}Ende`;
    const cases: [Record<string, string | string[]>, string][] = [
      [{ subject: 'Urlaub\r\nBcc: opfer@example.org' }, 'Der Betreff muss eine einzige Zeile sein.'],
      [{ subject: 'Urlaub\nBcc: opfer@example.org' }, 'Der Betreff muss eine einzige Zeile sein.'],
      [{ from: '2030-02-10', until: '2030-02-01' }, 'Der letzte Tag liegt vor dem ersten Tag.'],
      [{ from: '2030-02-31' }, 'Bitte geben Sie ein gültiges Datum ein, z. B. 24.12.2026.'],
      [{ until: '2001-01-01' }, 'Der letzte Tag liegt in der Vergangenheit.'],
      [{ days: '0' }, 'Bitte geben Sie eine ganze Zahl von 1 bis 90 ein.'],
      [{ days: 'sieben' }, 'Bitte geben Sie eine ganze Zahl von 1 bis 90 ein.'],
      [{ body: 'x'.repeat(4001) }, 'Der Text darf höchstens 4000 Zeichen lang sein.'],
      [{ body: 'Hallo\u0007Welt' }, 'Der Text enthält Steuerzeichen.'],
      [{ subject: 'Hallo\u001bWelt' }, 'Der Text enthält Steuerzeichen.'],
      [{ subject: '' }, 'Bitte geben Sie einen Betreff ein.'],
      [{ addresses: 'chef@fremde-firma.de' }, 'Bitte wählen Sie nur Adressen dieses Postfachs.'],
      [{ addresses: [] }, 'Bitte wählen Sie mindestens eine Adresse.'],
    ];
    for (const [change, message] of cases) {
      const res = await c.client.post(`${c.url}/auto-reply`, { ...good(c), body: longBody, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(422);
      expect(res.body).toContain(message);
      if (!('body' in change)) expect(res.body, 'the long text comes back whole').toContain('Ende</textarea>');
      expect(res.body, 'the switch comes back as sent').toMatch(/name="active" value="1" checked/);
    }
    // A NUL byte is refused before any form sees it (platform/http/nul-guard.ts).
    expect((await c.client.post(`${c.url}/auto-reply`, { ...good(c), body: 'a\u0000b' })).statusCode).toBeGreaterThanOrEqual(400);
    // Far beyond any limit: refused by the form, not stored, no stack trace.
    const huge = await c.client.post(`${c.url}/auto-reply`, { ...good(c), body: 'x'.repeat(60_000) });
    expect(huge.statusCode).toBe(422);
    expect(await rules(c.account.id)).toBeUndefined();
    expect(await script(c.account.id)).toBeUndefined();
  });

  it("refuses another customer's mailbox and a POST without CSRF token", async () => {
    const a = await customerWithMailbox();
    const b = await customerWithMailbox();
    await b.client.get(b.url);
    // B's session, A's contract; and B's contract with A's account id: the same 404.
    expect((await b.client.post(`${a.url}/auto-reply`, good(a))).statusCode).toBe(404);
    expect((await b.client.post(`${b.admin}/accounts/${a.account.id}/auto-reply`, good(a))).statusCode).toBe(404);
    expect((await b.client.post(`${b.admin}/accounts/${a.account.id}/forwarding`, { target: 'dieb@example.org' })).statusCode).toBe(404);
    await a.client.get(a.url);
    expect((await a.client.post(`${a.url}/auto-reply`, good(a), { csrf: false })).statusCode).toBe(403);
    expect((await a.client.post(`${a.url}/forwarding`, { target: 'x@example.org' }, { csrf: false })).statusCode).toBe(403);
    expect(await rules(a.account.id)).toBeUndefined();
  });

  it('forwards to one other address, with or without a copy', async () => {
    const c = await customerWithMailbox();
    await c.client.get(c.url);
    expect((await c.client.post(`${c.url}/forwarding`, { target: c.address, keepCopy: '1' })).body).toContain('eine Weiterleitung an sich selbst ist nicht möglich');
    expect((await c.client.post(`${c.url}/forwarding`, { target: 'a@example.org, b@example.org' })).statusCode).toBe(422);
    expect((await c.client.post(`${c.url}/forwarding`, { target: 'a@example.org\r\nBcc: b@example.org' })).statusCode).toBe(422);
    expect((await c.client.post(`${c.url}/forwarding`, { target: 'Chef@Example.org', keepCopy: '1' })).statusCode).toBe(303);
    expect(await script(c.account.id)).toContain('redirect :copy "chef@example.org";');
    expect((await c.client.post(`${c.url}/forwarding`, { target: 'chef@example.org' })).statusCode).toBe(303);
    expect(await script(c.account.id)).toContain('redirect "chef@example.org";');
    expect((await c.client.get(c.url)).body).toContain('Weiterleitung an chef@example.org, ohne Kopie im Postfach');
  });

  it("lets the mailbox user set their own reply and offers the templates", async () => {
    const c = await customerWithMailbox();
    const user = new Client(t.app);
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login: c.address, password: PASSWORD })).statusCode).toBe(303);
    const page = await user.get('/mail-admin/postfach?vorlage=en');
    expect(page.body).toContain('value="Out of office"');
    expect(page.body).toContain('I am out of the office until [date]');
    expect((await user.post('/mail-admin/postfach/auto-reply', { ...good(c), subject: 'Selbst gesetzt' })).statusCode).toBe(303);
    expect(await script(c.account.id)).toContain(':subject "Selbst gesetzt"');
    expect((await user.post('/mail-admin/postfach/forwarding', { target: 'privat@example.org', keepCopy: '1' })).statusCode).toBe(303);
    expect(await script(c.account.id)).toContain('redirect :copy "privat@example.org";');
    expect((await user.post('/mail-admin/postfach/auto-reply', { ...good(c), subject: 'A\r\nB' })).statusCode).toBe(422);
    expect((await user.post('/mail-admin/postfach/auto-reply', good(c), { csrf: false })).statusCode).toBe(403);
  });

  it('lets staff set it from a ticket about the contract, audited; never on a mailbox of another contract', async () => {
    const a = await customerWithMailbox();
    const b = await customerWithMailbox();
    await a.client.get('/support/tickets/new');
    const opened = await a.client.post('/support/tickets', { category: 'other', link: `contract:${a.order.contractNumber}`, subject: 'Urlaub', body: 'Bitte Abwesenheitsnotiz setzen.' });
    expect(opened.statusCode).toBe(303);
    const ticket = await t.db.selectFrom('supportTickets').selectAll().where('number', '=', opened.headers.location!.split('/').pop()!).executeTakeFirstOrThrow();
    const user = await staffUser(t, 'agent');
    const agent = new Client(t.app);
    await agent.loginStaff(user.login, user.password);

    expect((await agent.get(`/staff/tickets/${ticket.id}`)).body).toContain('Abwesenheitsnotiz setzen');
    const page = await agent.get(`/staff/tickets/${ticket.id}/auto-reply?postfach=${a.account.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a.address);
    expect(page.body).not.toContain(b.address);

    const foreign = await agent.post(`/staff/tickets/${ticket.id}/actions/auto-reply`, { ...good(b), accountId: String(b.account.id) });
    expect(foreign.statusCode).toBe(409);
    expect(await rules(b.account.id)).toBeUndefined();
    expect(await t.db.selectFrom('auditEvents').select('event').where('event', '=', 'support.auto_reply_refused').execute()).toHaveLength(1);

    const bad = await agent.post(`/staff/tickets/${ticket.id}/actions/auto-reply`, { ...good(a), subject: 'X\r\nBcc: y@example.org', accountId: String(a.account.id) });
    expect(bad.statusCode).toBe(422);
    expect(await agent.post(`/staff/tickets/${ticket.id}/actions/auto-reply`, { ...good(a), accountId: String(a.account.id) }, { csrf: false }).then((r) => r.statusCode)).toBe(403);

    const done = await agent.post(`/staff/tickets/${ticket.id}/actions/auto-reply`, { ...good(a), subject: 'Vom Support gesetzt', accountId: String(a.account.id) });
    expect(done.statusCode).toBe(303);
    expect(await script(a.account.id)).toContain(':subject "Vom Support gesetzt"');
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'support.auto_reply_set').executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`staff:${user.id}`);
    expect(audit.details).toContain(ticket.number);
    const history = await agent.get(`/staff/tickets/${ticket.id}`);
    expect(history.body).toContain(`Abwesenheitsnotiz gesetzt für ${a.account.name}`);
  });
});
