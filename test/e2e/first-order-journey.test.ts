import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import type { Dialect } from '../../src/platform/db/index.ts';
import { runHostdesk } from '../support/cli.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { fillMasterDataInBrowser, launchBrowser, loginInBrowser } from '../support/browser.ts';
import { totpCode } from '../../src/features/accounts/totp.ts';

const SHOTS = 'test-results/screenshots';

/**
 * The journey of the seed, in a real browser against `hostdesk serve`: orders placed with the
 * CLI → login → Stammdaten bestätigen → Domainverwaltung with "Paket verwalten" for the Plesk
 * contract only.
 */
describe.each(DIALECTS)('browser journey: first order to Domainverwaltung (%s)', (dialect) => {
  const env = journeyServer(dialect);

  it('prints the demo logins at start', () => {
    expect(env.server.output()).toContain('Customer area (password for both: Demo-Kunde-2026!)');
    expect(env.server.output()).toContain('admin / Demo-Admin-2026!');
  });

  it('takes a CLI-ordered customer from login through Stammdaten to the domain list', async () => {
    const mail = JSON.parse((await runHostdesk(['order', '--tariff', 'mail-s', '--domain', 'journey-mail.de', '--email', 'anna@journey-mail.de', '--json'], env.database.url)).stdout);
    const plesk = JSON.parse(
      (await runHostdesk(['order', '--tariff', 'web-plus', '--domain', 'journey-plesk.de', '--email', 'anna@journey-mail.de', '--customer', mail.customerNumber, '--json'], env.database.url)).stdout,
    );

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/`);
    await expect.poll(() => page.url()).toContain('/login');
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-login.png`, fullPage: true });
    await page.getByLabel('Kundennummer oder E-Mail-Adresse').fill(mail.customerNumber);
    await page.getByLabel('Passwort').fill(mail.customerPassword);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    await page.waitForURL('**/stammdaten');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stammdaten bestätigen');
    await fillMasterDataInBrowser(page);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-stammdaten.png`, fullPage: true });
    await page.getByRole('button', { name: 'Daten bestätigen' }).click();

    await page.waitForURL('**/domains');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Domainverwaltung');
    const mailRow = page.getByRole('row').filter({ hasText: 'journey-mail.de' });
    const pleskRow = page.getByRole('row').filter({ hasText: 'journey-plesk.de' });
    await expect.poll(() => mailRow.textContent()).toContain(mail.contractNumber);
    expect(await pleskRow.textContent()).toContain(plesk.contractNumber);
    expect(await pleskRow.getByRole('button', { name: 'Paket verwalten' }).count()).toBe(1);
    expect(await mailRow.getByRole('button', { name: 'Paket verwalten' }).count()).toBe(0);
    expect(await mailRow.getByRole('link', { name: 'E-Mail-Administration' }).count()).toBe(1);
    expect(await mailRow.getByRole('link', { name: 'Zugangsdaten' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Paket verwalten' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-domains.png`, fullPage: true });

    // English, remembered for the customer.
    await page.getByRole('button', { name: 'Sprache wechseln' }).click();
    await page.waitForURL('**/domains');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Domains');
    expect(await page.getByRole('row').filter({ hasText: 'journey-plesk.de' }).getByRole('button', { name: 'Manage package' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${dialect}-en-domains.png`, fullPage: true });
    await page.goto(`${env.server.url}/stammdaten`);
    await page.screenshot({ path: `${SHOTS}/${dialect}-en-stammdaten.png`, fullPage: true });
    await page.getByRole('button', { name: 'Log out' }).first().click();
    await page.waitForURL('**/login?bye=1');
    expect(await page.getByRole('button', { name: 'Log in' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${dialect}-en-login.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Customer number or e-mail address').fill('anna@journey-mail.de');
    await page.getByLabel('Password').fill(mail.customerPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/domains');
    await page.screenshot({ path: `${SHOTS}/${dialect}-en-domains-mobile.png`, fullPage: true });
    await page.close();
  });
});

describe.each(DIALECTS)('browser journey: staff back office (%s)', (dialect) => {
  const env = journeyServer(dialect);

  it('lets the demo admin find a customer, place an order and see its passwords once', async () => {
    const page = await env.browser.context.newPage();
    await loginInBrowser(page, env.server.url, { form: 'staff', login: 'admin', password: 'Demo-Admin-2026!' });
    // Staff must set up TOTP before the first session.
    await page.waitForURL('**/staff/2fa/setup');
    expect(await page.getByRole('img', { name: 'QR-Code für Ihre Authenticator-App' }).count()).toBe(1);
    const secret = (await page.locator('.totp-secret').getAttribute('data-secret'))!;
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-2fa-setup.png`, fullPage: true });
    await page.getByLabel('Sechsstelliger Code aus der App').fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Einrichtung bestätigen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihre Notfallcodes');
    expect(await page.locator('.backup-codes .secret-value').count()).toBe(10);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-backup-codes.png`, fullPage: true });
    await page.getByRole('link', { name: 'Weiter' }).click();
    await page.waitForURL('**/staff');
    await page.getByLabel('Suche nach Kunden, Domains, Postfächern und Tickets').fill('bäckerei');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('region', { name: 'Kunden' }).getByRole('link', { name: /10002/ }).first().click();
    await page.waitForURL('**/staff/customers/10002');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kunde 10002');
    expect(await page.content()).toContain('bäckerei-müller.de');
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-customer.png`, fullPage: true });

    await page.getByRole('link', { name: 'Neue Bestellung' }).click();
    await page.getByLabel('Tarif').selectOption('mail-l');
    await page.getByLabel('Domains (eine pro Zeile)').fill('staff-bestellung.de\nstaff-bestellung.net');
    await page.getByLabel('E-Mail-Adresse des Kunden').fill('neu@staff-bestellung.de');
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-order.png`, fullPage: true });
    await page.getByRole('button', { name: 'Bestellung anlegen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Die Bestellung wurde angelegt.');
    expect(await page.locator('.secret-value').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-order-done.png`, fullPage: true });

    await page.getByRole('link', { name: 'API-Tokens' }).click();
    await page.getByLabel('Bezeichnung').fill('Webshop');
    await page.getByRole('button', { name: 'Token erzeugen' }).click();
    expect(await page.locator('.secret-value').textContent()).toMatch(/^hd_/);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-staff-tokens.png`, fullPage: true });
    await page.close();
  });
});

/**
 * A fresh database, `hostdesk serve` on it (demo data) and Chromium, for one describe block;
 * the getters read what beforeAll set up.
 */
function journeyServer(dialect: Dialect) {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'e2e.db') });
    await database.handle.close(); // the server and the CLI open it themselves
    server = await startServer({ DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dialect === 'postgres') await dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get database() {
      return database;
    },
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
  };
}

async function dropDatabase(database: TestDatabase) {
  const pg = (await import('pg')).default;
  const { PG_ADMIN_URL } = await import('../support/databases.ts');
  const name = new URL(database.url).pathname.slice(1);
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}
