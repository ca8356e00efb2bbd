import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import type { ThrottleRule } from '../../platform/throttle.ts';
import { appleMobileconfig, autodiscoverRequestAddress, cleanAddress, dnsRecordsFor, outlookAutodiscover, outlookAutodiscoverJson, thunderbirdAutoconfig } from './client-setup.ts';
import { createAppPassword } from './app-passwords.service.ts';
import { CredentialsPage, type AppProfileError } from './credentials.page.tsx';
import { idFromUrl, MobileconfigAppPasswordForm, MobileconfigForm } from './mail-admin.forms.ts';
import * as mail from './mail-admin.service.ts';
import { createMailGuards, type MailAdministration } from './mail-guards.ts';
import { mailPolicy } from './mail.policies.ts';
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

type AccountParams = { Params: { number: string; id: string } };

/** The Zugangsdaten of a contract, for whoever administers its mail; and the password meter's scripts. */
export const credentialsRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db } = deps;
  const { mailAccess } = createMailGuards(deps);

  async function renderCredentials(request: FastifyRequest, reply: FastifyReply, administration: MailAdministration, mobileconfigError?: number, appProfileError?: AppProfileError) {
    const contract = await mail.requireMailContract(db, administration.contract.id);
    const overview = await mail.loadMailOverview(db, contract);
    const dns = overview.domains.map((domain) => ({ domain: domain.nameUnicode, records: dnsRecordsFor(domain.nameAscii, deps.mailServer, deps.publicUrl) }));
    return sendPage(
      reply,
      <CredentialsPage ctx={viewContext(request, reply)} access={administration.access} overview={overview} server={deps.mailServer} dns={dns} publicUrl={deps.publicUrl} mobileconfigError={mobileconfigError} appProfileError={appProfileError} />,
      mobileconfigError || appProfileError ? 422 : 200,
    );
  }

  async function showCredentials(request: FastifyRequest<{ Params: { number: string } }>, reply: FastifyReply) {
    const administration = await mailAccess(request, reply, request.params.number);
    return administration ? renderCredentials(request, reply, administration) : reply;
  }

  /** The URL's mailbox with its first address (the profile is made for it), asked of the policy. */
  async function loadProfileAccount(request: FastifyRequest<AccountParams>, reply: FastifyReply) {
    const administration = await mailAccess(request, reply, request.params.number);
    if (!administration) return null;
    const overview = await mail.loadMailOverview(db, await mail.requireMailContract(db, administration.contract.id));
    const account = overview.accounts.find((candidate) => candidate.id === idFromUrl(request.params.id));
    const address = account?.addresses[0];
    if (!account || !address) throw new DomainError('not_found', 'error.notFound');
    mailPolicy.authorize(administration.actor, 'manageMailObject', { contract: administration.contract, object: account });
    return { administration, account, address };
  }
  type ProfileAccount = NonNullable<Awaited<ReturnType<typeof loadProfileAccount>>>;

  /** The Apple profile; with the right password, the password goes into the profile. */
  function sendMobileconfig(request: FastifyRequest, reply: FastifyReply, target: ProfileAccount, password?: string) {
    const profile = appleMobileconfig(deps.mailServer, {
      accountName: target.account.name,
      emailAddress: target.address.address,
      userName: target.account.name,
      displayName: target.address.address,
      organisation: request.server.branding.name,
      password,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${target.account.name}.mobileconfig"`)
      .type('application/x-apple-aspen-config; charset=utf-8')
      .send(profile);
  }

  async function downloadMobileconfig(request: FastifyRequest<AccountParams>, reply: FastifyReply) {
    const target = await loadProfileAccount(request, reply);
    return target ? sendMobileconfig(request, reply, target) : reply;
  }

  const downloadMobileconfigWithPassword = formRoute<typeof MobileconfigForm, ProfileAccount, AccountParams>({
    schema: MobileconfigForm,
    load: loadProfileAccount,
    async run(input, target, request, reply) {
      if (!(await mail.checkMailPassword(db, target.account.id, input.password))) return renderCredentials(request, reply, target.administration, target.account.id);
      return sendMobileconfig(request, reply, target, input.password);
    },
    render: (_form, target, request, reply) => renderCredentials(request, reply, target.administration, target.account.id),
  });

  /**
   * The Apple profile with a new app password for that device (IMAP and SMTP), made on the spot:
   * the profile is the one place its secret appears.
   */
  const downloadMobileconfigWithAppPassword = formRoute<typeof MobileconfigAppPasswordForm, ProfileAccount, AccountParams>({
    schema: MobileconfigAppPasswordForm,
    load: loadProfileAccount,
    async run(input, target, request, reply) {
      const name = input.device.trim() || `Apple (${target.address.address})`.slice(0, 60);
      const created = await createAppPassword(db, target.administration.contract.id, target.account.id, { name, imap: true, pop3: false, smtp: true, validUntil: '' }, target.administration.by, deps.clock());
      return sendMobileconfig(request, reply, target, created.secret);
    },
    render: (form, target, request, reply) => {
      const t = viewContext(request, reply).t;
      const problem = form.errors.name ?? form.errors.form ?? form.errors.device;
      return renderCredentials(request, reply, target.administration, undefined, { accountId: target.account.id, message: problem ? t(problem.key, problem.params) : t('common.formErrors') });
    },
  });

  async function sendZxcvbnBundle(request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) {
    const file = ZXCVBN_BUNDLES.get(request.params.name);
    if (!file) throw new DomainError('not_found', 'error.notFound');
    return reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(createReadStream(file));
  }

  app.get<{ Params: { number: string } }>('/contracts/:number/zugangsdaten', showCredentials);
  app.get<AccountParams>('/contracts/:number/zugangsdaten/:id/apple.mobileconfig', downloadMobileconfig);
  app.post<AccountParams>('/contracts/:number/zugangsdaten/:id/apple.mobileconfig', downloadMobileconfigWithPassword);
  app.post<AccountParams>('/contracts/:number/zugangsdaten/:id/apple-app-password.mobileconfig', downloadMobileconfigWithAppPassword);
  app.get<{ Params: { name: string } }>('/mail-admin/assets/zxcvbn/:name', sendZxcvbnBundle);
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
  const provider = app.branding.name;

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
