import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { runHostdesk } from '../support/cli.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser, loginInBrowser } from '../support/browser.ts';
import { DOVEADM_TEST_KEY, mailServersUnavailable, imapOk, shareSqliteFile, startMailServers, type MailServers } from '../support/mailservers.ts';

const SHOTS = 'test-results/screenshots';
const skipReason = mailServersUnavailable();
if (skipReason) console.warn(`SupportCenter browser journey skipped: ${skipReason}`);

/**
 * The seed's last resort in a real browser against `hostdesk serve`, with the real Dovecot
 * reading the same database: CLI order → login → Stammdaten → SupportCenter → Neues Ticket
 * erstellen → staff run "Neues Administrationspasswort setzen" → the customer reveals the
 * password once → IMAP login as `<contract>.001` works with it, and no longer with the old one.
 */
describe.skipIf(skipReason !== null).each(DIALECTS)('browser journey: SupportCenter to a new administration password (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let mail: MailServers;
  let customerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let staffBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync('/tmp/hd-support-e2e-');
    chmodSync(dir, 0o777);
    mkdirSync(SHOTS, { recursive: true });
    let sqliteFile: string | undefined;
    if (dialect === 'sqlite') {
      sqliteFile = join(dir, 'e2e.db');
      writeFileSync(sqliteFile, '', { mode: 0o666 });
      chmodSync(sqliteFile, 0o666);
    }
    database = await createTestDatabase(dialect, { sqliteFile });
    await database.handle.close(); // the server, the CLI and the mail servers open it themselves
    if (sqliteFile) shareSqliteFile(sqliteFile);
    mail = await startMailServers(database.url);
    server = await startServer({
      DATABASE_URL: database.url,
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
      SECRET_KEY: 'e2e-secret-key-e2e-secret-key-0123456789',
      STAFF_2FA_REQUIRED: 'false',
      MAIL_IMAP_HOST: '127.0.0.1',
      MAIL_IMAP_PORT: String(mail.ports.imap),
      // The generated Dovecot config has the auth cache on: the server flushes it with every change.
      DOVEADM_URLS: mail.doveadmUrl,
      DOVEADM_API_KEY: DOVEADM_TEST_KEY,
    });
    if (sqliteFile) shareSqliteFile(sqliteFile);
    customerBrowser = await launchBrowser();
    staffBrowser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await customerBrowser?.close();
    await staffBrowser?.close();
    await server?.stop();
    await mail?.stop();
    if (dialect === 'postgres') await dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  });

  const imap = (user: string, password: string) => imapOk(mail.ports.imap, user, password);

  it('gets the customer a new administration password that Dovecot accepts, shown exactly once', async () => {
    const domain = `support-journey-${dialect}.de`;
    const ordered = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', domain, '--email', `anna@${domain}`, '--json'], database.url);
    expect(ordered.code, ordered.stderr).toBe(0);
    const order = JSON.parse(ordered.stdout);
    const account = order.mailAccount.name as string;
    expect(account).toBe(`${order.contractNumber}.001`);
    expect(await imap(account, order.mailAccount.password), mail.logs()).toBe(true);

    // The customer: login, Stammdaten bestätigen, then "SupportCenter" at the top.
    const page = await customerBrowser.context.newPage();
    await loginInBrowser(page, server.url, { form: 'customer', login: order.customerNumber, password: order.customerPassword, masterData: 'confirm' });

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'SupportCenter' }).click();
    await page.waitForURL('**/support');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('SupportCenter');
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-support-home.png`, fullPage: true });

    await page.getByRole('link', { name: 'Neues Ticket erstellen' }).click();
    await page.waitForURL('**/support/tickets/new');
    await page.getByLabel('Kategorie').selectOption({ label: 'Neues Passwort für die E-Mail-Administration' });
    await page.getByLabel('Betrifft (optional)').selectOption(`contract:${order.contractNumber}`);
    await page.getByLabel('Betreff').pressSequentially('Passwort der E-Mail-Administration vergessen', { delay: 5 });
    await page.getByLabel('Ihre Nachricht').fill('Guten Tag, ich kenne das Administrationspasswort nicht mehr. Bitte setzen Sie ein neues.');
    // FAQ suggestions while typing, from the help center (progressive enhancement).
    await expect.poll(async () => page.locator('#faq-suggestions li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-support-new-ticket.png`, fullPage: true });
    await page.getByRole('button', { name: 'Ticket absenden' }).click();
    await page.waitForURL(/\/support\/tickets\/\d{6}-\d{4}-\d$/);
    const number = page.url().split('/').pop()!;
    expect(await page.getByText('Ihr Ticket wurde angelegt.').count()).toBe(1);
    expect(await page.getByText('authentifiziert', { exact: true }).count()).toBe(1);

    // Staff: the queue, the ticket with the customer at a glance, one audited action.
    const staff = await staffBrowser.context.newPage();
    await loginInBrowser(staff, server.url, { form: 'staff', login: 'admin', password: 'Demo-Admin-2026!' });
    await staff.waitForURL('**/staff');
    await staff.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Tickets' }).click();
    await staff.waitForURL('**/staff/tickets');
    await staff.screenshot({ path: `${SHOTS}/${dialect}-de-staff-queue.png`, fullPage: true });
    await staff.getByRole('link', { name: number }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText(account).count()).toBeGreaterThan(0);
    await staff.getByRole('link', { name: 'Neues Administrationspasswort setzen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+\/actions\/admin-password$/);
    await staff.getByRole('button', { name: 'Ja, neues Passwort setzen' }).click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    expect(await staff.getByText('Das neue Administrationspasswort ist gesetzt.').count()).toBe(1);
    expect(await staff.locator('.secret-value').count()).toBe(0); // staff never see it
    await staff.screenshot({ path: `${SHOTS}/${dialect}-de-staff-ticket.png`, fullPage: true });
    expect(await imap(account, order.mailAccount.password)).toBe(false);

    // The customer reveals it once.
    await page.reload();
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-support-ticket-ready.png`, fullPage: true });
    await page.getByRole('button', { name: 'Passwort jetzt anzeigen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihr neues Administrationspasswort');
    const password = (await page.locator('.secret-value').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-support-reveal.png`, fullPage: true });
    await page.getByRole('link', { name: 'Zurück zum Ticket' }).click();
    await page.waitForURL(`**/support/tickets/${number}`);
    expect(await page.getByRole('button', { name: 'Passwort jetzt anzeigen' }).count()).toBe(0);
    expect(await page.content()).not.toContain(password);
    await page.screenshot({ path: `${SHOTS}/${dialect}-de-support-ticket-revealed.png`, fullPage: true });
    await page.getByRole('button', { name: 'Sprache wechseln' }).click();
    await page.waitForURL(`**/support/tickets/${number}`);
    expect(await page.getByRole('heading', { level: 2, name: 'New administration password' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${dialect}-en-support-ticket-revealed.png`, fullPage: true });

    // Dovecot: the new password works at once, the old one does not.
    expect(await imap(account, password), mail.logs()).toBe(true);
    expect(await imap(account, order.mailAccount.password)).toBe(false);

    await staff.reload();
    expect(await staff.content()).not.toContain(password);
    await staff.screenshot({ path: `${SHOTS}/${dialect}-de-staff-ticket-revealed.png`, fullPage: true });
    await page.close();
    await staff.close();
  });
});

async function dropDatabase(database: TestDatabase) {
  const pg = (await import('pg')).default;
  const name = new URL(database.url).pathname.slice(1);
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}
