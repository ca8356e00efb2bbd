import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { runHostdesk } from './support/cli.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, loginInBrowser } from './support/browser.ts';
import { startDnsmasq, type RunningDns } from './support/dnsmasq.ts';

const SHOTS = 'test-results/screenshots';
const DOMAIN = 'gärtnerei-schön.de';
const ASCII = domainToASCII(DOMAIN);
const KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** A zone with a bit of everything: right (MX, DKIM, autoconfig, IMAP), wrong (SPF, submission), missing (the rest). */
const ZONE = [
  '--local=/de/',
  '--local=/example.net/',
  '--host-record=kundencenter.example.net,198.51.100.10',
  '--host-record=mail.example.net,192.0.2.25',
  '--host-record=mx1.example.net,192.0.2.10',
  '--txt-record=_spf.example.net,v=spf1 ip4:192.0.2.0/27 -all',
  `--mx-host=${ASCII},mx1.example.net,10`,
  `--txt-record=${ASCII},v=spf1 mx a:shop.${ASCII} ~all`,
  `--host-record=shop.${ASCII},203.0.113.80`,
  `--txt-record=hd1._domainkey.${ASCII},v=DKIM1; k=rsa; p=${KEY}`,
  `--cname=autoconfig.${ASCII},kundencenter.example.net`,
  `--srv-host=_imaps._tcp.${ASCII},mail.example.net,993,0,1`,
  `--srv-host=_submission._tcp.${ASCII},smtp.alter-anbieter.de,587,0,1`,
];

/**
 * The DNS check in a real browser against `hostdesk serve` and dnsmasq: reached from the domain's
 * row in Domainverwaltung by its link, "Neu prüfen", German and English, desktop and phone width.
 */
describe('browser: DNS check of a mail domain (sqlite)', () => {
  let dir: string;
  let database: TestDatabase;
  let dns: RunningDns;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostdesk-dns-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    dns = await startDnsmasq(ZONE, { probe: 'kundencenter.example.net' });
    database = await createTestDatabase('sqlite', { sqliteFile: join(dir, 'dns.db') });
    await database.handle.close();
    server = await startServer({
      DATABASE_URL: database.url,
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
      DNS_SERVERS: dns.servers,
      MAIL_MX_HOSTS: 'mx1.example.net',
      MAIL_OUTBOUND_IPS: '192.0.2.25',
      MAIL_SPF_INCLUDE: '_spf.example.net',
      MAIL_DKIM_KEYS: `hd1:${KEY}`,
      MAIL_AUTOCONFIG_HOST: 'kundencenter.example.net',
      MAIL_IMAP_HOST: 'mail.example.net',
      MAIL_POP3_HOST: 'mail.example.net',
      MAIL_SMTP_HOST: 'mail.example.net',
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await dns?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const stateOf = (page: Page, item: string) => page.getByRole('row').filter({ hasText: item }).locator('.dns-state').textContent();

  it('shows what is right, wrong and missing, with the records to set, in German and English, on desktop and phone', async () => {
    const res = await runHostdesk(['order', '--tariff', 'mail-s', '--domain', DOMAIN, '--email', `info@${ASCII}`, '--json'], database.url);
    expect(res.code).toBe(0);
    const customer = JSON.parse(res.stdout) as { customerNumber: string; customerPassword: string };
    const page = await browser.context.newPage();
    await loginInBrowser(page, server.url, { form: 'customer', login: customer.customerNumber, password: customer.customerPassword, masterData: 'confirm' });

    await page.getByRole('row').filter({ hasText: DOMAIN }).getByRole('link', { name: 'DNS prüfen' }).click();
    await page.waitForURL(`**/domains/${ASCII}/dns`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`DNS-Prüfung für ${DOMAIN}`);
    expect(await stateOf(page, 'MX (eingehende E-Mail)')).toBe('In Ordnung');
    expect(await stateOf(page, 'SPF (wer für die Domain senden darf)')).toBe('Falsch');
    expect(await stateOf(page, 'DMARC (Richtlinie und Berichte)')).toBe('Fehlt');
    expect(await stateOf(page, 'DKIM-Schlüssel „hd1“')).toBe('In Ordnung');
    expect(await stateOf(page, 'SRV _submission._tcp')).toBe('Falsch');
    expect(await stateOf(page, 'MTA-STS')).toBe('Nicht veröffentlicht');
    expect(await page.getByText(`v=spf1 include:_spf.example.net mx a:shop.${ASCII} ~all`, { exact: true }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/sqlite-de-dns-check.png`, fullPage: true });

    await page.getByRole('button', { name: 'Neu prüfen' }).click();
    await page.getByText('Die Domain wurde eben neu geprüft.').waitFor();
    expect(await page.getByText('Das Ergebnis ist zwischengespeichert').count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/sqlite-de-dns-check-mobile.png`, fullPage: true });

    // On a phone the language switch sits in the folded header menu.
    await page.getByText('Menü', { exact: true }).click();
    await page.getByRole('button', { name: 'Sprache wechseln' }).click();
    await page.waitForURL(`**/domains/${ASCII}/dns`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`DNS check for ${DOMAIN}`);
    expect(await stateOf(page, 'DMARC (policy and reports)')).toBe('Missing');
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/sqlite-en-dns-check-mobile.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/sqlite-en-dns-check.png`, fullPage: true });
    await page.close();
  });
});
