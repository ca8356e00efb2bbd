import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { runHostdesk } from './support/cli.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, loginInBrowser } from './support/browser.ts';

const SHOTS = 'test-results/screenshots';

/**
 * The back office in a real browser against `hostdesk serve`: the staff home's one search box
 * finds a customer by their domain, and "Neues Administrationspasswort setzen" asks first on a
 * page of its own (no JavaScript needed), and from the second run on wants a reason.
 */
describe.each(DIALECTS)('browser: staff home search and the confirmation step (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let customerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let staffBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-backoffice-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'backoffice.db') });
    await database.handle.close();
    server = await startServer({ DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox'), STAFF_2FA_REQUIRED: 'false', SECRET_KEY: 'e2e-secret-key-e2e-secret-key-0123456789' });
    customerBrowser = await launchBrowser();
    staffBrowser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await customerBrowser?.close();
    await staffBrowser?.close();
    await server?.stop();
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${new URL(database.url).pathname.slice(1)} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the customer from one box, and asks before setting a new administration password', async () => {
    const domain = `backoffice-suche-${dialect}.de`;
    const ordered = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', domain, '--email', `anna@${domain}`, '--json'], database.url);
    expect(ordered.code, ordered.stderr).toBe(0);
    const order = JSON.parse(ordered.stdout) as { customerNumber: string; customerPassword: string; contractNumber: string };
    const account = `${order.contractNumber}.001`;

    // The customer asks for a new administration password in the customer area.
    const page = await customerBrowser.context.newPage();
    await loginInBrowser(page, server.url, { form: 'customer', login: order.customerNumber, password: order.customerPassword, masterData: 'confirm' });
    await page.goto(`${server.url}/support/tickets/new?category=admin_password`);
    await page.getByLabel('Betreff').fill('Administrationspasswort vergessen');
    await page.getByLabel('Ihre Nachricht').fill('Bitte setzen Sie ein neues Passwort.');
    await page.getByRole('button', { name: 'Ticket absenden' }).click();
    await page.waitForURL(/\/support\/tickets\/\d{6}-\d{4}-\d$/);
    const number = page.url().split('/').pop()!;

    // Staff: the home's one search box, by a piece of the domain.
    const staff = await staffBrowser.context.newPage();
    await staff.setViewportSize({ width: 390, height: 844 });
    await loginInBrowser(staff, server.url, { form: 'staff', login: 'admin', password: 'Demo-Admin-2026!' });
    await staff.waitForURL('**/staff');
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Übersicht');
    await staff.getByLabel('Suche nach Kunden, Domains, Postfächern und Tickets').fill(`suche-${dialect}`);
    await staff.getByLabel('Suche nach Kunden, Domains, Postfächern und Tickets').press('Enter');
    await staff.waitForURL(/\/staff\?q=/);
    const domains = staff.getByRole('region', { name: 'Domains' });
    expect(await domains.getByRole('link', { name: domain }).count()).toBe(1);
    expect(await staff.getByRole('region', { name: 'Kunden' }).getByRole('link', { name: new RegExp(order.customerNumber) }).count()).toBe(1);
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await staff.screenshot({ path: `${SHOTS}/${dialect}-de-staff-home-search.png`, fullPage: true });
    await domains.getByRole('link', { name: domain }).click();
    await staff.waitForURL(`**/staff/customers/${order.customerNumber}`);

    // The customer's ticket, from the customer page; looking at it changes nothing, taking it does.
    await staff.getByRole('link', { name: number }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Neu', { exact: true }).count()).toBeGreaterThan(0);
    await staff.getByRole('button', { name: 'Übernehmen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Sie haben das Ticket übernommen.').count()).toBe(1);

    // Asked first: the page says what stops working; "Abbrechen" goes back and runs nothing.
    await staff.getByRole('link', { name: 'Neues Administrationspasswort setzen' }).click();
    await staff.waitForURL(/\/actions\/admin-password$/);
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Neues Administrationspasswort setzen?');
    expect(await staff.getByText(`IMAP, POP3 und SMTP nehmen es nicht mehr an`, { exact: false }).count()).toBe(1);
    expect(await staff.getByText(account, { exact: false }).count()).toBeGreaterThan(0);
    expect(await staff.getByLabel('Begründung für den erneuten Lauf').count()).toBe(0);
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await staff.screenshot({ path: `${SHOTS}/${dialect}-de-staff-confirm.png`, fullPage: true });
    await staff.getByRole('link', { name: 'Abbrechen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Das neue Administrationspasswort ist gesetzt.').count()).toBe(0);

    await staff.getByRole('link', { name: 'Neues Administrationspasswort setzen' }).click();
    await staff.getByRole('button', { name: 'Ja, neues Passwort setzen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Das neue Administrationspasswort ist gesetzt.').count()).toBe(1);

    // A second run: a reason is required, refused without one, run with one.
    await staff.getByRole('link', { name: 'Neues Administrationspasswort setzen' }).click();
    await staff.waitForURL(/\/actions\/admin-password$/);
    await staff.getByRole('button', { name: 'Ja, neues Passwort setzen' }).click();
    expect(await staff.getByText('Bitte begründen Sie, warum das Passwort erneut gesetzt werden soll.').count()).toBeGreaterThan(0);
    await staff.getByLabel('Begründung für den erneuten Lauf').fill('Der Kunde hat den ersten Abruf verpasst.');
    await staff.getByRole('button', { name: 'Ja, neues Passwort setzen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Das neue Administrationspasswort ist gesetzt.').count()).toBe(1);
  }, 120_000);
});
