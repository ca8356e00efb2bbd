import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { runHostdesk } from './support/cli.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, loginInBrowser } from './support/browser.ts';

const SHOTS = 'test-results/screenshots';
const PLESK8 = 'Tarife mit Plesk 8 oder 9';
const PLESK10 = 'Tarife mit Plesk 10 oder neuer';
const MAILADMIN = 'Tarife mit E-Mail-Administration (ohne Plesk)';

/**
 * Entry #1002 in a real browser against `hostdesk serve`: a visitor sees all three ways to the
 * mail credentials, a logged-in customer only the one for their tariff, with their own values.
 */
describe.each(DIALECTS)('browser: help entry #1002 per tariff (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-help-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'help.db') });
    await database.handle.close();
    server = await startServer({ DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox'), MAIL_IMAP_HOST: 'imap.hostdesk.test' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${new URL(database.url).pathname.slice(1)} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function order(tariff: string, domain: string) {
    const res = await runHostdesk(['order', '--tariff', tariff, '--domain', domain, '--email', `info@${domain}`, '--json'], database.url);
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout) as { customerNumber: string; customerPassword: string; contractNumber: string };
  }

  async function login(page: Page, customer: { customerNumber: string; customerPassword: string }) {
    await browser.context.clearCookies();
    await loginInBrowser(page, server.url, { form: 'customer', login: customer.customerNumber, password: customer.customerPassword, masterData: 'confirm' });
  }

  const variantHeadings = (page: Page) => page.locator('.help-variant h2').allTextContents();

  it('shows an anonymous visitor all three paths', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/hilfe/1002`);
    expect(page.url()).toContain('/hilfe/1002-wo-finde-ich-die-zugangsdaten');
    expect(await variantHeadings(page)).toEqual([PLESK8, PLESK10, MAILADMIN]);
    expect(await page.getByText('Eindeutige ID').count()).toBe(1);
    expect(await page.locator('.help-facts').textContent()).toContain('#1002');
    expect(await page.locator('.help-answer').textContent()).toContain('imap.hostdesk.test');
    await page.screenshot({ path: `${SHOTS}/${dialect}-help-1002-anonymous.png`, fullPage: true });

    await page.getByLabel('Hilfe durchsuchen').fill('Postfach Passwort ändern');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL('**/hilfe/suche?q=*');
    expect(await page.locator('.help-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('.help-results mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/${dialect}-help-search.png`, fullPage: true });
    await page.close();
  });

  it('shows a customer with a Plesk 10 contract only the Plesk 10 path, with their domain', async () => {
    const customer = await order('web-plus', 'plesk-zehn-hilfe.de');
    const page = await browser.context.newPage();
    await login(page, customer);
    await page.getByRole('link', { name: 'Hilfe', exact: true }).click();
    await page.waitForURL('**/hilfe');
    await page.goto(`${server.url}/hilfe/1002`);
    expect(await variantHeadings(page)).toEqual([PLESK10]);
    const variant = page.locator('.help-variant');
    expect(await variant.textContent()).toContain('plesk-zehn-hilfe.de');
    expect(await variant.textContent()).toContain(customer.contractNumber);
    expect(await variant.getByRole('button', { name: 'Paket verwalten' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${dialect}-help-1002-plesk10.png`, fullPage: true });
    await page.getByRole('link', { name: 'Alle Varianten anzeigen' }).click();
    expect(await variantHeadings(page)).toEqual([PLESK8, PLESK10, MAILADMIN]);
    await page.close();
  });

  it('shows a customer with a mail-administration tariff only the E-Mail Administration path', async () => {
    const customer = await order('mail-s', 'nur-mail-hilfe.de');
    const page = await browser.context.newPage();
    await login(page, customer);
    await page.goto(`${server.url}/hilfe/1002`);
    expect(await variantHeadings(page)).toEqual([MAILADMIN]);
    const variant = page.locator('.help-variant');
    expect(await variant.textContent()).toContain(`${customer.contractNumber}.001`);
    expect(await variant.getByRole('link', { name: 'E-Mail-Administration' }).getAttribute('href')).toBe(`/mail-admin/${customer.contractNumber}`);
    expect(await variant.getByRole('link', { name: 'Administrationspasswort neu setzen' }).getAttribute('href')).toBe('/support/admin-password');
    await page.screenshot({ path: `${SHOTS}/${dialect}-help-1002-mailadmin.png`, fullPage: true });
    await page.close();
  });
});
