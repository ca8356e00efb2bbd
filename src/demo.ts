import type { DbHandle } from './platform/db/index.ts';
import { hashMailPassword, hashPassword } from './platform/crypto.ts';
import { createPanelServer, createTariff } from './features/contracts/index.ts';
import { placeFirstOrder } from './features/orders/index.ts';
import { flagDemoPanelServers } from './features/panel/index.ts';
import { seedHelp } from './features/help/index.ts';

/** Fixed demo passwords, printed at start and listed in the README; never used outside the demo. */
export const DEMO_LOGINS = {
  customerPassword: 'Demo-Kunde-2026!',
  mailPassword: 'Demo-Postfach-2026!',
  staffLogin: 'admin',
  staffPassword: 'Demo-Admin-2026!',
  agentLogin: 'agent',
  agentPassword: 'Demo-Agent-2026!',
};

export async function isEmpty(handle: DbHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('tariffs').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** The tariffs and Plesk servers every installation starts with; demo customers come on top. */
export async function seedCatalog(handle: DbHandle, now = new Date()) {
  const { db } = handle;
  const plesk9 = await createPanelServer(db, { name: 'plesk9.hostdesk.test', url: 'https://plesk9.hostdesk.test:8443', version: '9.5' }, now);
  const plesk10 = await createPanelServer(db, { name: 'plesk10.hostdesk.test', url: 'https://plesk10.hostdesk.test:8443', version: '10.4' }, now);
  // Answered by the built-in Plesk simulator when the demo runs (docs/plesk.md).
  await flagDemoPanelServers(db, [plesk9.id, plesk10.id]);
  await createTariff(db, { code: 'mail-s', name: 'Mail S', panel: 'mailadmin', pleskVersion: null, mailAccountLimit: 10, mailQuotaMb: 2048 }, now);
  await createTariff(db, { code: 'mail-l', name: 'Mail L', panel: 'mailadmin', pleskVersion: null, mailAccountLimit: 50, mailQuotaMb: 10240 }, now);
  await createTariff(db, { code: 'web-classic', name: 'Webhosting Classic', panel: 'plesk', pleskVersion: '9.5', mailAccountLimit: 25, mailQuotaMb: 1024 }, now);
  await createTariff(db, { code: 'web-plus', name: 'Webhosting Plus', panel: 'plesk', pleskVersion: '10.4', mailAccountLimit: 100, mailQuotaMb: 5120 }, now);
  await seedHelp(handle, now);
}

/**
 * Demo data: the catalog, two customers (one whose master data still needs confirming), and
 * staff. Orders go through the real order service; then the demo passwords replace the
 * generated ones so the README can name them.
 */
export async function seedDemo(handle: DbHandle, now = new Date()) {
  const { db } = handle;
  await seedCatalog(handle, now);
  const by = { channel: 'cli' as const, actor: 'system' };

  const erika = await placeFirstOrder(db, handle.dialect, { tariff: 'mail-s', domains: ['mustermann-beispiel.de'], email: 'erika@mustermann-beispiel.de' }, by, now);
  await placeFirstOrder(db, handle.dialect, { tariff: 'web-plus', domains: ['erika-blog.de'], email: 'erika@mustermann-beispiel.de', customerNumber: erika.customerNumber }, by, now);
  const max = await placeFirstOrder(db, handle.dialect, { tariff: 'web-classic', domains: ['bäckerei-müller.de', 'baeckerei-mueller.de'], email: 'max@baeckerei-mueller.de' }, by, now);
  const maxMail = await placeFirstOrder(db, handle.dialect, { tariff: 'mail-l', domains: ['müller-brot.de'], email: 'max@baeckerei-mueller.de', customerNumber: max.customerNumber }, by, now);

  const customerHash = await hashPassword(DEMO_LOGINS.customerPassword);
  const mailHash = await hashMailPassword(DEMO_LOGINS.mailPassword);
  await db
    .updateTable('customers')
    .set({ passwordHash: customerHash, salutation: 'ms', firstName: 'Erika', lastName: 'Mustermann', street: 'Heidestraße 17', postcode: '51147', city: 'Köln', country: 'DE', phone: '+49 221 123456' })
    .where('customerNumber', '=', erika.customerNumber)
    .execute();
  await db
    .updateTable('customers')
    .set({
      passwordHash: customerHash,
      salutation: 'mr',
      firstName: 'Max',
      lastName: 'Müller',
      company: 'Bäckerei Müller GmbH',
      street: 'Hauptstraße 5',
      postcode: '80331',
      city: 'München',
      country: 'DE',
      phone: '+49 89 987654',
      confirmedAt: now.toISOString(),
    })
    .where('customerNumber', '=', max.customerNumber)
    .execute();
  await db.updateTable('mailAccounts').set({ passwordHash: mailHash }).where('name', 'in', [erika.mailAccount!.name, maxMail.mailAccount!.name]).execute();

  const at = now.toISOString();
  await db
    .insertInto('staffUsers')
    .values([
      { login: DEMO_LOGINS.staffLogin, name: 'Demo Admin', passwordHash: await hashPassword(DEMO_LOGINS.staffPassword), role: 'admin', language: 'de', createdAt: at, disabledAt: null },
      { login: DEMO_LOGINS.agentLogin, name: 'Demo Agent', passwordHash: await hashPassword(DEMO_LOGINS.agentPassword), role: 'agent', language: 'de', createdAt: at, disabledAt: null },
    ])
    .execute();

  return {
    customers: [
      { customerNumber: erika.customerNumber, email: 'erika@mustermann-beispiel.de', note: 'Mail S + Webhosting Plus (Plesk 10.4), Stammdaten not yet confirmed' },
      { customerNumber: max.customerNumber, email: 'max@baeckerei-mueller.de', note: 'Webhosting Classic (Plesk 9.5) + Mail L' },
    ],
    mailAccounts: [erika.mailAccount!.name, maxMail.mailAccount!.name],
  };
}

export function demoBanner(seed: Awaited<ReturnType<typeof seedDemo>>, url: string): string {
  const lines = [
    '',
    `Hostdesk demo is ready at ${url}`,
    '',
    'Customer area (password for both: ' + DEMO_LOGINS.customerPassword + '):',
    ...seed.customers.map((c) => `  ${c.customerNumber}  or  ${c.email}   – ${c.note}`),
    '',
    `Mail accounts ${seed.mailAccounts.join(', ')} (E-Mail Administration): ${DEMO_LOGINS.mailPassword}`,
    `Staff back office ${url}/staff/login:  ${DEMO_LOGINS.staffLogin} / ${DEMO_LOGINS.staffPassword}   (agent: ${DEMO_LOGINS.agentLogin} / ${DEMO_LOGINS.agentPassword})`,
    '  Staff set up two-factor login at their first login (any authenticator app; the page also shows the key).',
    '',
  ];
  return lines.join('\n');
}
