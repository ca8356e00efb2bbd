import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import type { ThrottleRule } from '../../platform/throttle.ts';
import { translator } from '../../platform/views/i18n.ts';
import { appleMobileconfig, autodiscoverRequestAddress, cleanAddress, dnsRecordsFor, outlookAutodiscover, outlookAutodiscoverJson, thunderbirdAutoconfig } from './client-setup.ts';
import { CredentialsPage } from './credentials.views.tsx';
import * as mail from './mail-admin.service.ts';
import { createMailGuards } from './mail-guards.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';

const require = createRequire(import.meta.url);
/**
 * zxcvbn's browser bundles, served to public/mail-password.js (CSP: scripts from our own origin
 * only). A Map, not an object literal: the name comes from the URL, and `constructor` or
 * `__proto__` must be unknown names, not Object.prototype's members.
 */
const ZXCVBN_BUNDLES = new Map<string, string>([
  ['core.js', require.resolve('@zxcvbn-ts/core/dist/zxcvbn-ts.min.js')],
  ['language-common.js', require.resolve('@zxcvbn-ts/language-common/dist/zxcvbn-ts.min.js')],
  ['language-de.js', require.resolve('@zxcvbn-ts/language-de/dist/zxcvbn-ts.min.js')],
]);

export const credentialsRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db } = deps;
  const { mailAccess } = createMailGuards(deps);

  async function renderCredentials(request: FastifyRequest, reply: FastifyReply, number: string, mobileconfigError?: number) {
    const ctx = await mailAccess(request, reply, number);
    if (!ctx) return reply;
    const contract = await mail.requireMailContract(db, ctx.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const dns = overview.domains.map((d) => ({ domain: d.nameUnicode, records: dnsRecordsFor(d.nameAscii, deps.mailServer, deps.publicUrl) }));
    return sendPage(
      reply,
      <CredentialsPage ctx={viewContext(request, reply)} access={ctx.access} overview={overview} server={deps.mailServer} dns={dns} publicUrl={deps.publicUrl} mobileconfigError={mobileconfigError} />,
      mobileconfigError ? 422 : 200,
    );
  }

  app.get<{ Params: { number: string } }>('/contracts/:number/zugangsdaten', async (request, reply) => renderCredentials(request, reply, request.params.number));

  /** The Apple profile; with POST and the right password, the password goes into the profile. */
  async function mobileconfig(request: FastifyRequest<{ Params: { number: string; id: string } }>, reply: FastifyReply, password?: string) {
    const ctx = await mailAccess(request, reply, request.params.number);
    if (!ctx) return reply;
    const contract = await mail.requireMailContract(db, ctx.contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const account = overview.accounts.find((a) => String(a.id) === request.params.id);
    const address = account?.addresses[0];
    if (!account || !address) throw new DomainError('not_found', 'error.notFound');
    if (password !== undefined && !(await mail.checkMailPassword(db, account.id, password))) {
      return renderCredentials(request, reply, request.params.number, account.id);
    }
    const t = translator(request.lang);
    const profile = appleMobileconfig(deps.mailServer, {
      accountName: account.name,
      emailAddress: address.address,
      userName: account.name,
      displayName: address.address,
      organisation: t('app.name'),
      password,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${account.name}.mobileconfig"`)
      .type('application/x-apple-aspen-config; charset=utf-8')
      .send(profile);
  }

  app.get<{ Params: { number: string; id: string } }>('/contracts/:number/zugangsdaten/:id/apple.mobileconfig', (request, reply) => mobileconfig(request, reply));
  app.post<{ Params: { number: string; id: string } }>('/contracts/:number/zugangsdaten/:id/apple.mobileconfig', (request, reply) => {
    const password = String((request.body as Record<string, unknown> | undefined)?.password ?? '').slice(0, 1000);
    return mobileconfig(request, reply, password);
  });

  app.get<{ Params: { name: string } }>('/mail-admin/assets/zxcvbn/:name', async (request, reply) => {
    const file = ZXCVBN_BUNDLES.get(request.params.name);
    if (!file) throw new DomainError('not_found', 'error.notFound');
    return reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(createReadStream(file));
  });
};

/** A mail client asks once per account set-up; more than this is someone scanning. */
const SETUP_IP_RULE: ThrottleRule = { scope: 'mail-setup-ip', limit: 60, windowMs: 10 * 60_000 };
const SETUP_ADDRESS_RULE: ThrottleRule = { scope: 'mail-setup-address', limit: 20, windowMs: 10 * 60_000 };

/** The address a set-up request asks about: Thunderbird's query parameter or Outlook's XML body. */
function setupAddress(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown>;
  return cleanAddress(query.emailaddress) ?? (typeof request.body === 'string' ? autodiscoverRequestAddress(request.body) : null);
}

/** Public answers for mail clients; the same for every address, known or not. */
export const clientSetupRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const limits = { preHandler: throttleRequests(deps.db, deps.clock, [{ rule: SETUP_IP_RULE, keyOf: byIp }, { rule: SETUP_ADDRESS_RULE, keyOf: setupAddress }]) };
  const provider = translator('de')('app.name');

  app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));

  const autoconfig = async (request: FastifyRequest, reply: FastifyReply) => {
    const address = cleanAddress((request.query as Record<string, unknown>).emailaddress);
    return reply.header('cache-control', 'no-store').type('application/xml; charset=utf-8').send(thunderbirdAutoconfig(deps.mailServer, address, provider));
  };
  app.get('/.well-known/autoconfig/mail/config-v1.1.xml', limits, autoconfig);
  app.get('/mail/config-v1.1.xml', limits, autoconfig);

  const autodiscover = async (request: FastifyRequest, reply: FastifyReply) => {
    const address = autodiscoverRequestAddress(typeof request.body === 'string' ? request.body : '');
    return reply.header('cache-control', 'no-store').type('application/xml; charset=utf-8').send(outlookAutodiscover(deps.mailServer, address));
  };
  for (const path of ['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml']) {
    app.post(path, limits, autodiscover);
    app.get(path, limits, autodiscover);
  }
  app.get('/autodiscover/autodiscover.json', limits, async (_request, reply) => reply.header('cache-control', 'no-store').send(outlookAutodiscoverJson(deps.publicUrl)));
};
