import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { fieldErrors, formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { PanelError } from '../../integrations/plesk/index.ts';
import type { PanelConfig } from './panel.config.ts';
import {
  detectPanelServer,
  findPanelContract,
  findPanelServer,
  listPanelMailboxes,
  listPanelServers,
  MailPasswordForm,
  openPanel,
  PanelServerForm,
  savePanelServer,
  setPanelMailboxPassword,
  type PanelContract,
  type PanelDeps,
} from './panel.service.ts';
import { PanelFailurePage, PanelLoginPage, PanelRedirectPage, PanelServerFormPage, PanelServersPage, PleskMailPage, type MailEndpoints } from './panel.views.tsx';
import type { PanelServer } from '../contracts/index.ts';
import type { PanelMailbox } from '../../integrations/plesk/index.ts';

export interface PanelRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  panel: PanelConfig;
  /** Its host name is the source server Plesk's single sign-on is told about. */
  publicUrl: string;
  mailServer: MailServerSettings;
}

/** Plesk for customers ("Paket verwalten", mailboxes) and for admins (servers). */
export const panelRoutes: FastifyPluginAsync<PanelRouteDeps> = async (app, deps) => {
  const pdeps: PanelDeps = { db: deps.db, panel: deps.panel, clock: deps.clock };
  const customer = { preHandler: deps.guards.confirmedCustomer };
  const admin = { preHandler: deps.guards.admin };
  const sourceServer = new URL(deps.publicUrl).hostname;

  /** Staff see the details in the log; customers see one of five plain messages. Never a credential. */
  function logFailure(request: FastifyRequest, error: PanelError, server: string | undefined, action: string) {
    request.log.warn({ panel: { action, server, kind: error.kind, code: error.code, detail: error.detail } }, 'panel call failed');
  }

  async function ownPanelContract(request: FastifyRequest<{ Params: { number: string } }>): Promise<PanelContract> {
    const pc = await findPanelContract(deps.db, request.customer!.id, request.params.number);
    if (!pc) throw new DomainError('not_found', 'error.notFound');
    return pc;
  }

  app.post<{ Params: { number: string } }>('/contracts/:number/panel', customer, async (request, reply) => {
    const pc = await ownPanelContract(request);
    try {
      const entry = await openPanel(pdeps, pc, { clientIp: request.ip, sourceServer, actor: `customer:${request.customer!.id}` });
      if (entry.kind === 'session') {
        // Not a 303: browsers apply the form page's CSP (form-action 'self') to redirects of a
        // form submission, so the hop to the panel's origin is a refresh from a page of our own.
        return sendPage(reply.header('referrer-policy', 'no-referrer'), <PanelRedirectPage ctx={viewContext(request, reply)} url={entry.url} />);
      }
      return sendPage(reply, <PanelLoginPage ctx={viewContext(request, reply)} pc={pc} loginUrl={entry.url} />);
    } catch (e) {
      if (!(e instanceof PanelError)) throw e;
      logFailure(request, e, pc.server?.name, 'open_session');
      return sendPage(reply, <PanelFailurePage ctx={viewContext(request, reply)} pc={pc} contractNumber={pc.contract.contractNumber} error={e} />, 502);
    }
  });

  function mailEndpoints(server: PanelServer | undefined): MailEndpoints {
    // Plesk serves mail on the panel's own host with the standard encrypted ports.
    const host = server ? new URL(server.url).hostname : deps.mailServer.imap.host;
    return { imap: { host, port: 993, security: 'tls' }, pop3: { host, port: 995, security: 'tls' }, smtp: { host, port: 587, security: 'starttls' } };
  }

  async function renderMail(request: FastifyRequest, reply: FastifyReply, pc: PanelContract, form: FormState, status = 200) {
    let mailboxes: PanelMailbox[] | null = null;
    let error: PanelError | null = null;
    try {
      mailboxes = await listPanelMailboxes(pdeps, pc);
    } catch (e) {
      if (!(e instanceof PanelError)) throw e;
      logFailure(request, e, pc.server?.name, 'list_mailboxes');
      error = e;
    }
    return sendPage(
      reply,
      <PleskMailPage ctx={viewContext(request, reply)} pc={pc} mailboxes={mailboxes} error={error} endpoints={mailEndpoints(pc.server)} form={form} />,
      error && status === 200 ? 502 : status,
    );
  }

  app.get<{ Params: { number: string } }>('/contracts/:number/plesk-mail', customer, async (request, reply) => {
    const pc = await ownPanelContract(request);
    return renderMail(request, reply, pc, emptyForm());
  });

  app.post<{ Params: { number: string } }>('/contracts/:number/plesk-mail/password', customer, async (request, reply) => {
    const pc = await ownPanelContract(request);
    const parsed = MailPasswordForm.safeParse(request.body);
    if (!parsed.success) return renderMail(request, reply, pc, formState(request.body, fieldErrors(parsed.error)), 422);
    try {
      await setPanelMailboxPassword(pdeps, pc, parsed.data, { actor: `customer:${request.customer!.id}`, ip: request.ip });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'validation') return renderMail(request, reply, pc, formState(request.body, e.fields), 422);
      if (!(e instanceof PanelError)) throw e;
      logFailure(request, e, pc.server?.name, 'set_mail_password');
      if (e.kind === 'api' && e.code === 1019) return renderMail(request, reply, pc, formState(request.body, { password: { key: 'plesk.mail.refused' } }), 422);
      return sendPage(reply, <PanelFailurePage ctx={viewContext(request, reply)} pc={pc} contractNumber={pc.contract.contractNumber} error={e} />, 502);
    }
    setFlash(request, 'success', 'plesk.mail.passwordSet');
    return reply.redirect(`/contracts/${pc.contract.contractNumber}/plesk-mail`, 303);
  });

  /* ---- admins: Plesk servers ---- */

  const serverValues = (s: PanelServer) => ({
    name: s.name,
    url: s.url,
    version: s.version ?? '',
    authKind: s.authKind,
    apiLogin: s.apiLogin ?? '',
    caPem: s.caPem ?? '',
    ...(s.mailPasswordEnabled ? { mailPasswordEnabled: 'on' } : {}),
  });

  async function serverById(id: string) {
    const server = /^\d{1,9}$/.test(id) ? await findPanelServer(deps.db, Number(id)) : undefined;
    if (!server) throw new DomainError('not_found', 'error.notFound');
    return server;
  }

  app.get('/staff/panel-servers', admin, async (request, reply) => {
    return sendPage(reply, <PanelServersPage ctx={viewContext(request, reply)} servers={await listPanelServers(deps.db)} />);
  });

  app.get('/staff/panel-servers/new', admin, async (request, reply) => {
    return sendPage(reply, <PanelServerFormPage ctx={viewContext(request, reply)} server={null} form={emptyForm({ authKind: 'key' })} />);
  });

  async function saveFrom(request: FastifyRequest, reply: FastifyReply, server: PanelServer | null) {
    const parsed = PanelServerForm.safeParse(request.body);
    const rerender = (form: FormState) => sendPage(reply, <PanelServerFormPage ctx={viewContext(request, reply)} server={server} form={form} />, 422);
    if (!parsed.success) return rerender(formState(request.body, fieldErrors(parsed.error)));
    try {
      const saved = await savePanelServer(pdeps, server?.id ?? null, parsed.data, `staff:${request.staff!.id}`);
      setFlash(request, 'success', 'plesk.admin.saved');
      return reply.redirect(`/staff/panel-servers/${saved.id}`, 303);
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'validation' || e.code === 'conflict')) return rerender(formState(request.body, e.fields));
      throw e;
    }
  }

  app.post('/staff/panel-servers', admin, async (request, reply) => saveFrom(request, reply, null));

  app.get<{ Params: { id: string } }>('/staff/panel-servers/:id', admin, async (request, reply) => {
    const server = await serverById(request.params.id);
    return sendPage(reply, <PanelServerFormPage ctx={viewContext(request, reply)} server={server} form={emptyForm(serverValues(server))} />);
  });

  app.post<{ Params: { id: string } }>('/staff/panel-servers/:id', admin, async (request, reply) => saveFrom(request, reply, await serverById(request.params.id)));

  app.post<{ Params: { id: string } }>('/staff/panel-servers/:id/detect', admin, async (request, reply) => {
    const server = await serverById(request.params.id);
    try {
      await detectPanelServer(pdeps, server, `staff:${request.staff!.id}`);
    } catch (e) {
      if (!(e instanceof PanelError)) throw e;
      logFailure(request, e, server.name, 'detect');
      return sendPage(reply, <PanelServerFormPage ctx={viewContext(request, reply)} server={server} form={emptyForm(serverValues(server))} detectError={e} />, 502);
    }
    setFlash(request, 'success', 'plesk.admin.detectedOk');
    return reply.redirect(`/staff/panel-servers/${server.id}`, 303);
  });
};
