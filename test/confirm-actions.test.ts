import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { buildTestApp, Client, type TestApp } from './support/app.ts';
import { staffUser } from './support/factories.ts';
import { createApiToken } from '../src/features/accounts/api-token.service.ts';

const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Irreversible staff actions that ran on one click ask first (issue #17, item 12). */
describe.each(DIALECTS)('irreversible staff actions ask first (%s)', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let agent: Client;
  let adminId = 0;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const adminUser = await staffUser(t, 'admin');
    const agentUser = await staffUser(t, 'agent');
    adminId = adminUser.id;
    admin = new Client(t.app);
    await admin.loginStaff(adminUser.login, adminUser.password);
    agent = new Client(t.app);
    await agent.loginStaff(agentUser.login, agentUser.password);
  });
  afterAll(() => t.close());

  const cannedCount = async () => (await t.db.selectFrom('supportCannedReplies').select('id').execute()).length;

  it('deletes a canned reply only after its confirmation page, which names it', async () => {
    await agent.get('/staff/tickets/canned');
    expect((await agent.post('/staff/tickets/canned', { title: 'Spam-Ordner <prüfen>', body: 'Guten Tag {name}, bitte sehen Sie im Spam-Ordner nach.' })).statusCode).toBe(303);
    const row = await t.db.selectFrom('supportCannedReplies').select(['id', 'title']).where('title', '=', 'Spam-Ordner <prüfen>').executeTakeFirstOrThrow();
    const count = await cannedCount();

    // The list's button (no confirm=yes): the confirmation page, nothing deleted.
    const asked = await agent.post(`/staff/tickets/canned/${row.id}/delete`, {});
    expect(asked.statusCode).toBe(200);
    const text = decode(asked.body);
    expect(text).toContain('Textbaustein „<bdi>Spam-Ordner <prüfen></bdi>“ löschen?');
    expect(asked.body).toContain('Spam-Ordner &lt;prüfen>'); // escaped, never markup
    expect(asked.body).not.toContain('<prüfen>');
    expect(text).toContain('steht beim Antworten nicht mehr zur Auswahl');
    expect(text).toContain('bitte sehen Sie im Spam-Ordner nach.');
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(asked.body).toContain('href="/staff/tickets/canned"');
    expect(await cannedCount()).toBe(count);
    expect((await agent.post(`/staff/tickets/canned/${row.id}/delete`, { confirm: 'no' })).statusCode).toBe(200);
    expect(await cannedCount()).toBe(count);

    await agent.post('/language', { lang: 'en', next: '/staff/tickets/canned' });
    const english = await agent.post(`/staff/tickets/canned/${row.id}/delete`, {});
    await agent.post('/language', { lang: 'de', next: '/staff/tickets/canned' });
    expect(decode(english.body)).toContain('Delete the canned reply “<bdi>Spam-Ordner <prüfen></bdi>”?');
    expect(decode(english.body)).toContain('is no longer offered when replying');

    // Without the CSRF token nothing happens, with confirm=yes or not.
    expect((await agent.post(`/staff/tickets/canned/${row.id}/delete`, { confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
    expect(await cannedCount()).toBe(count);

    const done = await agent.post(`/staff/tickets/canned/${row.id}/delete`, { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/staff/tickets/canned');
    expect(await cannedCount()).toBe(count - 1);
    expect(await t.db.selectFrom('supportCannedReplies').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
    expect(decode((await agent.get('/staff/tickets/canned')).body)).toContain('Der Textbaustein wurde gelöscht.');

    // Gone or unknown: not found, with and without the confirmation.
    expect((await agent.post(`/staff/tickets/canned/${row.id}/delete`, {})).statusCode).toBe(404);
    expect((await agent.post(`/staff/tickets/canned/${row.id}/delete`, { confirm: 'yes' })).statusCode).toBe(404);
    expect((await agent.post('/staff/tickets/canned/999999/delete', {})).statusCode).toBe(404);
    expect((await agent.post('/staff/tickets/canned/abc/delete', { confirm: 'yes' })).statusCode).toBe(404);
  });

  it('revokes an API token only after its confirmation page, which names it; audited as before', async () => {
    const token = await createApiToken(t.db, 'Kassensystem', adminId, t.clock.now);
    const api = () => t.app.inject({ method: 'GET', url: '/api/v1/tariffs', headers: { authorization: `Bearer ${token.token}` } });
    const revocations = async () => (await t.db.selectFrom('auditEvents').select(['actor', 'subject']).where('event', '=', 'api_token.revoked').where('subject', '=', `api-token:${token.id}`).execute());
    await admin.get('/staff/api-tokens');

    const asked = await admin.post(`/staff/api-tokens/${token.id}/revoke`, {});
    expect(asked.statusCode).toBe(200);
    const text = decode(asked.body);
    expect(text).toContain('API-Token „<bdi>Kassensystem</bdi>“ widerrufen?');
    expect(text).toContain(`die das Token „<bdi>Kassensystem</bdi>“ (${token.token.slice(0, 8)}…) verwenden, werden von der JSON-API ab sofort abgewiesen`);
    expect(text).toContain('Dieses Token wurde noch nie benutzt.');
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(asked.body).toContain('href="/staff/api-tokens"');
    expect((await api()).statusCode).toBe(200);
    expect(await revocations()).toEqual([]);

    await admin.post('/language', { lang: 'en', next: '/staff/api-tokens' });
    const english = decode((await admin.post(`/staff/api-tokens/${token.id}/revoke`, {})).body);
    await admin.post('/language', { lang: 'de', next: '/staff/api-tokens' });
    expect(english).toContain('Revoke the API token “<bdi>Kassensystem</bdi>”?');
    expect(english).toContain('Last used: '); // the API call above used it
    expect(english).toContain('are refused by the JSON API from now on');

    // Agents may not, with or without the confirmation; nor without the CSRF token.
    expect((await agent.post(`/staff/api-tokens/${token.id}/revoke`, {})).statusCode).toBe(403);
    expect((await agent.post(`/staff/api-tokens/${token.id}/revoke`, { confirm: 'yes' })).statusCode).toBe(403);
    expect((await admin.post(`/staff/api-tokens/${token.id}/revoke`, { confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
    expect((await api()).statusCode).toBe(200);
    expect(await revocations()).toEqual([]);

    const done = await admin.post(`/staff/api-tokens/${token.id}/revoke`, { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/staff/api-tokens');
    expect((await api()).statusCode).toBe(401);
    expect(await revocations()).toEqual([{ actor: `staff:${adminId}`, subject: `api-token:${token.id}` }]);

    // Revoked already or unknown: not found, and not audited twice.
    expect((await admin.post(`/staff/api-tokens/${token.id}/revoke`, {})).statusCode).toBe(404);
    expect((await admin.post(`/staff/api-tokens/${token.id}/revoke`, { confirm: 'yes' })).statusCode).toBe(404);
    expect((await admin.post('/staff/api-tokens/999999/revoke', { confirm: 'yes' })).statusCode).toBe(404);
    expect(await revocations()).toHaveLength(1);
  });
});
