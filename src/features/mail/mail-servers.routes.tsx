import type { FastifyPluginAsync } from 'fastify';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { listDovecotBacklog, retryDovecotSyncNow } from './dovecot-sync.service.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { MailServersPage } from './mail-servers.page.tsx';

/** The Dovecot servers' backlog of credential changes, for admins; "retry now" does not wait for the next retry time. */
export const mailServersRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const adminOnly = { preHandler: deps.guards.admin };

  app.get('/staff/mail-servers', adminOnly, async function mailServersPage(request, reply) {
    const backlog = await listDovecotBacklog(db);
    // Configured servers first, then anything still queued for a server no longer configured.
    const names = [...new Set([...deps.dovecotSync.servers, ...backlog.map((line) => line.server)])];
    const servers = names.map((server) => ({ server, backlog: backlog.find((line) => line.server === server) ?? null }));
    return sendPage(reply, <MailServersPage ctx={viewContext(request, reply)} servers={servers} unconfigured={names.length === 0} />);
  });

  app.post('/staff/mail-servers/retry', adminOnly, async function retryMailServers(request, reply) {
    await retryDovecotSyncNow(db, clock());
    // The answer waits for that round (app.ts, onSend), so the page shows its outcome.
    setFlash(request, 'info', 'mail.servers.retried');
    return reply.redirect('/staff/mail-servers', 303);
  });
};
