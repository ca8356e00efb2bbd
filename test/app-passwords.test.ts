import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor } from './support/factories.ts';
import { createMailAccount } from '../src/features/mail/mail-admin.service.ts';
import { verifyPassword } from '../src/platform/crypto.ts';

const PASSWORD = 'Kaffeetasse-Wolkenkratzer-93';
const APP_PASSWORD = /\b([a-km-np-z2-9]{4}(?:-[a-km-np-z2-9]{4}){4})\b/;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe.each(DIALECTS)('app passwords in the E-Mail-Administration and the mailbox page (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  /** A contract's owner in the customer area, a second mailbox, and its own login. */
  async function setup() {
    const order = await orderFor(t);
    const owner = new Client(t.app);
    await owner.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const contract = await t.db.selectFrom('contracts').select(['id', 'customerId']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const domain = await t.db.selectFrom('domains').select(['id', 'nameAscii']).where('contractId', '=', contract.id).executeTakeFirstOrThrow();
    const created = await createMailAccount(
      t.db,
      contract.id,
      { quotaMb: 100, localPart: 'anna', domainId: domain.id, password: { mode: 'set', password: PASSWORD, passwordRepeat: PASSWORD } },
      { actor: { kind: 'customer', customerId: contract.customerId }, ip: null },
      t.clock.now,
    );
    const accountUrl = `/mail-admin/${order.contractNumber}/accounts/${created.account.id}`;
    await owner.get(`/mail-admin/${order.contractNumber}`);
    await owner.get(accountUrl);
    return { order, owner, accountId: created.account.id, accountName: created.account.name, address: `anna@${domain.nameAscii}`, accountUrl };
  }

  const appPasswordsOf = (accountId: number) => t.db.selectFrom('mailAppPasswords').selectAll().where('accountId', '=', accountId).execute();
  const auditOf = (event: string) => t.db.selectFrom('auditEvents').selectAll().where('event', '=', event).execute();

  it('creates one for the chosen protocols: the secret shown once with a copy button, only its argon2id hash stored, audited', async () => {
    const { owner, accountId, accountName, address, accountUrl } = await setup();
    const res = await owner.post(`${accountUrl}/app-passwords`, { name: '  Thunderbird   Büro ', imap: '1', validUntil: '' });
    expect(res.statusCode).toBe(200);
    const secret = APP_PASSWORD.exec(res.body)?.[1];
    expect(secret).toBeDefined();
    expect(text(res.body)).toContain('App-Passwort „Thunderbird Büro“');
    expect(text(res.body)).toContain(`${address} oder ${accountName}`);
    expect(res.body).toContain('data-copy'); // the <Secret> copy button
    const [stored] = await appPasswordsOf(accountId);
    expect(stored).toMatchObject({ name: 'Thunderbird Büro', imap: 1, pop3: 0, smtp: 0, expiresAt: null, publicId: secret!.slice(0, 4) });
    expect(stored!.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
    expect(stored!.passwordHash).not.toContain(secret!);
    expect(await verifyPassword(stored!.passwordHash, secret!)).toBe(true);
    const [audit] = (await auditOf('mail.app_password_created')).filter((a) => a.subject === `mail-account:${accountName}`);
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain(secret!);

    // The page lists it by name and protocol, never its secret again.
    const page = await owner.get(accountUrl);
    expect(text(page.body)).toMatch(/Thunderbird Büro IMAP .* bis zum Widerruf noch nie/);
    expect(page.body).not.toContain(secret!);
  });

  it('refuses bad input with a message per field and writes nothing', async () => {
    const { owner, accountId, accountUrl } = await setup();
    const cases: [Record<string, string>, string][] = [
      [{ name: '', imap: '1' }, 'Bitte geben Sie dem App-Passwort einen Namen.'],
      [{ name: 'x'.repeat(61), imap: '1' }, 'höchstens 60 Zeichen'],
      [{ name: 'Tab\u0007', imap: '1' }, 'keine Steuerzeichen'],
      [{ name: 'Handy' }, 'Bitte wählen Sie mindestens ein Protokoll.'],
      [{ name: 'Handy', imap: '1', validUntil: '2026-02-30' }, 'Bitte geben Sie ein gültiges Datum an.'],
      [{ name: 'Handy', imap: '1', validUntil: '01.12.2030' }, 'Bitte geben Sie ein gültiges Datum an.'],
      [{ name: 'Handy', imap: '1', validUntil: '2000-01-01' }, 'Das Datum liegt in der Vergangenheit.'],
      [{ name: 'Handy', imap: '1', validUntil: '2099-01-01' }, 'Höchstens fünf Jahre im Voraus.'],
    ];
    for (const [form, message] of cases) {
      const res = await owner.post(`${accountUrl}/app-passwords`, form);
      expect(res.statusCode, JSON.stringify(form)).toBe(422);
      expect(text(res.body)).toContain(message);
    }
    // Both errors at once.
    const both = text((await owner.post(`${accountUrl}/app-passwords`, { name: '' })).body);
    expect(both).toContain('Bitte geben Sie dem App-Passwort einen Namen.');
    expect(both).toContain('Bitte wählen Sie mindestens ein Protokoll.');
    expect(await appPasswordsOf(accountId)).toEqual([]);
  });

  it('takes a last day and says until when; refuses more than 20', async () => {
    const { owner, accountId, accountUrl } = await setup();
    const day = new Date(t.clock.now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await owner.post(`${accountUrl}/app-passwords`, { name: 'Urlaub', pop3: '1', smtp: '1', validUntil: day })).statusCode).toBe(200);
    const [stored] = await appPasswordsOf(accountId);
    // Through that whole day in Berlin time: it ends at the next midnight there (22:00 or 23:00 UTC).
    expect([`${day}T22:00:00.000Z`, `${day}T23:00:00.000Z`]).toContain(stored!.expiresAt);
    const shown = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(`${day}T12:00:00Z`));
    expect(text((await owner.get(accountUrl)).body)).toContain(`Urlaub POP3, SMTP`);
    expect(text((await owner.get(accountUrl)).body)).toContain(`bis einschließlich ${shown}`);
    for (let i = 1; i < 20; i++) await owner.post(`${accountUrl}/app-passwords`, { name: `Gerät ${i}`, imap: '1' });
    await owner.get(accountUrl);
    const refused = await owner.post(`${accountUrl}/app-passwords`, { name: 'Eins zu viel', imap: '1' });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('höchstens 20 App-Passwörter');
    expect(await appPasswordsOf(accountId)).toHaveLength(20);
  });

  it('revokes one: gone, audited, the mailbox user logged out of the web (Dovecot: app-passwords-dovecot.test.ts)', async () => {
    const { owner, accountId, accountName, accountUrl } = await setup();
    await owner.post(`${accountUrl}/app-passwords`, { name: 'Altes Handy', imap: '1' });
    const [stored] = await appPasswordsOf(accountId);
    // The mailbox user is logged in on their own page meanwhile.
    const user = new Client(t.app);
    await user.get('/mail-admin');
    expect((await user.post('/mail-admin/login', { login: accountName, password: PASSWORD })).statusCode).toBe(303);
    expect((await user.get('/mail-admin/postfach')).statusCode).toBe(200);

    await owner.get(accountUrl);
    const res = await owner.post(`${accountUrl}/app-passwords/${stored!.id}/revoke`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${accountUrl}#app-passwoerter`);
    expect(text((await owner.get(accountUrl)).body)).toContain('Das App-Passwort „Altes Handy“ ist widerrufen.');
    expect(await appPasswordsOf(accountId)).toEqual([]);
    expect((await auditOf('mail.app_password_revoked')).some((a) => a.subject === `mail-account:${accountName}`)).toBe(true);
    expect((await user.get('/mail-admin/postfach')).statusCode).toBe(303);
    // Again: it is gone.
    await owner.get(accountUrl);
    expect((await owner.post(`${accountUrl}/app-passwords/${stored!.id}/revoke`, {})).statusCode).toBe(404);
  });

  it("never reaches another contract's mailbox, and every form needs its CSRF token", async () => {
    const a = await setup();
    const b = await setup();
    await a.owner.post(`${a.accountUrl}/app-passwords`, { name: 'Mein Laptop', imap: '1' });
    const [own] = await appPasswordsOf(a.accountId);
    // B's owner: A's mailbox URL, and A's app password under B's own mailbox.
    await b.owner.get(b.accountUrl);
    expect((await b.owner.post(`${a.accountUrl}/app-passwords`, { name: 'Fremd', imap: '1' })).statusCode).toBe(404);
    expect((await b.owner.post(`${a.accountUrl}/app-passwords/${own!.id}/revoke`, {})).statusCode).toBe(404);
    expect((await b.owner.post(`${b.accountUrl}/app-passwords/${own!.id}/revoke`, {})).statusCode).toBe(404);
    expect((await b.owner.post(`${a.accountUrl}/app-passwords/only`, { on: '1' })).statusCode).toBe(404);
    expect(await appPasswordsOf(a.accountId)).toHaveLength(1);
    expect(await appPasswordsOf(b.accountId)).toEqual([]);
    // Without the token nothing happens.
    await a.owner.get(a.accountUrl);
    expect((await a.owner.post(`${a.accountUrl}/app-passwords`, { name: 'Ohne Token', imap: '1' }, { csrf: false })).statusCode).toBe(403);
    expect((await a.owner.post(`${a.accountUrl}/app-passwords/${own!.id}/revoke`, {}, { csrf: false })).statusCode).toBe(403);
    expect(await appPasswordsOf(a.accountId)).toHaveLength(1);
  });

  it('makes an Apple profile with a new app password for that device (IMAP and SMTP), the secret only in the profile', async () => {
    const { order, owner, accountId } = await setup();
    const zugangsdaten = `/contracts/${order.contractNumber}/zugangsdaten`;
    const page = await owner.get(zugangsdaten);
    expect(text(page.body)).toContain('Profil mit neuem App-Passwort laden');
    const res = await owner.post(`${zugangsdaten}/${accountId}/apple-app-password.mobileconfig`, { device: 'iPhone von Anna' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-apple-aspen-config');
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = /<key>IncomingPassword<\/key>\s*<string>([^<]+)<\/string>/.exec(res.body)?.[1];
    expect(secret).toMatch(APP_PASSWORD);
    expect(res.body).toContain('<key>OutgoingPasswordSameAsIncomingPassword</key>');
    const [stored] = await appPasswordsOf(accountId);
    expect(stored).toMatchObject({ name: 'iPhone von Anna', imap: 1, pop3: 0, smtp: 1 });
    expect(await verifyPassword(stored!.passwordHash, secret!)).toBe(true);
    // A bad name makes no profile and no app password.
    await owner.get(zugangsdaten);
    const refused = await owner.post(`${zugangsdaten}/${accountId}/apple-app-password.mobileconfig`, { device: 'x'.repeat(61) });
    expect(refused.statusCode).toBe(422);
    expect(text(refused.body)).toContain('höchstens 60 Zeichen');
    expect(await appPasswordsOf(accountId)).toHaveLength(1);
  });

  it('the mailbox user manages their own: create, the "app passwords only" switch, revoke', async () => {
    const { accountId, accountName } = await setup();
    const user = new Client(t.app);
    await user.get('/mail-admin');
    await user.post('/mail-admin/login', { login: accountName, password: PASSWORD });
    const page = await user.get('/mail-admin/postfach');
    expect(text(page.body)).toContain('App-Passwörter');
    const created = await user.post('/mail-admin/postfach/app-passwords', { name: 'iPhone', imap: '1', smtp: '1' });
    expect(created.statusCode).toBe(200);
    expect(APP_PASSWORD.test(created.body)).toBe(true);

    await user.get('/mail-admin/postfach');
    expect((await user.post('/mail-admin/postfach/app-passwords/only', { on: '1' })).statusCode).toBe(303);
    const account = await t.db.selectFrom('mailAccounts').select('appPasswordsOnly').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(account.appPasswordsOnly).toBe(1);
    expect(text((await user.get('/mail-admin/postfach')).body)).toContain('IMAP, POP3 und SMTP nehmen nur App-Passwörter an');
    expect((await auditOf('mail.app_passwords_only_on')).some((a) => a.subject === `mail-account:${accountName}`)).toBe(true);
    // The web login keeps the mailbox password.
    const again = new Client(t.app);
    await again.get('/mail-admin');
    expect((await again.post('/mail-admin/login', { login: accountName, password: PASSWORD })).statusCode).toBe(303);

    const [stored] = await appPasswordsOf(accountId);
    await user.get('/mail-admin/postfach');
    const revoked = await user.post(`/mail-admin/postfach/app-passwords/${stored!.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    // Their own login stays (the change was theirs); the other web login of the mailbox ends.
    expect((await user.get('/mail-admin/postfach')).statusCode).toBe(200);
    expect((await again.get('/mail-admin/postfach')).statusCode).toBe(303);
    expect(await appPasswordsOf(accountId)).toEqual([]);
  });
});
