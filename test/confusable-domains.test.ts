import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { dumpDatabase } from './support/dump.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { runHostdesk } from './support/cli.ts';
import { createApiToken } from '../src/features/accounts/index.ts';
import { mixedScriptsOf, skeletonOf } from '../src/features/contracts/confusables.ts';

/** "mustermann-beispiel.de" with a Cyrillic "е" (U+0435) in "bеispiel". */
const CYRILLIC_E = 'mustermann-b\u0435ispiel.de';
const LATIN = 'mustermann-beispiel.de';
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('mixed scripts and skeletons (UTS #39)', () => {
  it('finds a label that mixes Latin with Cyrillic or Greek', () => {
    expect(mixedScriptsOf(CYRILLIC_E)).toEqual(['Latin', 'Cyrillic']);
    expect(mixedScriptsOf('p\u03b1ypal.com')).toEqual(['Latin', 'Greek']);
    expect(mixedScriptsOf('\u0430\u03bf.de')).toEqual(['Cyrillic', 'Greek']);
  });

  it('accepts single-script labels, digits and hyphens, and the combinations of one writing system', () => {
    for (const name of [LATIN, 'müller-bäckerei.de', 'straße-24.de', 'пример.рф', 'shop.рф', 'ελληνικά.gr', 'ソニー東京.jp', 'tokyoソニー東京.jp', '한국어abc.kr', 'שלום.co.il'])
      expect(mixedScriptsOf(name), name).toBeNull();
  });

  it('gives lookalikes the same skeleton and different names different ones', () => {
    expect(skeletonOf(CYRILLIC_E)).toBe(LATIN);
    expect(skeletonOf('\u0430\u0440\u0440\u04cf\u0435.de')).toBe('apple.de'); // all Cyrillic
    expect(skeletonOf('p\u03b1yp\u03b1l.com')).toBe('paypal.com');
    expect(skeletonOf('\u0451.de')).toBe(skeletonOf('ë.de')); // Cyrillic ё against Latin ë, through NFD
    expect(skeletonOf(LATIN)).toBe(LATIN); // ASCII is its own skeleton
    expect(skeletonOf('müller.de')).not.toBe(skeletonOf('muller.de'));
  });
});

describe.each(DIALECTS)('ordering confusable domains (%s)', (dialect) => {
  let t: TestApp;
  let token = '';
  let staff: Client;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-confusable-'));
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000' }, { sqliteFile: join(dir, 'confusable.db') });
    await orderFor(t, { tariff: 'mail-s', domains: [LATIN] });
    await orderFor(t, { tariff: 'mail-s', domains: ['apple-obst.de'] });
    const admin = await staffUser(t, 'admin');
    token = (await createApiToken(t.db, 'shop', admin.id, new Date())).token;
    staff = new Client(t.app, '10.90.0.1');
    await staff.loginStaff(admin.login, admin.password);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'de' } });

  it('API: refuses the Cyrillic lookalike with a clear error naming both names in punycode, storing nothing', async () => {
    const before = await dumpDatabase(t.db, dialect, ['api_tokens']);
    const res = await api({ tariff: 'mail-s', domains: [CYRILLIC_E], email: 'info@fremd.example' });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('confirmation_required');
    expect(error.message).toContain('Verwechslungsgefahr bei mustermann-bеispiel.de (xn--mustermann-bispiel-');
    expect(error.fields.domains).toMatch(/^„mustermann-bеispiel\.de“ \(xn--mustermann-bispiel-[a-z0-9]+\.de\) ist leicht mit „mustermann-beispiel\.de“ \(mustermann-beispiel\.de\) zu verwechseln\.$/);
    expect(error.fields.acceptConfusableDomains).toContain('"acceptConfusableDomains": true');
    expect(await dumpDatabase(t.db, dialect, ['api_tokens'])).toBe(before);

    const notBoolean = await api({ tariff: 'mail-s', domains: [CYRILLIC_E], email: 'info@fremd.example', acceptConfusableDomains: 'yes' });
    expect(notBoolean.statusCode).toBe(422);
    expect(notBoolean.json().error.code).toBe('validation');
    expect(await dumpDatabase(t.db, dialect, ['api_tokens'])).toBe(before);
  });

  it('API: warns about a whole-script lookalike, the reverse direction and two lookalikes in one order', async () => {
    const cyrillic = await api({ tariff: 'mail-s', domains: ['\u0430\u0440\u0440\u04cf\u0435-\u043e\u0431\u0441\u0442.de'], email: 'a@fremd.example' });
    // "аррӏе-обст" is one script (Cyrillic) but its skeleton is not "apple-obst": б and т are not lookalikes here.
    expect(cyrillic.statusCode).toBe(201);
    const whole = await api({ tariff: 'mail-s', domains: ['\u0430\u0440\u0440\u04cf\u0435.de'], email: 'b@fremd.example' });
    expect(whole.statusCode).toBe(201); // nothing named apple.de exists yet
    const latin = await api({ tariff: 'mail-s', domains: ['apple.de'], email: 'c@fremd.example' });
    expect(latin.statusCode).toBe(422);
    expect(latin.json().error.fields.domains).toContain('„apple.de“ (apple.de) ist leicht mit „аррӏе.de“ (xn--80ak6aa92e.de) zu verwechseln.');
    const pair = await api({ tariff: 'mail-s', domains: ['zwilling-a.de', 'zwilling-\u0430.de'], email: 'd@fremd.example' });
    expect(pair.statusCode).toBe(422);
    expect(pair.json().error.message).toContain('zwilling-a.de, zwilling-а.de (xn--zwilling--');
  });

  it('API: places the order with acceptConfusableDomains: true, and the audit log records the accepted warning', async () => {
    const res = await api({ tariff: 'mail-s', domains: [CYRILLIC_E], email: 'info@fremd.example', acceptConfusableDomains: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().domains).toEqual([CYRILLIC_E]);
    const row = await t.db.selectFrom('domains').select(['nameAscii', 'nameUnicode']).where('nameUnicode', '=', CYRILLIC_E).executeTakeFirstOrThrow();
    expect(row.nameAscii).toMatch(/^xn--mustermann-bispiel-/);
    const audit = await t.db.selectFrom('auditEvents').select('details').where('event', '=', 'order.placed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.details))).toMatchObject({ lookalikesAccepted: [{ domain: row.nameAscii, mixedScripts: ['Latin', 'Cyrillic'], similarTo: LATIN }] });
  });

  it('CLI: refuses without --accept-confusable-domains (exit 3, nothing stored) and places the order with it', async () => {
    const domain = 'mustermann-beisp\u0456el.de'; // Cyrillic і
    const before = await dumpDatabase(t.db, dialect);
    const refused = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', domain, '--email', 'cli@fremd.example', '--json'], t.config.databaseUrl);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('Risk of confusion with mustermann-beispіel.de (xn--');
    expect(refused.stderr).toContain('is easily mistaken for "mustermann-beispiel.de" (mustermann-beispiel.de)');
    expect(refused.stderr).toContain('--accept-confusable-domains');
    expect(await dumpDatabase(t.db, dialect)).toBe(before);
    const placed = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', domain, '--email', 'cli@fremd.example', '--accept-confusable-domains', '--json'], t.config.databaseUrl);
    expect(placed.stderr).toBe('');
    expect(placed.code).toBe(0);
    expect(JSON.parse(placed.stdout).domains).toEqual([domain]);
  });

  it('back office: shows the warning with both punycode forms, requires the checkbox, and shows the punycode on the result and customer pages', async () => {
    const domain = 'mustermann-beispi\u0435l.de';
    await staff.get('/staff/orders/new');
    const before = await dumpDatabase(t.db, dialect);
    const form = { tariff: 'mail-s', domains: domain, email: 'bo@fremd.example', customerNumber: '' };
    const warned = await staff.post('/staff/orders', form);
    expect(warned.statusCode).toBe(422);
    const page = decode(warned.body);
    expect(page).toContain('<h2 id="lookalikes-heading">Verwechslungsgefahr</h2>');
    expect(page).toMatch(/„mustermann-beispiеl\.de“ \(xn--mustermann-beispil-[a-z0-9]+\.de\) mischt Schriften \(Latin, Cyrillic\)/);
    expect(page).toContain('ist leicht mit „mustermann-beispiel.de“ (mustermann-beispiel.de) zu verwechseln.');
    expect(page).toContain('<input id="f-acceptConfusableDomains" type="checkbox" name="acceptConfusableDomains" value="1"');
    const warnedAscii = /name="warnedDomains" value="([^"]+)"/.exec(warned.body)![1]!;
    expect(warnedAscii).toMatch(/^xn--mustermann-beispil-/);
    expect(await dumpDatabase(t.db, dialect)).toBe(before);

    // Without the tick, and with a tick that confirms other names than the warning showed: refused again.
    expect((await staff.post('/staff/orders', { ...form, warnedDomains: warnedAscii })).statusCode).toBe(422);
    const otherNames = await staff.post('/staff/orders', { ...form, acceptConfusableDomains: '1', warnedDomains: 'mustermann-beispiel.de' });
    expect(otherNames.statusCode).toBe(422);
    expect(decode(otherNames.body)).toContain('Bitte bestätigen Sie die Warnung ausdrücklich');
    expect(await dumpDatabase(t.db, dialect)).toBe(before);

    const placed = await staff.post('/staff/orders', { ...form, acceptConfusableDomains: '1', warnedDomains: warnedAscii });
    expect(placed.statusCode).toBe(201);
    expect(placed.body).toContain(`<bdi class="domain-name">${domain}</bdi> <small class="muted punycode">(${warnedAscii})</small>`);
    const customerNumber = /href="\/staff\/customers\/(\d+)"/.exec(placed.body)![1]!;
    const customer = await staff.get(`/staff/customers/${customerNumber}`);
    expect(customer.body).toContain(`<bdi class="domain-name">${domain}</bdi> <small class="muted punycode">(${warnedAscii})</small>`);
  });

  it('back office: an ordinary order goes through without any warning', async () => {
    await staff.get('/staff/orders/new');
    const res = await staff.post('/staff/orders', { tariff: 'mail-s', domains: 'ganz-normal.de\nmüller-bäckerei.de', email: 'normal@fremd.example', customerNumber: '' });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('Verwechslungsgefahr');
    expect(res.body).toContain('<bdi class="domain-name">müller-bäckerei.de</bdi> <small class="muted punycode">(xn--mller-bckerei-hfb76a.de)</small>');
  });
});
