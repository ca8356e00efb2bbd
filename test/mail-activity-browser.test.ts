import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';
import { launchBrowser, loginInBrowser } from './support/browser.ts';
import { createMailAccount } from '../src/features/mail/mail-admin.service.ts';

const SHOTS = 'test-results/screenshots';
const SECRET = 'browser-policy-secret-0123456789-abcdefgh';
const PASSWORD = 'Tannenbaum-Laterne-Regen-91';

/**
 * The mailbox page of the E-Mail-Administration with reported activity, in Chromium, German and
 * English, at phone and desktop width: the lines are there in words and nothing is wider than
 * the screen. Screenshots go to test-results/screenshots/<dialect>-mail-activity-*.png.
 */
describe.each(DIALECTS)('browser: login activity on the mailbox page (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let order: Awaited<ReturnType<typeof orderFor>>;
  let accountName = '';
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await buildTestApp(dialect, { MAIL_POLICY_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '100000' });
    order = await orderFor(t, { tariff: 'mail-s', domains: [uniqueDomain('anzeige')] });
    const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const created = await createMailAccount(t.db, contract.id, { quotaMb: 500, localPart: 'anna', domainId: domain.id, password: { mode: 'set', password: PASSWORD, passwordRepeat: PASSWORD } }, { actor: { kind: 'customer' as const, customerId: contract.customerId }, ip: null }, t.clock.now);
    accountName = created.account.name;
    // What Dovecot would have reported: a question, then the result.
    let seq = 0;
    const send = (command: string, body: object) => t.app.inject({ method: 'POST', url: `/api/mail/dovecot-policy?command=${command}`, headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, payload: body });
    const login = async (remote: string, protocol: string, success: boolean, tls: boolean) => {
      const attrs = { login: `anna@${domain.nameAscii}`, remote, protocol, session: `s${++seq}`, pid: '1', rport: String(seq), tls };
      expect((await send('allow', attrs)).json()).toEqual({ status: 0 });
      await send('report', { ...attrs, success, policy_reject: false });
    };
    await login('203.0.113.7', 'imap', true, true);
    await login('203.0.113.7', 'smtp', true, true);
    for (let i = 0; i < 3; i++) await login('127.0.0.1', 'imap', false, false);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says it in words, German and English, on a phone and a desktop', async () => {
    const page = await browser.context.newPage();
    await loginInBrowser(page, base, { form: 'mailbox', login: order.mailAccount!.name, password: order.mailAccount!.password });
    await page.getByRole('link', { name: accountName }).first().click();
    for (const [lang, heading, success, failure] of [
      ['de', 'Anmeldungen von Mailprogrammen', /IMAP: zuletzt erfolgreich am .+ von 203\.0\.113\.7 \(verschlüsselt\)/, /3 fehlgeschlagene Anmeldungen \(falsches Passwort\) über IMAP von 127\.0\.0\.1, zuletzt am/],
      ['en', 'Logins from mail programs', /IMAP: last successful login on .+ from 203\.0\.113\.7 \(encrypted\)/, /3 failed logins \(wrong password\) over IMAP from 127\.0\.0\.1, last on/],
    ] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'Sprache wechseln' }).click();
      const section = page.getByRole('region', { name: heading });
      await expect.poll(() => section.innerText()).toMatch(success);
      expect(await section.innerText()).toMatch(failure);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${lang} at ${width} px`).toBe(0);
        await page.screenshot({ path: `${SHOTS}/${dialect}-mail-activity-${lang}-${width}.png`, fullPage: true });
      }
    }
    await page.close();
  });
});
