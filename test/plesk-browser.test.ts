import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { runHostdesk } from './support/cli.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { CHROMIUM, loginInBrowser } from './support/browser.ts';

const SHOTS = 'test-results/screenshots';

/**
 * "Paket verwalten" in a real browser against `hostdesk serve` with its demo data: the demo's
 * Plesk servers are answered by the simulators the server starts (docs/plesk.md), so the click
 * ends on the simulator's session page (10.4) or its login page (9.5).
 */
describe.each(DIALECTS)('browser: Paket verwalten into the Plesk simulator (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-plesk-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'e2e.db') });
    await database.handle.close();
    server = await startServer({ DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox'), PLESK_SIMULATOR: 'true' });
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dialect === 'postgres' && database) {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${new URL(database.url).pathname.slice(1)} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function login(customer: string, password: string) {
    // A fresh context per customer. No ignoreHTTPSErrors: the demo's simulator pages must open
    // like any page (plain http on loopback), with no certificate warning in the way.
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginInBrowser(page, server.url, { form: 'customer', login: customer, password, masterData: 'if-asked' });
    await page.goto(`${server.url}/domains`);
    return page;
  }

  it('a customer ordered while the demo runs clicks "Paket verwalten" and lands in a Plesk 10.4 session', async () => {
    const order = JSON.parse((await runHostdesk(['order', '--tariff', 'web-plus', '--domain', `sso-${dialect}.de`, '--email', `paul@sso-${dialect}.de`, '--json'], database.url)).stdout);
    const page = await login(order.customerNumber, order.customerPassword);
    const row = page.getByRole('row').filter({ hasText: `sso-${dialect}.de` });
    await row.getByRole('button', { name: 'Paket verwalten' }).click();
    await page.waitForURL(/rsession_init\.php\?PLESKSESSID=/);
    const landed = new URL(page.url());
    expect(landed.hostname).toBe('127.0.0.1');
    expect(landed.protocol).toBe('http:');
    expect(await page.locator('#session-login').textContent()).toContain(`p${order.contractNumber}`);
    expect(await page.textContent('body')).toContain('Plesk-Simulator 10.4');
    // Laid out like the panel: its menu, the subscription, its domain and mailboxes, and the menu
    // path the help center names for Plesk 10.4.
    expect(await page.getByRole('navigation', { name: 'Plesk-Menü' }).getByText('Websites & Domains').count()).toBe(1);
    expect(await page.getByRole('heading', { name: `Abonnement sso-${dialect}.de` }).count()).toBe(1);
    expect(await page.locator('#sim-mailboxes').textContent()).toContain(`kontakt@sso-${dialect}.de`);
    expect(await page.locator('#sim-mail-path').textContent()).toContain('E-Mail → Adresse → Einstellungen');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/${dialect}-plesk-session.png`, fullPage: true });

    // The session is single-use: reloading it is refused.
    await page.reload();
    expect(await page.textContent('h1')).toContain('Sitzung ungültig');

    await page.goto(`${server.url}/contracts/${order.contractNumber}/plesk-mail`);
    expect(await page.locator('#plesk-mailboxes').textContent()).toContain(`info@sso-${dialect}.de`);
    await page.screenshot({ path: `${SHOTS}/${dialect}-plesk-mail.png`, fullPage: true });
    await page.context().close();
  });

  it('the demo customer on Plesk 9.5 gets the login page and how to log in there', async () => {
    const page = await login('max@baeckerei-mueller.de', 'Demo-Kunde-2026!');
    const row = page.getByRole('row').filter({ hasText: 'baeckerei-mueller.de' }).first();
    await row.getByRole('button', { name: 'Paket verwalten' }).click();
    await page.waitForURL(/\/contracts\/\d+\/panel$/);
    expect(await page.textContent('main')).toContain('Start → E-Mail → Adresse → Einstellungen');
    await page.screenshot({ path: `${SHOTS}/${dialect}-plesk-login-page.png`, fullPage: true });
    await page.locator('#plesk-login-page').click();
    await page.waitForURL(/login_up\.php3$/);
    expect(new URL(page.url()).protocol).toBe('http:');
    expect(await page.textContent('body')).toContain('Plesk-Simulator 9.5');
    // The login form of 9.5, with the field names the Hostdesk page told the customer about.
    expect(await page.getByLabel('Login', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Passwort', { exact: true }).count()).toBe(1);
    await page.context().close();
  });
});
