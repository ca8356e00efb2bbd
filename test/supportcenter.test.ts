import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';
import { verifyPassword } from '../src/platform/crypto.ts';

process.env.SUPPORT_SECRET_KEY ??= 'test-support-secret-key-0123456789abcdef';

describe.each(DIALECTS)('SupportCenter (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  async function customer(tariff = 'mail-s') {
    const order = await orderFor(t, { tariff });
    const client = new Client(t.app);
    await client.loginCustomer(order.customerNumber, order.customerPassword!, { confirm: true });
    return { order, client };
  }
  async function staff(role: 'admin' | 'agent' = 'agent') {
    const user = await staffUser(t, role);
    const client = new Client(t.app);
    await client.loginStaff(user.login, user.password);
    return { user, client };
  }

  it('walks the seed journey: ticket, staff action, one reveal, new .001 password', async () => {
    const { order, client } = await customer();
    const home = await client.get('/support');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>SupportCenter</h1>');
    expect(home.body).toContain('href="/support"');
    const form = await client.get('/support/tickets/new?category=admin_password');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="contract:${order.contractNumber}" selected`);
    const created = await client.post('/support/tickets', {
      category: 'admin_password',
      link: `contract:${order.contractNumber}`,
      subject: 'Neues Administrationspasswort',
      body: 'Ich habe das Passwort der E-Mail-Administration verloren.',
    });
    expect(created.statusCode).toBe(303);
    const number = created.headers.location!.split('/').pop()!;
    expect(number).toMatch(/^\d{6}-\d{4}-\d$/);
    const view = await client.get(`/support/tickets/${number}`);
    expect(view.body).toContain('authentifiziert');

    const ticket = await t.db.selectFrom('supportTickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    const agent = await staff();
    const staffView = await agent.client.get(`/staff/tickets/${ticket.id}`);
    expect(staffView.statusCode).toBe(200);
    expect(staffView.body).toContain('Neues Administrationspasswort setzen');
    const before = await t.db.selectFrom('mailAccounts').select('passwordHash').where('name', '=', `${order.contractNumber}.001`).executeTakeFirstOrThrow();
    const action = await agent.client.post(`/staff/tickets/${ticket.id}/actions/admin-password`, {});
    expect(action.statusCode).toBe(303);
    const after = await t.db.selectFrom('mailAccounts').select('passwordHash').where('name', '=', `${order.contractNumber}.001`).executeTakeFirstOrThrow();
    expect(after.passwordHash).not.toBe(before.passwordHash);

    const customerView = await client.get(`/support/tickets/${number}`);
    const actionId = /actions\/(\d+)\/reveal/.exec(customerView.body)![1];
    const revealed = await client.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {});
    expect(revealed.statusCode).toBe(200);
    const password = /<code class="secret-value">([^<]+)<\/code>/.exec(revealed.body)![1]!;
    expect(await verifyPassword(after.passwordHash, password.replace(/&amp;/g, '&'))).toBe(true);
    const again = await client.post(`/support/tickets/${number}/actions/${actionId}/reveal`, {});
    expect(again.statusCode).toBe(303);
  });
});
