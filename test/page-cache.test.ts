import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, uniqueDomain } from './support/factories.ts';

/**
 * The Domainverwaltung is served from memory while the customer's portfolio version stands
 * (platform/http/page-cache.ts, migration 020): every change of what it shows — made through any
 * path, here straight in the database as another process or the CLI would — must show at once.
 */
describe.each(DIALECTS)('Domainverwaltung rendered once per portfolio version (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(() => t.close());

  async function customerWithPage(tariff = 'mail-s') {
    const order = await orderFor(t, { tariff });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    const first = await client.get('/domains');
    expect(first.statusCode).toBe(200);
    return { order, client };
  }

  const version = async (customerNumber: string) =>
    (await t.db.selectFrom('customers').select('portfolioVersion').where('customerNumber', '=', customerNumber).executeTakeFirstOrThrow()).portfolioVersion;

  it('shows a domain added, renamed and removed behind its back', async () => {
    const { order, client } = await customerWithPage();
    const contract = await t.db.selectFrom('contracts').select('id').where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    const added = uniqueDomain('neu');
    const before = await version(order.customerNumber);
    await t.db.insertInto('domains').values({ contractId: contract.id, nameAscii: added, nameUnicode: added, createdAt: t.clock.now.toISOString() }).execute();
    expect(await version(order.customerNumber)).toBe(before + 1);
    expect((await client.get('/domains')).body).toContain(added);

    const renamed = uniqueDomain('umbenannt');
    await t.db.updateTable('domains').set({ nameAscii: renamed, nameUnicode: renamed }).where('nameAscii', '=', added).execute();
    const page = (await client.get('/domains')).body;
    expect(page).toContain(renamed);
    expect(page).not.toContain(added);

    await t.db.deleteFrom('domains').where('nameAscii', '=', renamed).execute();
    expect((await client.get('/domains')).body).not.toContain(renamed);
  });

  it('shows a changed contract status, tariff name and a contract added', async () => {
    const { order, client } = await customerWithPage();
    await t.db.updateTable('contracts').set({ status: 'cancelled' }).where('contractNumber', '=', order.contractNumber).execute();
    expect((await client.get('/domains')).body).toMatch(/badge-cancelled/);

    const tariff = await t.db.selectFrom('contracts').innerJoin('tariffs', 'tariffs.id', 'contracts.tariffId').select(['tariffs.id', 'tariffs.name']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
    await t.db.updateTable('tariffs').set({ name: `${tariff.name} Neu` }).where('id', '=', tariff.id).execute();
    try {
      expect((await client.get('/domains')).body).toContain(`${tariff.name} Neu`);
    } finally {
      await t.db.updateTable('tariffs').set({ name: tariff.name }).where('id', '=', tariff.id).execute();
    }

    const second = await orderFor(t, { tariff: 'mail-s', email: `info@${order.domains[0]}`, customerNumber: order.customerNumber });
    expect((await client.get('/domains')).body).toContain(second.contractNumber);
  });

  it('shows a changed name, and each customer only their own page', async () => {
    const a = await customerWithPage();
    const b = await customerWithPage();
    await t.db.updateTable('customers').set({ firstName: 'Zeynep', lastName: 'Sonnenschein' }).where('customerNumber', '=', a.order.customerNumber).execute();
    const pageA = (await a.client.get('/domains')).body;
    expect(pageA).toContain('Zeynep Sonnenschein');
    const pageB = (await b.client.get('/domains')).body;
    expect(pageB).not.toContain('Zeynep Sonnenschein');
    for (const domain of a.order.domains) expect(pageB).not.toContain(domain);
    for (const domain of b.order.domains) expect(pageB).toContain(domain);
  });

  it('carries each session its own working CSRF token, in the language of the session', async () => {
    const one = await customerWithPage();
    const two = new Client(t.app);
    await two.loginCustomer(one.order.customerNumber, one.order.customerPassword!);
    await two.get('/domains');
    expect(two.csrf).not.toBe('');
    expect(two.csrf).not.toBe(one.client.csrf);
    expect((await one.client.get('/domains')).body).not.toContain('csrf-');

    // The token from the page served from memory works for the next form; a token of the other session does not.
    const foreign = await one.client.post('/language', { lang: 'en', next: '/domains' }, { csrf: false, headers: {} });
    expect(foreign.statusCode).toBe(403);
    const switched = await one.client.post('/language', { lang: 'en', next: '/domains' });
    expect(switched.statusCode).toBe(303);
    const english = (await one.client.get('/domains')).body;
    expect(english).toContain('<html lang="en"');
    expect((await two.get('/domains')).body).toContain('<html lang="de"');
  });
});
