import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendApiError } from '../../platform/http/errors.ts';
import { translator, type MessageKey } from '../../platform/views/i18n.ts';
import { admitMailServerLogin, recordMailServerLogin } from './login-activity.service.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';
import { AUTH_POLICY_PATH } from './auth-policy.config.ts';

/**
 * Dovecot's auth policy requests: JSON with the attributes of `auth_policy_request_attributes`
 * (server-config.ts) and Dovecot's own `tls`, plus `success` and `policy_reject` on reports.
 * Unknown attributes are ignored; anything else malformed is refused before it reaches a service.
 */
const PolicyBody = z.object({
  login: z.string().max(1000),
  remote: z.string().max(100),
  protocol: z.string().max(32),
  session: z.string().max(200).default(''),
  pid: z.string().max(32).default(''),
  rport: z.string().max(16).default(''),
  /** %{secured}: `TLS`, `secured` (e.g. a local connection) or empty. */
  secured: z.string().max(16).default(''),
  /** Dovecot's own flag: the client connection is TLS. */
  tls: z.boolean().default(false),
  success: z.boolean().optional(),
  /** The app password a successful login used (the Lua passdb's `hostdesk_app_password`), or empty. */
  app_password: z.string().max(20).default(''),
  policy_reject: z.boolean().optional(),
});
const PolicyQuery = z.object({ command: z.enum(['allow', 'report']) });

/** Refused requests per client address and minute before the endpoint stops even comparing secrets. */
const REFUSALS_PER_MINUTE = 20;
/** Addresses tracked at most (per process): a spoofed-source flood cannot grow the map without bound. */
const REFUSAL_TRACKING_CAP = 10_000;

const digest = (s: string) => createHash('sha256').update(s).digest();
/** The peer's own address: a forwarded header must never pass the source check. */
const peerOf = (request: FastifyRequest) => (request.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The auth policy endpoint. Outside the web UI's CSRF check (it is under /api/ and carries no
 * session) and outside the per-IP web rate limit (every login of a mail server comes from its one
 * address); its own bounds instead: the source list, the secret (compared in constant time), a
 * per-address budget for refused requests kept in memory (nothing is written for a refused
 * request), a 4 KB body, and a strict body schema. Authentic requests have no budget: they are
 * Dovecot's, at most one pair per login attempt, and Dovecot's HTTP client opens at most 100
 * connections.
 */
export const authPolicyRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock, mailPolicy } = deps;
  const expected = mailPolicy.secret ? digest(mailPolicy.secret) : null;
  const allowed = new Set(mailPolicy.allowedAddresses);
  let window = { startedAt: 0, refusals: new Map<string, number>() };

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, code: string, key: MessageKey) => {
    const now = clock().getTime();
    if (now - window.startedAt >= 60_000) window = { startedAt: now, refusals: new Map() };
    const peer = peerOf(request);
    if (window.refusals.size < REFUSAL_TRACKING_CAP || window.refusals.has(peer)) window.refusals.set(peer, (window.refusals.get(peer) ?? 0) + 1);
    return sendApiError(reply, status, code, translator(request.lang)(key));
  };
  const overBudget = (request: FastifyRequest) => clock().getTime() - window.startedAt < 60_000 && (window.refusals.get(peerOf(request)) ?? 0) >= REFUSALS_PER_MINUTE;

  // Before the body is read: a request without the secret costs a hash and a comparison, and
  // past its address's budget only a 429. The mail server's own requests are never held back.
  async function mailServerOnly(request: FastifyRequest, reply: FastifyReply) {
    if (!expected) return sendApiError(reply, 404, 'not_found', translator(request.lang)('error.notFound'));
    const fromMailServer = allowed.size === 0 || allowed.has(peerOf(request));
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const authentic = !!match && timingSafeEqual(digest(match[1]!), expected);
    if (fromMailServer && authentic) return;
    if (overBudget(request)) return sendApiError(reply, 429, 'rate_limited', translator(request.lang)('error.tooManyRequests'));
    if (!fromMailServer) return refuse(request, reply, 403, 'forbidden', 'error.forbidden');
    return refuse(request, reply.header('www-authenticate', 'Bearer'), 401, 'unauthorized', 'error.unauthorized');
  }

  app.post(AUTH_POLICY_PATH, { onRequest: mailServerOnly, bodyLimit: 4096, config: { rateLimit: false } }, async (request, reply) => {
    const query = PolicyQuery.safeParse(request.query);
    const body = PolicyBody.safeParse(request.body);
    if (!query.success || !body.success || (query.data.command === 'report' && body.data.success === undefined)) {
      return refuse(request, reply, 400, 'bad_request', 'error.badRequest');
    }
    const b = body.data;
    const attempt = { login: b.login, protocol: b.protocol, clientAddress: b.remote, connection: [b.session, b.pid, b.rport].join('\0') };
    if (query.data.command === 'allow') return admitMailServerLogin(db, attempt, clock());
    const notice = await recordMailServerLogin(db, { ...attempt, success: b.success!, policyReject: b.policy_reject ?? false, tls: b.tls || b.secured === 'TLS', appPasswordId: /^\d{1,12}$/.test(b.app_password) ? Number(b.app_password) : null }, clock());
    if (notice) deps.mailer.send(notice).catch((err: unknown) => request.log.error({ err }, 'failed-login notice failed'));
    return { status: 0 };
  });
};
