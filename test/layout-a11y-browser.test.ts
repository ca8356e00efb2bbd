import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../src/messages.ts';
import { launchBrowser, loginInBrowser } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

/**
 * Issue #17 (phone, navigation, accessibility): every page a customer, a mail administrator and a
 * staff member reach by links, at 390×844 and 1366×900, each in German and English, in Debian's Chromium
 * against `hostdesk serve` with the demo data:
 * - no page is wider than the screen, and no table hides columns behind a sideways scroll;
 * - axe-core finds no serious or critical violation;
 * - no visible text is an internal code (a message key, `customer.login_failed`, `staff:1`).
 * The pages do not depend on the database, so this runs on SQLite only.
 */
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const;
const LONG_LOCAL_PART = 'buchhaltung.und.rechnungswesen.filiale-nord-am-marktplatz';

/** Message keys as they would show if a text were missing: `mail.account.adminNote`, `nav.domains`. */
const MESSAGE_KEYS = new Set(Object.keys(catalogs.de));
const CODE_SHAPES = [/\b[a-z]+\.[a-z]+_[a-z_]+\b/, /\b(?:staff|customer|mail|token):\d+\b/];

interface Finding {
  page: string;
  problem: string;
}

/** Links of a page worth visiting: same site, no downloads, no way out. */
const SKIP = /logout|\/assets\/|\.mobileconfig|\/download|\/attachments\/|\.txt$|\.csv|\.xml|\/export|^\/language/;

/** Pages of one kind count once or twice (each help entry, ticket, customer is the same page). */
const kindOf = (path: string) =>
  path
    .replace(/^\/help\//, '/hilfe/')
    .replace(/\/(hilfe|help)\/\d+[^/?]*/, '/hilfe/N')
    .replace(/\d+/g, 'N')
    .replace(/\?.*$/, '?');

async function checkPage(page: Page, path: string, axeSource: string): Promise<string[]> {
  const problems: string[] = [];
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scrolledTables: [...document.querySelectorAll('.table-wrap, table')]
      .filter((el) => (el as HTMLElement).checkVisibility() && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`),
  }));
  if (layout.scrollWidth > layout.innerWidth) problems.push(`page is ${layout.scrollWidth}px wide at ${layout.innerWidth}px`);
  if (layout.scrolledTables.length > 0) problems.push(`table scrolls sideways: ${layout.scrolledTables.join(', ')}`);

  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  problems.push(...violations.map((v) => `axe ${v}`));

  const text = await page.locator('body').innerText();
  const words = text.split(/[\s,;:()"'„“]+/).map((w) => w.replace(/[.!?]+$/, ''));
  const keys = [...new Set(words.filter((w) => MESSAGE_KEYS.has(w)))];
  if (keys.length > 0) problems.push(`message keys shown: ${keys.join(', ')}`);
  for (const shape of CODE_SHAPES) {
    const found = shape.exec(text);
    if (found) problems.push(`internal code shown: ${found[0]}`);
  }
  return problems.map((p) => `${path}: ${p}`);
}

/** Follows links from `start` (GET only), checking each page; returns what was visited and what was wrong. */
/**
 * With CRAWL_SHOTS set to a folder, every page the crawl checks is also saved there as a full-page
 * screenshot (`<role>-<lang>-<width>-<path>.png`), for people to look at; the checks are the same.
 */
const SHOTS = process.env.CRAWL_SHOTS;

async function crawlAndCheck(page: Page, base: string, start: string[], axeSource: string, shotPrefix: string, limit = 70): Promise<{ visited: string[]; findings: Finding[] }> {
  const queue = [...start];
  const seen = new Set<string>();
  const kinds = new Map<string, number>();
  const findings: Finding[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path) || SKIP.test(path)) continue;
    const kind = kindOf(path);
    if ((kinds.get(kind) ?? 0) >= 2) continue;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    seen.add(path);
    const response = await page.goto(`${base}${path}`);
    if (!response || !(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    for (const problem of await checkPage(page, path, axeSource)) findings.push({ page: path, problem });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${shotPrefix}-${path.replace(/[^\w]+/g, '_').slice(0, 80)}.png`), fullPage: true });
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''));
    for (const link of links) {
      if (!link.startsWith('/') || link.startsWith('//')) continue;
      const target = link.split('#')[0]!;
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return { visited: [...seen], findings };
}

describe('browser: every page fits a phone, passes axe and shows words, not codes', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let axeSource: string;
  beforeAll(async () => {
    if (!existsSync(AXE)) throw new Error(`${AXE} is missing: axe-core is a devDependency (npm ci installs it)`);
    axeSource = readFileSync(AXE, 'utf8');
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-layout-'));
    server = await startServer({ DATABASE_URL: `file:${join(dir, 'hd.sqlite')}`, DEMO_DATA: 'true', STAFF_2FA_REQUIRED: 'false', MAIL_OUTBOX_DIR: join(dir, 'outbox') });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function freshPage(width: number, height: number): Promise<{ page: Page; context: BrowserContext }> {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    return { page, context: browser.context };
  }

  async function loginCustomer(page: Page, number: string) {
    await loginInBrowser(page, server.url, { form: 'customer', login: number, password: 'Demo-Kunde-2026!' });
    await page.waitForURL(/\/(domains|stammdaten)$/);
  }

  async function loginMailAdmin(page: Page) {
    await loginInBrowser(page, server.url, { form: 'mailbox', login: '500001.001', password: 'Demo-Postfach-2026!' });
    await page.waitForURL('**/mail-admin/500001');
  }

  async function loginStaff(page: Page) {
    await loginInBrowser(page, server.url, { form: 'staff', login: 'admin', password: 'Demo-Admin-2026!' });
    await page.waitForURL('**/staff');
  }

  /** Customers and staff keep the language they chose last: each run sets its own. */
  async function setLanguage(page: Page, lang: 'de' | 'en') {
    if ((await page.locator('html').getAttribute('lang')) === lang) return;
    // On a phone the switch is inside the folded menu.
    const menu = page.locator('details.menu > summary');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: lang === 'en' ? 'Sprache wechseln' : 'Change language' }).click();
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  }

  it('prepares the pages worth seeing: a mailbox with a long address, a ticket', async () => {
    const { page } = await freshPage(1366, 900);
    await loginCustomer(page, '10002');
    await page.goto(`${server.url}/mail-admin/500004`);
    const newAccount = page.locator('#neu');
    await newAccount.getByLabel('Adresse (vor dem @)').fill(LONG_LOCAL_PART);
    await newAccount.getByRole('button', { name: 'Postfach anlegen' }).click();
    await page.waitForLoadState();
    await page.goto(`${server.url}/mail-admin/500004`);
    // The long address wraps in its cell: the row's "Verwalten" stays on screen at 1366 px.
    const manage = page.getByRole('link', { name: /Verwalten|Postfach .* verwalten/ }).last();
    const box = await manage.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    await page.goto(`${server.url}/support/tickets/new`);
    await page.getByLabel('Kategorie').selectOption({ label: 'E-Mail' });
    await page.getByLabel('Betreff').fill('Postfach für die Buchhaltung einrichten');
    await page.getByLabel('Ihre Nachricht').fill('Bitte helfen Sie mir, das neue Postfach in Outlook einzurichten.');
    await page.getByRole('button', { name: 'Ticket absenden' }).click();
    await page.waitForURL(/\/support\/tickets\/\d+/);
    await page.close();
  });

  const roles = [
    {
      role: 'customer',
      login: (page: Page) => loginCustomer(page, '10002'),
      start: ['/domains', '/stammdaten', '/support', '/sicherheit', '/hilfe', '/hilfe/1004'],
      reach: [/^\/mail-admin\/500004\/accounts\/\d+$/, /^\/contracts\/500004\/zugangsdaten$/, /^\/support\/tickets\/[\d-]+$/, /^\/contracts\/500003\/plesk-mail$/],
    },
    { role: 'customer confirming master data', login: (page: Page) => loginCustomer(page, '10001'), start: ['/stammdaten'], reach: [] },
    { role: 'mail administrator', login: loginMailAdmin, start: ['/mail-admin/500001', '/contracts/500001/zugangsdaten'], reach: [/^\/mail-admin\/500001\/accounts\/\d+$/, /\/diagnose$/] },
    {
      role: 'staff',
      login: loginStaff,
      start: ['/staff', '/staff?q=M%C3%BCller', '/staff/tickets'],
      reach: [/^\/staff\/customers\/\d+$/, /^\/staff\/tickets\/\d+$/, /^\/staff\/audit/, /^\/staff\/hilfe/],
    },
    { role: 'visitor', login: async () => {}, start: ['/login', '/mail-admin/login', '/staff/login', '/passwort-vergessen', '/hilfe', '/hilfe/1004'], reach: [/^\/hilfe\/\d+/] },
  ];
  const runs = roles.flatMap((r) => SIZES.flatMap((size) => (['de', 'en'] as const).map((lang) => ({ ...r, size, lang }))));

  // The confirmation steps of irreversible staff actions are answers to a POST: no link leads there.
  const confirmations = SIZES.flatMap((size) => (['de', 'en'] as const).map((lang) => ({ size, lang })));
  it.each(confirmations)('staff confirmation pages at $size.width px ($lang)', async ({ size, lang }) => {
    const { page } = await freshPage(size.width, size.height);
    await loginStaff(page);
    await page.goto(`${server.url}/staff/tickets/canned`);
    if ((await page.locator('form[action$="/delete"]').count()) === 0) {
      await page.getByLabel('Titel').fill('Spam-Ordner prüfen');
      await page.getByLabel('Text', { exact: true }).fill('Guten Tag {name}, bitte sehen Sie auch im Spam-Ordner nach.');
      await page.getByRole('button', { name: 'Textbaustein anlegen' }).click();
      await page.waitForURL('**/staff/tickets/canned');
    }
    await page.goto(`${server.url}/staff/api-tokens`);
    if ((await page.locator('form[action$="/revoke"]').count()) === 0) {
      await page.getByLabel('Bezeichnung').fill('Shop-Anbindung');
      await page.getByRole('button', { name: 'Token erzeugen' }).click();
      await page.waitForLoadState();
    }
    await setLanguage(page, lang);
    const findings: string[] = [];
    for (const [list, button, name] of [
      ['/staff/tickets/canned', 'form[action$="/delete"] button', lang === 'de' ? 'Textbaustein löschen' : 'Delete canned reply'],
      ['/staff/api-tokens', 'form[action$="/revoke"] button', lang === 'de' ? 'Token widerrufen' : 'Revoke token'],
    ] as const) {
      await page.goto(`${server.url}${list}`);
      await page.locator(button).first().click();
      await page.waitForLoadState();
      await expect.poll(() => page.getByRole('button', { name }).count()).toBe(1);
      findings.push(...(await checkPage(page, `${list} → confirmation`, axeSource)));
      // "Abbrechen" goes back and changes nothing.
      await page.getByRole('link', { name: lang === 'de' ? 'Abbrechen' : 'Cancel' }).click();
      await page.waitForURL(`**${list}`);
      expect(await page.locator(button).count()).toBeGreaterThan(0);
    }
    await page.close();
    expect(findings).toEqual([]);
  }, 300_000);

  it.each(runs)('$role at $size.width px ($lang)', async ({ role, login, start, reach, size, lang }) => {
    const { page } = await freshPage(size.width, size.height);
    await login(page);
    await page.goto(`${server.url}${start[0]}`);
    await setLanguage(page, lang);
    const { visited, findings } = await crawlAndCheck(page, server.url, start, axeSource, `${role.replace(/\W+/g, '-')}-${lang}-${size.width}`);
    await page.close();
    // The crawl got past the start pages to the ones deeper down.
    for (const page of reach) expect(visited.some((path) => page.test(path)), `reached ${page}`).toBe(true);
    expect(findings.map((f) => f.problem)).toEqual([]);
  }, 300_000);
});
