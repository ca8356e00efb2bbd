import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { actorOf } from '../accounts/index.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { PanelError, type PanelMailbox } from '../../integrations/plesk/index.ts';
import type { PanelServer } from '../contracts/index.ts';
import type { PanelConfig } from './panel.config.ts';
import { MailPasswordForm, PanelServerForm } from './panel.forms.ts';
import {
  detectPanelServer,
  listPanelMailboxes,
  listPanelServers,
  openPanel,
  requirePanelContract,
  requirePanelServer,
  savePanelServer,
  setPanelMailboxPassword,
  type PanelContract,
} from './panel.service.ts';
import { PanelFailurePage, PanelLoginPage, PanelRedirectPage } from './panel.views.tsx';
import { PleskMailPage, type MailEndpoints } from './plesk-mail.page.tsx';
import { PanelServersPage } from './panel-servers.page.tsx';
import { PanelServerPage } from './panel-server.page.tsx';

export interface PanelRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  panel: PanelConfig;
  /** Its host name is the source server Plesk's single sign-on is told about. */
  publicUrl: string;
  mailServer: MailServerSettings;
}

type ContractRoute = { Params: { number: string } };
type ContractRequest = FastifyRequest<ContractRoute>;
type ServerRoute = { Params: { id: string } };
type ServerRequest = FastifyRequest<ServerRoute>;

/** Plesk for customers ("Paket verwalten", mailboxes) and for admins (servers). */
export const panelRoutes: FastifyPluginAsync<PanelRouteDeps> = async (app, deps) => {
  const { db, clock, panel } = deps;
  const customer = { preHandler: deps.guards.confirmedCustomer };
  const admin = { preHandler: deps.guards.admin };
  const sourceServer = new URL(deps.publicUrl).hostname;

  /** Staff see the details in the log; customers see one of five plain messages. Never a credential. */
  function logFailure(request: FastifyRequest, error: PanelError, server: string | undefined, action: string) {
    request.log.warn({ panel: { action, server, kind: error.kind, code: error.code, detail: error.detail } }, 'panel call failed');
  }

  const subscriptionOf = (request: ContractRequest) => requirePanelContract(db, actorOf(request), request.params.number);

  function sendFailure(request: FastifyRequest, reply: FastifyReply, subscription: PanelContract, error: PanelError) {
    return sendPage(reply, <PanelFailurePage ctx={viewContext(request, reply)} subscription={subscription} error={error} />, 502);
  }

  async function openPanelSession(request: ContractRequest, reply: FastifyReply) {
    const subscription = await subscriptionOf(request);
    try {
      const entry = await openPanel(db, panel, actorOf(request), { subscription, clientIp: request.ip, sourceServer }, clock());
      if (entry.kind === 'session') {
        // Not a 303: browsers apply the form page's CSP (form-action 'self') to redirects of a
        // form submission, so the hop to the panel's origin is a refresh from a page of our own.
        return sendPage(reply.header('referrer-policy', 'no-referrer'), <PanelRedirectPage ctx={viewContext(request, reply)} url={entry.url} />);
      }
      return sendPage(reply, <PanelLoginPage ctx={viewContext(request, reply)} subscription={subscription} loginUrl={entry.url} />);
    } catch (error) {
      if (!(error instanceof PanelError)) throw error;
      logFailure(request, error, subscription.server?.name, 'open_session');
      return sendFailure(request, reply, subscription, error);
    }
  }

  function mailEndpoints(server: PanelServer | undefined): MailEndpoints {
    // Plesk serves mail on the panel's own host with the standard encrypted ports.
    const host = server ? new URL(server.url).hostname : deps.mailServer.imap.host;
    return { imap: { host, port: 993, security: 'tls' }, pop3: { host, port: 995, security: 'tls' }, smtp: { host, port: 587, security: 'starttls' } };
  }

  async function renderMail(request: FastifyRequest, reply: FastifyReply, subscription: PanelContract, form: FormState, status = 200) {
    let mailboxes: PanelMailbox[] | null = null;
    let error: PanelError | null = null;
    try {
      mailboxes = await listPanelMailboxes(panel, actorOf(request), subscription);
    } catch (e) {
      if (!(e instanceof PanelError)) throw e;
      logFailure(request, e, subscription.server?.name, 'list_mailboxes');
      error = e;
    }
    const page = <PleskMailPage ctx={viewContext(request, reply)} subscription={subscription} mailboxes={mailboxes} error={error} endpoints={mailEndpoints(subscription.server)} form={form} />;
    return sendPage(reply, page, error && status === 200 ? 502 : status);
  }

  async function showMail(request: ContractRequest, reply: FastifyReply) {
    return renderMail(request, reply, await subscriptionOf(request), emptyForm());
  }

  const setMailPassword = formRoute({
    schema: MailPasswordForm,
    load: subscriptionOf,
    async run(input, subscription, request, reply) {
      try {
        await setPanelMailboxPassword(db, panel, actorOf(request), { subscription, address: input.address, password: input.password, ip: request.ip }, clock());
      } catch (error) {
        if (!(error instanceof PanelError)) throw error;
        logFailure(request, error, subscription.server?.name, 'set_mail_password');
        // Plesk refused the value itself (its own password rules): the customer can fix that here.
        if (error.kind === 'api' && error.code === 1019) throw new DomainError('validation', 'plesk.mail.refused', { password: { key: 'plesk.mail.refused' } });
        return sendFailure(request, reply, subscription, error);
      }
      setFlash(request, 'success', 'plesk.mail.passwordSet');
      return reply.redirect(`/contracts/${subscription.contract.contractNumber}/plesk-mail`, 303);
    },
    render: (form, subscription, request, reply, status) => renderMail(request, reply, subscription, form, status),
  });

  app.post<ContractRoute>('/contracts/:number/panel', customer, openPanelSession);
  app.get<ContractRoute>('/contracts/:number/plesk-mail', customer, showMail);
  app.post<ContractRoute>('/contracts/:number/plesk-mail/password', customer, setMailPassword);

  /* ---- admins: Plesk servers ---- */

  const serverValues = (server: PanelServer) => ({
    name: server.name,
    url: server.url,
    version: server.version ?? '',
    authKind: server.authKind,
    apiLogin: server.apiLogin ?? '',
    caPem: server.caPem ?? '',
    ...(server.mailPasswordEnabled ? { mailPasswordEnabled: 'on' } : {}),
  });

  const serverOf = (request: ServerRequest) => requirePanelServer(db, actorOf(request), request.params.id);

  async function showServers(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <PanelServersPage ctx={viewContext(request, reply)} servers={await listPanelServers(db, actorOf(request))} />);
  }

  async function showNewServer(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <PanelServerPage ctx={viewContext(request, reply)} server={null} form={emptyForm({ authKind: 'key' })} />);
  }

  async function showServer(request: ServerRequest, reply: FastifyReply) {
    const server = await serverOf(request);
    return sendPage(reply, <PanelServerPage ctx={viewContext(request, reply)} server={server} form={emptyForm(serverValues(server))} />);
  }

  /** The same form adds a server (`server` null) and changes one. */
  const saveServer = <Request extends FastifyRequest>(load: (request: Request) => Promise<{ server: PanelServer | null }>) =>
    formRoute({
      schema: PanelServerForm,
      load,
      async run(settings, { server }, request, reply) {
        const saved = await savePanelServer(db, panel, actorOf(request), { server, settings }, clock());
        setFlash(request, 'success', 'plesk.admin.saved');
        return reply.redirect(`/staff/panel-servers/${saved.id}`, 303);
      },
      render: async (form, { server }, request, reply, status) => sendPage(reply, <PanelServerPage ctx={viewContext(request, reply)} server={server} form={form} />, status),
    });
  const addServer = saveServer(async () => ({ server: null }));
  const updateServer = saveServer(async (request: ServerRequest) => ({ server: await serverOf(request) }));

  async function detectServer(request: ServerRequest, reply: FastifyReply) {
    const server = await serverOf(request);
    try {
      await detectPanelServer(db, panel, actorOf(request), server, clock());
    } catch (error) {
      if (!(error instanceof PanelError)) throw error;
      logFailure(request, error, server.name, 'detect');
      return sendPage(reply, <PanelServerPage ctx={viewContext(request, reply)} server={server} form={emptyForm(serverValues(server))} detectError={error} />, 502);
    }
    setFlash(request, 'success', 'plesk.admin.detectedOk');
    return reply.redirect(`/staff/panel-servers/${server.id}`, 303);
  }

  app.get('/staff/panel-servers', admin, showServers);
  app.get('/staff/panel-servers/new', admin, showNewServer);
  app.post('/staff/panel-servers', admin, addServer);
  app.get<ServerRoute>('/staff/panel-servers/:id', admin, showServer);
  app.post<ServerRoute>('/staff/panel-servers/:id', admin, updateServer);
  app.post<ServerRoute>('/staff/panel-servers/:id/detect', admin, detectServer);
};
