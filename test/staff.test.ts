import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { orderFor, staffUser } from './support/factories.ts';

describe.each(DIALECTS)('staff back office (%s)', (dialect) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof staffUser>>;
  let agent: Awaited<ReturnType<typeof staffUser>>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = await staffUser(t, 'admin');
    agent = await staffUser(t, 'agent');
  });
  afterAll(() => t.close());

  it('refuses wrong staff passwords and customers', async () => {
    const client = new Client(t.app);
    await client.get('/staff/login');
    const wrong = await client.post('/staff/login', { login: admin.login, password: 'wrong' });
    expect(wrong.statusCode).toBe(401);
    // Staff log in with a user name: the message says so, not "Kundennummer".
    expect(wrong.body).toContain('Benutzername oder Passwort sind nicht richtig.');
    expect(wrong.body).not.toContain('Kundennummer');
    const order = await orderFor(t);
    expect((await client.post('/staff/login', { login: order.customerNumber, password: order.customerPassword! })).statusCode).toBe(401);
    expect((await client.get('/staff')).headers.location).toBe('/staff/login?next=%2Fstaff');
  });

  it('answers a staff login with a missing field by its message, trying nothing', async () => {
    const client = new Client(t.app, '10.9.7.2');
    await client.get('/staff/login');
    const auditBefore = (await t.db.selectFrom('auditEvents').select('id').execute()).length;
    const missing = await client.post('/staff/login', { login: admin.login, password: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte ausfüllen.');
    expect(missing.body).toContain(`value="${admin.login}"`);
    expect((await client.post('/staff/login', { login: 'x'.repeat(65), password: 'x' })).statusCode).toBe(422);
    expect((await t.db.selectFrom('auditEvents').select('id').execute()).length).toBe(auditBefore);
  });

  it('finds customers by number, name, e-mail and domain', async () => {
    const order = await orderFor(t, { domains: ['zauberhafte-bäckerei-suche.de'] });
    await t.db.updateTable('customers').set({ firstName: 'Ottilie', lastName: 'Sucherin_%' }).where('customerNumber', '=', order.customerNumber).execute();
    const client = new Client(t.app);
    await client.loginStaff(agent.login, agent.password);
    for (const q of [order.customerNumber, 'ottilie', 'SUCHERIN_%', 'zauberhafte', 'bäckerei-suche', 'xn--', `info@zauberhafte`]) {
      const res = await client.get(`/staff?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body, q).toContain(`/staff/customers/${order.customerNumber}`);
    }
    // Wildcards are literal: "%" alone finds nobody rather than everybody.
    expect((await client.get('/staff?q=%25%25')).body).toContain('Nichts gefunden.');
  });

  it('shows a customer with master data, contracts, domains and mail accounts', async () => {
    const order = await orderFor(t);
    const client = new Client(t.app);
    await client.loginStaff(agent.login, agent.password);
    const res = await client.get(`/staff/customers/${order.customerNumber}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(order.contractNumber);
    expect(res.body).toContain(order.domains[0]);
    expect(res.body).toContain(`${order.contractNumber}.001`);
    expect((await client.get('/staff/customers/99999999')).statusCode).toBe(404);
  });

  it('lets only admins manage API tokens, showing each token once', async () => {
    const agentClient = new Client(t.app);
    await agentClient.loginStaff(agent.login, agent.password);
    expect((await agentClient.get('/staff/api-tokens')).statusCode).toBe(403);
    await agentClient.get('/staff');
    expect((await agentClient.post('/staff/api-tokens', { name: 'sneaky' })).statusCode).toBe(403);

    const client = new Client(t.app);
    await client.loginStaff(admin.login, admin.password);
    await client.get('/staff/api-tokens');
    const empty = await client.post('/staff/api-tokens', { name: '' });
    expect(empty.statusCode).toBe(422);
    const created = await client.post('/staff/api-tokens', { name: 'Shop' });
    expect(created.statusCode).toBe(201);
    const token = /class="secret-value">(hd_[\w-]+)</.exec(created.body)![1]!;
    expect((await client.get('/staff/api-tokens')).body).not.toContain(token);

    const api = () => t.app.inject({ method: 'GET', url: '/api/v1/tariffs', headers: { authorization: `Bearer ${token}` } });
    expect((await api()).statusCode).toBe(200);
    const row = await t.db.selectFrom('apiTokens').select('id').where('name', '=', 'Shop').executeTakeFirstOrThrow();
    expect((await client.post(`/staff/api-tokens/${row.id}/revoke`, {})).statusCode).toBe(200); // asks first
    expect((await api()).statusCode).toBe(200);
    await client.post(`/staff/api-tokens/${row.id}/revoke`, { confirm: 'yes' });
    expect((await api()).statusCode).toBe(401);
    const audit = await client.get('/staff/audit');
    // In words and names, never as codes.
    expect(audit.body).toContain('API-Token widerrufen');
    expect(audit.body).toContain(`Mitarbeiter/in ${admin.login}`);
    expect(audit.body).toContain(`API-Token ${row.id}`);
    expect(audit.body).not.toMatch(/>api_token\.revoked<|>staff:\d+</); // codes only as option values
    expect((await agentClient.get('/staff/audit')).statusCode).toBe(403);
  });
});
