import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser, uniqueDomain } from './support/factories.ts';
import { publishRevision, requireRevision, saveDraft } from '../src/features/help/help.service.ts';

const PERMALINK_1002 = '/hilfe/1002-wo-finde-ich-die-zugangsdaten-zu-meinen-e-mail-adressen';
const VARIANT_TITLES = ['Tarife mit Plesk 8 oder 9', 'Tarife mit Plesk 10 oder neuer', 'Tarife mit E-Mail-Administration (ohne Plesk)'];

describe.each(DIALECTS)('help center (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  async function customerWith(tariff: string, domain = uniqueDomain()) {
    const order = await orderFor(t, { tariff, domains: [domain] });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    return { order, client, domain };
  }

  async function staffClient(role: 'admin' | 'agent' = 'admin') {
    const user = await staffUser(t, role);
    const client = new Client(t.app);
    await client.loginStaff(user.login, user.password);
    return client;
  }

  it('shows the start page with categories, sticky and most-read entries', async () => {
    const res = await new Client(t.app).get('/hilfe');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Hilfe</h1>');
    expect(res.body).toContain('Zugangsdaten');
    expect(res.body).toContain('Wichtige Einträge');
    expect(res.body).toContain(`href="${PERMALINK_1002}"`);
  });

  it('redirects /hilfe/1002 and wrong slugs to the permalink and shows ID, author and last change', async () => {
    const client = new Client(t.app);
    for (const path of ['/hilfe/1002', '/hilfe/1002-falscher-titel']) {
      const res = await client.get(path);
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(PERMALINK_1002);
    }
    const page = await client.get(PERMALINK_1002);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Wo finde ich die Zugangsdaten zu meinen E-Mail-Adressen?</h1>');
    expect(page.body).toMatch(/Eindeutige ID<\/dt><dd>#1002<\/dd>/);
    expect(page.body).toMatch(/Verfasser<\/dt><dd>Hostdesk-Redaktion<\/dd>/);
    expect(page.body).toContain('Letzte Änderung');
    expect(page.body).toContain('War dieser Eintrag hilfreich?');
    // An anonymous visitor sees all three paths, with generic placeholders and the real server names.
    for (const title of VARIANT_TITLES) expect(page.body).toContain(title);
    expect(page.body).toContain('<var class="placeholder">ihre-domain.de</var>');
    expect(page.body).toContain(`<code>${t.config.mailServer.imap.host}</code>`);
    expect(page.body).not.toContain('{domain}');
    // Plesk tariffs get their mail on their own Plesk server, which their "E-Mail-Postfächer" page shows.
    expect(page.body).not.toContain('für alle Tarife gleich');
    expect(page.body).toContain('Bei Plesk-Tarifen hat jedes Paket seinen eigenen Server');
  });

  it('serves the English page under /help with its own labels', async () => {
    const client = new Client(t.app);
    const res = await client.get('/help/1002');
    expect(res.statusCode).toBe(301);
    const page = await client.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Unique ID');
    expect(page.body).toContain('Author');
    expect(page.body).toContain('Last change');
    expect(page.body).toContain('Tariffs with Plesk 10 or later');
  });

  it('shows a Plesk 10 customer only the Plesk 10 path, with their domain and the "Paket verwalten" button', async () => {
    const { client, domain, order } = await customerWith('web-plus');
    const page = await client.get(PERMALINK_1002);
    expect(page.body).toContain('Tarife mit Plesk 10 oder neuer');
    expect(page.body).not.toContain('Tarife mit Plesk 8 oder 9');
    expect(page.body).not.toContain('Tarife mit E-Mail-Administration');
    expect(page.body).toContain(`<strong>${domain}</strong>`);
    expect(page.body).toContain(`action="/contracts/${order.contractNumber}/panel"`);
    expect(page.body).toContain('Passend zu Ihrem Vertrag');
    const all = await client.get(`${PERMALINK_1002}?alle=1`);
    for (const title of VARIANT_TITLES) expect(all.body).toContain(title);
  });

  it('shows a Plesk 9 customer the Plesk 8/9 path', async () => {
    const { client } = await customerWith('web-classic');
    const page = await client.get(PERMALINK_1002);
    expect(page.body).toContain('Tarife mit Plesk 8 oder 9');
    expect(page.body).not.toContain('Tarife mit Plesk 10 oder neuer');
  });

  it('shows a mail-administration customer only that path, with their .001 account and direct buttons', async () => {
    const { client, order } = await customerWith('mail-s');
    const page = await client.get(PERMALINK_1002);
    expect(page.body).toContain('Tarife mit E-Mail-Administration (ohne Plesk)');
    expect(page.body).not.toContain('Tarife mit Plesk');
    expect(page.body).toContain(`<code>${order.contractNumber}.001</code>`);
    expect(page.body).toContain(`href="/mail-admin/${order.contractNumber}"`);
    // A lost administration password is set in the SupportCenter's self-service, not by ticket.
    expect(page.body).toContain('<a class="button" href="/support/admin-password">Administrationspasswort neu setzen</a>');
    expect(page.body).toContain('„Passwort der E-Mail-Administration vergessen? Administrationspasswort neu setzen“');
  });

  it('searches with snippets, jumps for "#1002" and survives hostile queries', async () => {
    const client = new Client(t.app);
    const res = await client.get('/hilfe/suche?q=Weiterleitungen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<mark>');
    expect(res.body).toContain('Wie richte ich eine Weiterleitung');
    const jump = await client.get('/hilfe/suche?q=%231002');
    expect(jump.statusCode).toBe(303);
    expect(jump.headers.location).toBe(PERMALINK_1002);
    for (const q of ['%22', '%22%2A%28NEAR', 'x'.repeat(5000), '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '']) {
      const hostile = await client.get(`/hilfe/suche?q=${q}`);
      expect(hostile.statusCode).toBe(200);
      expect(hostile.body).not.toContain('<script>alert');
    }
    const multi = await client.get('/hilfe/suche?q=a&q=b');
    expect(multi.statusCode).toBe(200);
    // Nothing to search for says why: nothing typed, too long, or no word in it.
    expect((await client.get('/hilfe/suche?q=')).body).toContain('Bitte geben Sie einen Suchbegriff ein.');
    expect((await client.get(`/hilfe/suche?q=${'x'.repeat(500)}`)).body).toContain('Die Suche ist zu lang');
    const emoji = (await client.get(`/hilfe/suche?q=${encodeURIComponent('😀🙈 !!')}`)).body;
    expect(emoji).toContain('In Ihrer Suche steht kein Wort');
    expect(emoji).not.toContain('Bitte geben Sie einen Suchbegriff ein.');
  });

  it('answers unknown or malformed IDs with 404, never 500', async () => {
    const client = new Client(t.app);
    for (const path of ['/hilfe/99999', '/hilfe/abc', '/hilfe/1002-%3Cx%3E', '/hilfe/999999999999', '/help/0', '/hilfe/kategorie/nope', '/hilfe/1002-x/drucken/x']) {
      expect((await client.get(path)).statusCode).toBe(404);
    }
  });

  it('has a print view without navigation', async () => {
    const res = await new Client(t.app).get(`${PERMALINK_1002}/drucken`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('help-print.css');
    expect(res.body).not.toContain('class="topbar"');
    expect(res.body).toContain('#1002');
  });

  it('counts a vote once per visitor and per revision', async () => {
    const client = new Client(t.app);
    const permalink = '/hilfe/1011-mein-postfach-ist-voll-wie-viel-speicherplatz-habe-ich';
    await client.get(permalink);
    expect((await client.post('/hilfe/1011/bewertung', { helpful: 'yes' })).statusCode).toBe(303);
    await client.get(permalink);
    await client.post('/hilfe/1011/bewertung', { helpful: 'no' });
    const live = await t.db.selectFrom('helpRevisions').select('id').where('entryId', '=', 1011).where('language', '=', 'de').where('state', '=', 'published').executeTakeFirstOrThrow();
    const votes = await t.db.selectFrom('helpVotes').selectAll().where('revisionId', '=', live.id).execute();
    expect(votes.map((v) => v.helpful)).toEqual([1]);
    const page = await client.get(permalink);
    expect(page.body).toContain('Danke für Ihre Rückmeldung.');
    expect((await client.post('/hilfe/1011/bewertung', { helpful: 'maybe' })).statusCode).toBe(404);
    expect((await client.post('/hilfe/1011/bewertung', { helpful: 'yes' }, { csrf: false })).statusCode).toBe(403);
  });

  it('shows the vote counts to staff only, never to visitors or customers', async () => {
    const permalink = '/hilfe/1010-wie-richte-ich-eine-weiterleitung-fuer-eine-e-mail-adresse-ein';
    const visitor = new Client(t.app);
    const first = await visitor.get('/hilfe/1010');
    expect(first.headers.location).toBe(permalink);
    await visitor.get(permalink);
    await visitor.post('/hilfe/1010/bewertung', { helpful: 'yes' });
    const voted = await visitor.get(permalink);
    expect(voted.body).toContain('Danke für Ihre Rückmeldung.');
    expect(voted.body).not.toContain('fanden diese Fassung hilfreich');
    const { client: customer } = await customerWith('mail-s');
    const customerPage = await customer.get(permalink);
    expect(customerPage.body).toContain('War dieser Eintrag hilfreich?');
    expect(customerPage.body).not.toContain('fanden diese Fassung hilfreich');
    const english = await new Client(t.app).get((await new Client(t.app).get('/help/1010')).headers.location as string);
    expect(english.statusCode).toBe(200);
    expect(english.body).not.toMatch(/found this version helpful/);
    const staff = await staffClient('agent');
    const staffPage = await staff.get(permalink);
    expect(staffPage.body).toContain('1 fanden diese Fassung hilfreich, 0 nicht.');
  });

  it('lists published entries in sitemap.xml', async () => {
    const res = await new Client(t.app).get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.body).toContain(`<loc>http://hostdesk.test${PERMALINK_1002}</loc>`);
    expect(res.body).toContain('<loc>http://hostdesk.test/help/1002-');
  });

  it('links the domain page to its help and resolves the page context', async () => {
    const { client } = await customerWith('mail-s');
    const domains = await client.get('/domains');
    expect(domains.body).toContain('href="/hilfe/zu/domains"');
    const context = await client.get('/hilfe/zu/domains');
    expect(context.statusCode).toBe(200);
    expect(context.body).toContain(PERMALINK_1002);
    expect(context.body).toContain('Was zeigt mir die Domainverwaltung?');
  });

  it('takes visitor questions; staff answer them with a new entry', async () => {
    const visitor = new Client(t.app);
    await visitor.get('/hilfe/frage');
    const bad = await visitor.post('/hilfe/frage', { question: 'kurz', email: 'nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="nope"');
    const ok = await visitor.post('/hilfe/frage', { question: 'Kann ich meine Domain zu einem anderen Anbieter umziehen?', email: '' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Vielen Dank!');

    const staff = await staffClient('agent');
    const list = await staff.get('/staff/hilfe/fragen');
    expect(list.body).toContain('Kann ich meine Domain zu einem anderen Anbieter umziehen?');
    const question = await t.db.selectFrom('helpQuestions').selectAll().where('status', '=', 'open').executeTakeFirstOrThrow();
    const form = await staff.get(`/staff/hilfe/neu?frage=${question.id}`);
    expect(form.body).toContain('Kann ich meine Domain');
    const category = await t.db.selectFrom('helpCategories').select('id').where('slug', '=', 'hosting').executeTakeFirstOrThrow();
    const created = await staff.post('/staff/hilfe/neu', {
      language: 'de',
      questionId: String(question.id),
      categoryId: String(category.id),
      question: question.question,
      keywords: 'Umzug Providerwechsel',
      answer: 'Ja. Den Umzug stoßen Sie beim neuen Anbieter an.',
      action: 'save',
      publishFrom: '',
      publishUntil: '',
      related: '',
      contexts: '',
    });
    expect(created.statusCode).toBe(303);
    const closed = await t.db.selectFrom('helpQuestions').selectAll().where('id', '=', question.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('answered');
    expect(closed.entryId).toBeGreaterThanOrEqual(1015);
  });

  it('lets staff draft, review and publish; the live revision stays until then; hostile Markdown renders safely', async () => {
    const admin = await staffClient('admin');
    const agent = await staffClient('agent');
    const category = await t.db.selectFrom('helpCategories').select('id').where('slug', '=', 'support').executeTakeFirstOrThrow();
    await agent.get('/staff/hilfe/neu');
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klick](javascript:alert(1))',
      '[daten](data:text/html;base64,PHNjcmlwdD4=)',
      '<a href="x" onclick="alert(1)">x</a>',
      'Normaler **Text** mit [Link](https://example.org).',
    ].join('\n\n');
    const base = { language: 'de', categoryId: String(category.id), keywords: 'Sicherheitstest', publishFrom: '', publishUntil: '', related: '1002', contexts: '' };

    const preview = await agent.post('/staff/hilfe/neu', { ...base, question: 'Ist dieser Eintrag sicher?', answer: hostile, action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Vorschau');

    const badVariant = await agent.post('/staff/hilfe/neu', { ...base, question: 'Kaputte Variante', answer: '::: variant panel=windows\nText', action: 'save' });
    expect(badVariant.statusCode).toBe(422);
    expect(badVariant.body).toContain('Zeile 1');
    expect(badVariant.body).toContain('Kaputte Variante');

    const badRelated = await agent.post('/staff/hilfe/neu', { ...base, related: '424242', question: 'Verweis ins Leere', answer: 'Text', action: 'save' });
    expect(badRelated.statusCode).toBe(422);
    expect(badRelated.body).toContain('Einen Eintrag #424242 gibt es nicht.');

    const saved = await agent.post('/staff/hilfe/neu', { ...base, question: 'Ist dieser Eintrag sicher?', answer: hostile, action: 'save' });
    expect(saved.statusCode).toBe(303);
    const id = Number(/\/staff\/hilfe\/(\d+)/.exec(saved.headers.location as string)![1]);
    expect(id).toBeGreaterThanOrEqual(1015);
    expect((await new Client(t.app).get(`/hilfe/${id}`)).statusCode).toBe(404); // a draft is not public

    const [draft] = await t.db.selectFrom('helpRevisions').selectAll().where('entryId', '=', id).execute();
    await agent.get(`/staff/hilfe/${id}`);
    expect((await agent.post(`/staff/hilfe/revision/${draft!.id}/pruefung`, {})).statusCode).toBe(303);
    expect((await agent.post(`/staff/hilfe/revision/${draft!.id}/veroeffentlichen`, {})).statusCode).toBe(403);
    await admin.get(`/staff/hilfe/${id}`);
    expect((await admin.post(`/staff/hilfe/revision/${draft!.id}/veroeffentlichen`, {})).statusCode).toBe(303);

    const visitor = new Client(t.app);
    const res = await visitor.get(`/hilfe/${id}`);
    const page = await visitor.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    const answer = page.body.slice(page.body.indexOf('help-answer'), page.body.indexOf('help-facts'));
    const tags = answer.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((tag) => /^<(script|img|iframe)|\son\w+=|javascript:|data:/i.test(tag))).toEqual([]);
    expect(new Set(tags.map((tag) => /^<(\w+)/.exec(tag)![1]))).toEqual(new Set(['div', 'p', 'strong', 'a']));
    expect(answer).toContain('&lt;script&gt;');
    expect(answer).toContain('<strong>Text</strong>');
    expect(answer).toContain('href="https://example.org" rel="noopener noreferrer nofollow"');
    expect(page.body).toContain('Verwandte Einträge');

    // A new draft waits while the published revision stays live; publishing swaps them.
    await admin.get(`/staff/hilfe/${id}`);
    const redraft = await admin.post(`/staff/hilfe/${id}/de/entwurf`, { question: 'Ist dieser Eintrag jetzt sicher?', keywords: '', answer: 'Neue Fassung.', action: 'save' });
    expect(redraft.statusCode).toBe(303);
    const still = await visitor.get(`/hilfe/${id}`);
    expect(still.headers.location).toContain('ist-dieser-eintrag-sicher');
    const revisions = await t.db.selectFrom('helpRevisions').selectAll().where('entryId', '=', id).orderBy('number').execute();
    expect(revisions.map((r) => [r.number, r.state])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    const diff = await admin.get(`/staff/hilfe/${id}/diff?from=${revisions[0]!.id}&to=${revisions[1]!.id}`);
    expect(diff.body).toContain('<ins>');
    expect(diff.body).toContain('<del>');
    await admin.post(`/staff/hilfe/revision/${revisions[1]!.id}/veroeffentlichen`, {});
    expect((await visitor.get(`/hilfe/${id}`)).headers.location).toContain('ist-dieser-eintrag-jetzt-sicher');

    // Restoring copies the old text into a new draft; history is never rewritten.
    await admin.post(`/staff/hilfe/revision/${revisions[0]!.id}/wiederherstellen`, {});
    const after = await t.db.selectFrom('helpRevisions').selectAll().where('entryId', '=', id).orderBy('number').execute();
    expect(after.map((r) => r.state)).toEqual(['superseded', 'published', 'draft']);
    expect(after[2]!.answer).toBe(hostile);
    expect(after[2]!.restoredFrom).toBe(revisions[0]!.id);
    const audit = await t.db.selectFrom('auditEvents').selectAll().where('event', '=', 'help.published').where('subject', '=', `help:${id}`).execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses in the service what the policies refuse, whoever calls it: drafts stay the editors’, publishing the admins’', async () => {
    const agent = { kind: 'staff' as const, staffId: 1, role: 'agent' as const };
    const english = await t.db.selectFrom('helpRevisions').select(['question', 'keywords', 'answer']).where('entryId', '=', 1011).where('language', '=', 'en').executeTakeFirstOrThrow();
    const draft = await saveDraft(t.db, agent, { entryId: 1011, language: 'en', draft: { ...english, answer: `${english.answer}\n\nOne more line.` }, author: 'Agent' }, t.clock.now);
    await expect(requireRevision(t.db, { kind: 'anonymous' }, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(requireRevision(t.db, { kind: 'customer', customerId: 1 }, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(publishRevision(t.db, t.database.handle.dialect, agent, { revisionId: draft.id, ip: null }, t.clock.now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(saveDraft(t.db, { kind: 'customer', customerId: 1 }, { entryId: 1011, language: 'en', draft: english, author: 'Kunde' }, t.clock.now)).rejects.toMatchObject({ code: 'not_found' });
    const after = await t.db.selectFrom('helpRevisions').select(['id', 'state']).where('entryId', '=', 1011).where('language', '=', 'en').orderBy('number').execute();
    expect(after.map((r) => r.state)).toEqual(['published', 'draft']);
    expect(await t.db.selectFrom('auditEvents').select('id').where('event', '=', 'help.published').where('subject', '=', 'help:1011').execute()).toEqual([]);
  });

  it('hides entries outside their publish window, also from search', async () => {
    const admin = await staffClient('admin');
    await admin.get('/staff/hilfe/1013');
    const category = await t.db.selectFrom('helpEntries').select('categoryId').where('id', '=', 1013).executeTakeFirstOrThrow();
    const res = await admin.post('/staff/hilfe/1013/einstellungen', { categoryId: String(category.categoryId), publishFrom: '', publishUntil: '2001-01-01', related: '', contexts: 'domains' });
    expect(res.statusCode).toBe(303);
    expect((await new Client(t.app).get('/hilfe/1013')).statusCode).toBe(404);
    const search = await new Client(t.app).get('/hilfe/suche?q=Domainverwaltung');
    expect(search.body).not.toContain('Was zeigt mir die Domainverwaltung?');
    const bad = await admin.post('/staff/hilfe/1013/einstellungen', { categoryId: String(category.categoryId), publishFrom: '2030-01-01', publishUntil: '2029-01-01', related: '', contexts: '' });
    expect(bad.statusCode).toBe(422);
    await admin.post('/staff/hilfe/1013/einstellungen', { categoryId: String(category.categoryId), publishFrom: '', publishUntil: '', related: '', contexts: 'domains' });
    expect((await new Client(t.app).get('/hilfe/1013')).statusCode).toBe(301);
  });

  it('keeps the editor behind the staff login and shows analytics with zero-result searches', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/staff/hilfe')).statusCode).toBe(303);
    const { client: customer } = await customerWith('mail-s');
    expect((await customer.get('/staff/hilfe')).statusCode).toBe(303);
    await anonymous.get('/hilfe/suche?q=Quantenverschr%C3%A4nkung');
    const admin = await staffClient('admin');
    const list = await admin.get('/staff/hilfe');
    expect(list.body).toContain('#1002');
    const stats = await admin.get('/staff/hilfe/statistik');
    expect(stats.body).toContain('quantenverschrankung');
    expect(stats.body).toContain('Einträge nach Aufrufen');
  });
});
