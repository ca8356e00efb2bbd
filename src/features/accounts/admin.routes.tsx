import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actorOf } from './actor.ts';
import { createApiToken, findApiTokenToRevoke, listApiTokens, revokeApiToken } from './api-token.service.ts';
import { ApiTokenForm, AuditFilterForm, RevokeApiTokenForm } from './staff.forms.ts';
import { readSecurityLog } from './audit-log.service.ts';
import { ApiTokensPage } from './api-tokens.page.tsx';
import { ApiTokenRevokePage } from './api-token-revoke.page.tsx';
import { AuditLogPage } from './audit-log.page.tsx';
import type { StaffRouteDeps } from './staff.routes.tsx';

type TokenParams = { Params: { id: string } };

/** The admin pages that belong to accounts: the API tokens of the shop and billing systems, and the audit log. */
export const adminRoutes: FastifyPluginAsync<StaffRouteDeps> = async (app, deps) => {
  const { db, clock, guards } = deps;

  async function loadTokenAdmin(request: FastifyRequest) {
    accountsPolicy.authorize(actorOf(request), 'manageApiTokens', 'api-tokens', { reveal: true });
    return request.staff!;
  }

  async function renderApiTokens(request: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200, created?: { name: string; token: string }) {
    return sendPage(reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={await listApiTokens(db)} form={form} created={created} />, status);
  }

  async function showApiTokens(request: FastifyRequest, reply: FastifyReply) {
    await loadTokenAdmin(request);
    return renderApiTokens(request, reply);
  }

  const submitApiToken = formRoute({
    schema: ApiTokenForm,
    load: loadTokenAdmin,
    async run(input, staff, request, reply) {
      const created = await createApiToken(db, input.name, staff.id, clock());
      return renderApiTokens(request, reply, emptyForm(), 201, created);
    },
    render: (form, _staff, request, reply, status) => renderApiTokens(request, reply, form, status),
  });

  async function revokeToken(request: FastifyRequest<TokenParams>, reply: FastifyReply) {
    const staff = await loadTokenAdmin(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new DomainError('not_found', 'error.notFound');
    const token = await findApiTokenToRevoke(db, id);
    // Asked first: the list's button posts without `confirm=yes` and gets the confirmation step; only its form revokes.
    if (!RevokeApiTokenForm.safeParse(request.body ?? {}).success) return sendPage(reply, <ApiTokenRevokePage ctx={viewContext(request, reply)} token={token} form={emptyForm()} />);
    await revokeApiToken(db, token.id, staff.id, clock());
    setFlash(request, 'success', 'staff.tokenRevoked');
    return reply.redirect('/staff/api-tokens', 303);
  }

  async function showAuditLog(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const filter = AuditFilterForm.parse(request.query ?? {});
    const log = await readSecurityLog(db, actorOf(request), filter);
    const form = { values: { ...filter, page: String(filter.page) }, errors: log.ok ? {} : log.errors };
    const page = log.ok ? (
      <AuditLogPage ctx={viewContext(request, reply)} filter={filter} form={form} events={log.events} names={log.names} more={log.more} />
    ) : (
      <AuditLogPage ctx={viewContext(request, reply)} filter={filter} form={form} events={null} names={{}} more={false} />
    );
    return sendPage(reply, page, log.ok ? 200 : 422);
  }

  app.get('/staff/api-tokens', { preHandler: guards.admin }, showApiTokens);
  app.post('/staff/api-tokens', { preHandler: guards.admin }, submitApiToken);
  app.post<TokenParams>('/staff/api-tokens/:id/revoke', { preHandler: guards.admin }, revokeToken);
  app.get<{ Querystring: Record<string, unknown> }>('/staff/audit', { preHandler: guards.admin }, showAuditLog);
};
