import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile and no background networking. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  const profile = mkdtempSync(join(tmpdir(), 'hostdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'de-DE',
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The German login forms: where each is, what its login field is called, where it posts to. */
const LOGIN_FORMS = {
  customer: { path: '/login', field: 'Kundennummer oder E-Mail-Adresse', posts: '/login' },
  mailbox: { path: '/mail-admin', field: 'Postfach oder E-Mail-Adresse', posts: '/mail-admin/login' },
  staff: { path: '/staff/login', field: 'Benutzername', posts: '/staff/login' },
} as const;

export interface BrowserLogin {
  /** The customer area's, the E-Mail-Administration's or the back office's login form. */
  form: keyof typeof LOGIN_FORMS;
  login: string;
  password: string;
  /**
   * Customers: the Stammdaten page a new customer meets first, confirmed with `confirmMasterDataInBrowser`'s
   * data; `'confirm'`: that page must come, `'if-asked'`: only if it comes. Left out: the page stays where the login led.
   */
  masterData?: 'confirm' | 'if-asked';
}

/** Logs in through the login form in German and waits until the login has led away from it. */
export async function loginInBrowser(page: Page, base: string, who: BrowserLogin): Promise<void> {
  const form = LOGIN_FORMS[who.form];
  await page.goto(`${base}${form.path}`);
  await page.getByLabel(form.field).fill(who.login);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  if (who.masterData === 'confirm') await page.waitForURL('**/stammdaten');
  else await page.waitForURL((url) => url.pathname !== form.path && url.pathname !== form.posts);
  if (who.masterData && new URL(page.url()).pathname === '/stammdaten') await confirmMasterDataInBrowser(page);
}

/** Fills the Stammdaten page in German (the fields a new customer lacks) and confirms it. */
export async function confirmMasterDataInBrowser(page: Page): Promise<void> {
  await fillMasterDataInBrowser(page);
  await page.getByRole('button', { name: 'Daten bestätigen' }).click();
  await page.waitForURL((url) => url.pathname !== '/stammdaten');
}

/** Fills the fields of the Stammdaten page that a new customer lacks, with a name that is not ASCII. */
export async function fillMasterDataInBrowser(page: Page): Promise<void> {
  await page.getByLabel('Anrede').selectOption('ms');
  await page.getByLabel('Vorname').fill('Anna');
  await page.getByLabel('Nachname').fill('Größmann');
  await page.getByLabel('Straße und Hausnummer').fill('Am Markt 1');
  await page.getByLabel('Postleitzahl').fill('20095');
  await page.getByLabel('Ort').fill('Hamburg');
}
