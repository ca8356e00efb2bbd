import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { confirmMasterDataInBrowser, launchBrowser } from './support/browser.ts';
import { totpCode } from '../src/features/accounts/totp.ts';

const SHOTS = 'test-results/screenshots';

/**
 * public/ui.js in Chromium under the app's real CSP: "Kopieren" puts a shown mailbox password on
 * the clipboard and says so, "Anzeigen" shows a typed password, the backup codes download as a
 * text file made in the browser; the host's footer links and colour are on the page. Screenshots
 * of the secret page, German and English, at 390 and 1280 px: <dialect>-secret-*.png.
 */
describe.each(DIALECTS)('browser: copy, show/hide and download of secrets (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await buildTestApp(dialect, {
      RATE_LIMIT_PER_MINUTE: '100000',
      HOST_NAME: 'Beispiel Hosting',
      HOST_PRIMARY_COLOR: '#8a2be2',
      IMPRINT_URL: 'https://www.beispiel.test/impressum',
      PRIVACY_URL: 'https://www.beispiel.test/datenschutz',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('copies a new mailbox password, shows a typed password, and downloads the backup codes', { timeout: 120_000 }, async () => {
    const order = await orderFor(t, { tariff: 'mail-s' });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });

    // Show/hide on the login form, before any login.
    await page.goto(`${base}/login`);
    const password = page.getByLabel('Passwort', { exact: true });
    await password.fill(order.customerPassword!);
    expect(await password.getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    expect(await password.getAttribute('type')).toBe('text');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'login at 390 px').toBe(0);
    await page.screenshot({ path: `${SHOTS}/${dialect}-password-shown-de-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Verbergen' }).click();
    expect(await password.getAttribute('type')).toBe('password');
    await page.getByLabel('Kundennummer oder E-Mail-Adresse').fill(order.customerNumber);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    if (new URL(page.url()).pathname === '/stammdaten') await confirmMasterDataInBrowser(page);

    for (const lang of ['de', 'en'] as const) {
      await page.goto(`${base}/mail-admin/${order.contractNumber}`);
      if (lang === 'en') {
        await page.getByRole('button', { name: 'Sprache wechseln' }).click();
        await page.waitForURL(`${base}/mail-admin/${order.contractNumber}`);
      }
      await page.getByRole('button', { name: lang === 'de' ? 'Postfach anlegen' : 'Create mailbox' }).click();
      const shown = (await page.locator('#secret-mail-password code').innerText()).trim();
      expect(shown.length).toBeGreaterThan(11);
      await page.getByRole('button', { name: lang === 'de' ? 'Kopieren' : 'Copy' }).click();
      await expect.poll(() => page.locator('#secret-mail-password-status').innerText()).toBe(lang === 'de' ? 'Kopiert' : 'Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
      // The footer carries the host's links in the page's language.
      await expect.poll(() => page.getByRole('link', { name: lang === 'de' ? 'Impressum' : 'Imprint' }).getAttribute('href')).toBe('https://www.beispiel.test/impressum');
      expect(await page.getByRole('link', { name: lang === 'de' ? 'Datenschutzerklärung' : 'Privacy policy' }).getAttribute('href')).toBe('https://www.beispiel.test/datenschutz');
      // The host's colour from /branding.css reached the primary button.
      expect(await page.locator('a.button.primary').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(138, 43, 226)');
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${lang} at ${width} px`).toBe(0);
        await page.screenshot({ path: `${SHOTS}/${dialect}-secret-${lang}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // Backup codes: a .txt made in the browser (no server route could hand them out again).
    await page.getByRole('button', { name: 'Change language' }).click();
    await page.goto(`${base}/sicherheit`);
    await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
    const secret = await page.locator('#secret-totp-key code').getAttribute('data-secret');
    await page.getByRole('button', { name: 'Kopieren' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByLabel('Sechsstelliger Code aus der App').fill(totpCode(secret!, t.clock.now));
    await page.getByRole('button', { name: 'Einrichtung bestätigen' }).click();
    const codes = (await page.locator('.backup-codes code').allInnerTexts()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    expect(await page.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'backup codes at 390 px').toBe(0);
    await page.screenshot({ path: `${SHOTS}/${dialect}-backup-codes-de-390.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als Textdatei herunterladen' }).click()]);
    expect(download.suggestedFilename()).toBe('notfallcodes.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(`${codes.join('\n')}\n`);
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await page.close();
  });
});
