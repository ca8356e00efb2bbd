import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DIALECTS, PG_ADMIN_URL, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { runHostdesk } from '../support/cli.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser, loginInBrowser } from '../support/browser.ts';

const SHOTS = 'test-results/screenshots';

/**
 * The reproduction of the penetration test, in two real browsers against `hostdesk serve`:
 * browser A is logged into the E-Mail-Administration with the old `.001` password; in browser B
 * the customer sets a new one in self-service; A's next action (a forwarder to an outside
 * address) ends on the login page, and nothing was added.
 */
describe.each(DIALECTS)('browser journey: a new .001 password ends the old E-Mail-Administration session (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let server: RunningServer;
  let browserA: Awaited<ReturnType<typeof launchBrowser>>;
  let browserB: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-e2e-generations-'));
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase(dialect, { sqliteFile: join(dir, 'e2e.db') });
    await database.handle.close(); // the server and the CLI open it themselves
    server = await startServer({ DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox'), SECRET_KEY: 'e2e-secret-key-e2e-secret-key-0123456789' });
    browserA = await launchBrowser();
    browserB = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browserA?.close();
    await browserB?.close();
    await server?.stop();
    if (dialect === 'postgres' && database) {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${new URL(database.url).pathname.slice(1)} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends browser A to the login page on its next action, and the forwarder is not added', async () => {
    const domain = `generations-${dialect}.de`;
    const ordered = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', domain, '--email', `anna@${domain}`, '--json'], database.url);
    expect(ordered.code, ordered.stderr).toBe(0);
    const order = JSON.parse(ordered.stdout);
    const admin = `${server.url}/mail-admin/${order.contractNumber}`;

    // Browser A: the E-Mail-Administration with the old .001 password.
    const a = await browserA.context.newPage();
    await loginInBrowser(a, server.url, { form: 'mailbox', login: order.mailAccount.name, password: order.mailAccount.password });
    await a.waitForURL(admin);
    const forwarder = a.locator('form[action$="/forwarders"]');
    await forwarder.locator('[name=localPart]').fill('abfluss');
    await forwarder.locator('[name=targets]').fill('fremd@example.org');

    // Browser B: the customer sets a new administration password in self-service.
    const b = await browserB.context.newPage();
    await loginInBrowser(b, server.url, { form: 'customer', login: order.customerNumber, password: order.customerPassword, masterData: 'confirm' });
    await b.goto(`${server.url}/support/admin-password`);
    await b.getByLabel('Ihr Passwort für den Kundenservicebereich').fill(order.customerPassword);
    await b.getByRole('button', { name: 'Neues Passwort erzeugen' }).click();
    expect(await b.locator('.secret-value').count()).toBe(1);

    // Browser A's next action: the login page, with the reason, and no forwarder.
    await forwarder.getByRole('button', { name: 'Weiterleitung anlegen' }).click();
    await a.waitForURL(`${server.url}/mail-admin`);
    expect(await a.getByRole('heading', { level: 1 }).textContent()).toBe('E-Mail-Administration');
    expect(await a.getByRole('status').textContent()).toContain('Sie wurden abgemeldet, weil das Passwort dieses Postfachs geändert wurde.');
    expect(await a.getByLabel('Postfach oder E-Mail-Adresse').count()).toBe(1);
    await a.screenshot({ path: `${SHOTS}/${dialect}-de-mail-admin-session-ended.png`, fullPage: true });
    await a.goto(admin);
    await a.waitForURL(`${server.url}/mail-admin?next=**`);

    // The owner sees no forwarder, and the ended session in words on the .001 account page.
    await b.goto(admin);
    expect(await b.content()).not.toContain('fremd@example.org');
    expect(await b.content()).not.toContain('abfluss@');
    await b.getByRole('link', { name: `Postfach ${order.mailAccount.name} verwalten` }).click();
    await b.waitForURL(`${admin}/accounts/*`);
    const note = b.locator('#sicherheit');
    expect(await note.textContent()).toContain('Andere Sitzungen wurden beendet (1), weil das Passwort geändert wurde');
    await b.screenshot({ path: `${SHOTS}/${dialect}-de-mail-admin-security-note.png`, fullPage: true });
  });
});
