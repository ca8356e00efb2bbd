import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import { fieldErrors, formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { Customer } from '../accounts/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { listAuditEvents } from '../audit/index.ts';
import { listFailedLogins } from '../accounts/index.ts';
import { minutesOf, takeAttempt, type ThrottleRule } from '../../platform/throttle.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import { searchHelp } from '../help/index.ts';
import { listSelfServiceContracts, resetAdminPasswordSelf, revealAdminPassword } from './admin-password.service.ts';
import type { SupportRouteDeps } from './support-route-deps.ts';
import { getSupportSettings } from './support.settings.ts';
import { parseTicketNumber } from './ticket-number.ts';
import { OpenTicketForm, ReplyForm, SelfServiceForm } from './ticket.forms.ts';
import { TICKET_CATEGORIES } from './ticket.model.ts';
import * as repo from './ticket.repository.ts';
import { closeByCustomer, listLinkTargets, openTicket, replyAsCustomer } from './ticket.service.ts';
import { formFields, registerUploads } from './uploads.ts';
import { CustomerTicketPage, NewTicketPage, RevealPage, SecurityPage, SelfServicePage, SupportHomePage, type FaqSuggestion } from './support.views.tsx';

const FAQ_LIMIT = 5;
/** New tickets per customer and per client IP: enough for real trouble, not for flooding the queue. */
const TICKET_RULE: ThrottleRule = { scope: 'ticket-customer', limit: 10, windowMs: 3_600_000 };
const TICKET_IP_RULE: ThrottleRule = { scope: 'ticket-ip', limit: 30, windowMs: 3_600_000 };
/** FAQ suggestions while typing, per customer and per IP. */
const SUGGEST_RULE: ThrottleRule = { scope: 'faq-suggest-customer', limit: 120, windowMs: 10 * 60_000 };
const SUGGEST_IP_RULE: ThrottleRule = { scope: 'faq-suggest-ip', limit: 300, windowMs: 10 * 60_000 };

/** Help articles that may already answer a subject; empty when the help center has nothing. */
export async function faqSuggestions(deps: Pick<SupportRouteDeps, 'db' | 'dialect' | 'clock'>, subject: string, lang: Language): Promise<FaqSuggestion[]> {
  const text = subject.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text.length < 3) return [];
  const outcome = await searchHelp(deps.db, deps.dialect, { text: text.slice(0, 100), language: lang, log: false, limit: FAQ_LIMIT }, deps.clock());
  if (outcome.kind !== 'results') return [];
  const base = lang === 'de' ? '/hilfe' : '/help';
  return outcome.results.map((r) => ({ href: `${base}/${r.entryId}`, question: r.question }));
}

/** The SupportCenter in the customer area: every route behind login and confirmed master data. */
export const supportRoutes: FastifyPluginAsync<SupportRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const service = { db, config: { publicUrl: deps.publicUrl, smtpUrl: deps.smtpUrl }, mailer: deps.mailer, clock, support: deps.support };
  const guard = { preHandler: deps.guards.confirmedCustomer };
  await registerUploads(app);

  /** The logged-in customer's own ticket; any other number (or a mistyped one) is the same 404. */
  async function ownTicket(customer: Customer, number: string) {
    const canonical = parseTicketNumber(number);
    const ticket = canonical && canonical === number ? await repo.findCustomerTicket(db, customer.id, canonical) : undefined;
    if (!ticket) throw new DomainError('not_found', 'error.notFound');
    return ticket;
  }

  async function showTicket(request: FastifyRequest, reply: FastifyReply, number: string, form: FormState = emptyForm(), status = 200) {
    const ticket = await ownTicket(request.customer!, number);
    const [messages, attachments, actions] = await Promise.all([
      repo.listMessages(db, ticket.id, { includeInternal: false }),
      repo.listAttachments(db, ticket.id),
      repo.listActions(db, ticket.id),
    ]);
    const visible = attachments.filter((a) => messages.some((m) => m.id === a.messageId));
    return sendPage(
      reply,
      <CustomerTicketPage ctx={viewContext(request, reply)} ticket={ticket} messages={messages} attachments={visible} actions={actions} form={form} multipart now={clock()} />,
      status,
    );
  }

  app.get('/support', guard, async (request, reply) => {
    const customer = request.customer!;
    const [tickets, settings, contracts] = await Promise.all([
      repo.listCustomerTickets(db, customer.id),
      getSupportSettings(db),
      listSelfServiceContracts(service, customer.id),
    ]);
    return sendPage(reply, <SupportHomePage ctx={viewContext(request, reply)} tickets={tickets} selfService={settings.selfServiceAdminPassword && contracts.length > 0} />);
  });

  // Other pages link here with prefilled fields: ?subject=…&category=…&contract=…
  app.get<{ Querystring: Record<string, unknown> }>('/support/tickets/new', guard, async (request, reply) => {
    const customer = request.customer!;
    const q = request.query;
    const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
    const targets = await listLinkTargets(db, customer.id);
    const values: Record<string, string> = {};
    const subject = str(q.subject, 150).replace(/[\u0000-\u001f]/g, ' ');
    if (subject) values.subject = subject;
    const category = str(q.category, 30);
    if ((TICKET_CATEGORIES as readonly string[]).includes(category)) values.category = category;
    const contract = str(q.contract, 20);
    if (contract && targets.some((c) => c.contractNumber === contract)) values.link = `contract:${contract}`;
    // Asking for a new admin password: point at the only contract that has one, if there is just one.
    const adminContracts = targets.filter((c) => c.panel === 'mailadmin');
    if (values.category === 'admin_password' && !values.link && adminContracts.length === 1) values.link = `contract:${adminContracts[0]!.contractNumber}`;
    const faq = await faqSuggestions(deps, subject, request.lang);
    return sendPage(
      reply,
      <NewTicketPage ctx={viewContext(request, reply)} form={emptyForm(values)} targets={targets} faq={faq} prefilled={Object.keys(values).length > 0} multipart />,
    );
  });

  // Suggestions while typing (public/support.js); the page works without it.
  const suggestionLimits = throttleRequests(db, clock, [
    { rule: SUGGEST_RULE, keyOf: (r) => (r.customer ? `customer:${r.customer.id}` : null) },
    { rule: SUGGEST_IP_RULE, keyOf: byIp },
  ]);
  app.get<{ Querystring: { q?: unknown } }>('/support/faq-suggestions', { preHandler: [deps.guards.confirmedCustomer, suggestionLimits] }, async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q : '';
    return reply.header('cache-control', 'no-store').send({ results: await faqSuggestions(deps, q, request.lang) });
  });

  app.post('/support/tickets', guard, async (request, reply) => {
    const customer = request.customer!;
    const fields = formFields(request.body);
    const parsed = OpenTicketForm.safeParse(fields);
    const rerender = async (errors: FormState['errors'], status: number, message?: MessageKey) => {
      const targets = await listLinkTargets(db, customer.id);
      const faq = await faqSuggestions(deps, fields.subject ?? '', request.lang);
      return sendPage(reply, <NewTicketPage ctx={viewContext(request, reply)} form={formState(fields, errors)} targets={targets} faq={faq} prefilled={false} multipart message={message} />, status);
    };
    if (!parsed.success) return rerender(fieldErrors(parsed.error), 422);
    // Counted once the form is valid; refused, the customer keeps what they wrote.
    const attempt = await takeAttempt(db, [{ rule: TICKET_RULE, key: `customer:${customer.id}` }, { rule: TICKET_IP_RULE, key: request.ip }], clock());
    if (!attempt.allowed) {
      request.log.info({ customerId: customer.id, waitMinutes: minutesOf(attempt.waitMs) }, 'ticket creation throttled');
      return rerender({}, 429, 'limits.tooManyTickets');
    }
    try {
      const ticket = await openTicket(service, { customer, input: parsed.data, uploads: request.uploads ?? [], channel: 'web', actor: `customer:${customer.id}`, ip: request.ip });
      setFlash(request, 'success', 'support.created');
      return reply.redirect(`/support/tickets/${ticket.number}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return rerender(error.fields, 422);
      throw error;
    }
  });

  app.get<{ Params: { number: string } }>('/support/tickets/:number', guard, (request, reply) => showTicket(request, reply, request.params.number));

  app.post<{ Params: { number: string } }>('/support/tickets/:number/reply', guard, async (request, reply) => {
    const customer = request.customer!;
    const ticket = await ownTicket(customer, request.params.number);
    const fields = formFields(request.body);
    const parsed = ReplyForm.safeParse(fields);
    if (!parsed.success) return showTicket(request, reply, ticket.number, formState(fields, fieldErrors(parsed.error)), 422);
    try {
      await replyAsCustomer(service, { customer, ticketId: ticket.id, body: parsed.data.body, uploads: request.uploads ?? [], ip: request.ip });
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        return showTicket(request, reply, ticket.number, formState(fields, error.fields), error.code === 'conflict' ? 409 : 422);
      }
      throw error;
    }
    setFlash(request, 'success', 'support.replied');
    return reply.redirect(`/support/tickets/${ticket.number}`, 303);
  });

  app.post<{ Params: { number: string } }>('/support/tickets/:number/close', guard, async (request, reply) => {
    const ticket = await ownTicket(request.customer!, request.params.number);
    await closeByCustomer(service, { customer: request.customer!, ticketId: ticket.id, ip: request.ip });
    setFlash(request, 'info', 'support.closed');
    return reply.redirect(`/support/tickets/${ticket.number}`, 303);
  });

  // The one reveal: the answer page shows the password; reloading it cannot show it again.
  app.post<{ Params: { number: string; action: string } }>('/support/tickets/:number/actions/:action/reveal', guard, async (request, reply) => {
    const customer = request.customer!;
    const ticket = await ownTicket(customer, request.params.number);
    const actionId = /^\d{1,9}$/.test(request.params.action) ? Number(request.params.action) : 0;
    try {
      const secret = await revealAdminPassword(service, { customer, ticketId: ticket.id, actionId, ip: request.ip });
      return sendPage(reply, <RevealPage ctx={viewContext(request, reply)} ticketNumber={ticket.number} mailAccount={secret.mailAccount} password={secret.password} back={`/support/tickets/${ticket.number}`} />);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict') {
        setFlash(request, 'error', error.key);
        return reply.redirect(`/support/tickets/${ticket.number}`, 303);
      }
      throw error;
    }
  });

  app.get<{ Params: { number: string; id: string } }>('/support/tickets/:number/attachments/:id', guard, async (request, reply) => {
    const ticket = await ownTicket(request.customer!, request.params.number);
    const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : 0;
    const file = await repo.findAttachment(db, ticket.id, id);
    if (!file || file.internal === 1) throw new DomainError('not_found', 'error.notFound');
    return sendAttachment(reply, file);
  });

  app.get('/support/admin-password', guard, async (request, reply) => {
    const settings = await getSupportSettings(db);
    const contracts = await listSelfServiceContracts(service, request.customer!.id);
    const values: Record<string, string> = contracts.length === 1 ? { contract: contracts[0]!.contractNumber } : {};
    return sendPage(reply, <SelfServicePage ctx={viewContext(request, reply)} form={emptyForm(values)} contracts={contracts} enabled={settings.selfServiceAdminPassword} />);
  });

  app.post('/support/admin-password', guard, async (request, reply) => {
    const customer = request.customer!;
    const fields = formFields(request.body);
    const settings = await getSupportSettings(db);
    const contracts = await listSelfServiceContracts(service, customer.id);
    const rerender = (errors: FormState['errors'], status: number, message?: MessageKey) =>
      sendPage(reply, <SelfServicePage ctx={viewContext(request, reply)} form={formState(fields, errors)} contracts={contracts} enabled={settings.selfServiceAdminPassword} message={message} />, status);
    if (!settings.selfServiceAdminPassword) return rerender({}, 403);
    const parsed = SelfServiceForm.safeParse(fields);
    if (!parsed.success) return rerender(fieldErrors(parsed.error), 422);
    try {
      const result = await resetAdminPasswordSelf(service, { customer, contractNumber: parsed.data.contract, customerPassword: parsed.data.password, ip: request.ip });
      return sendPage(
        reply,
        <RevealPage ctx={viewContext(request, reply)} ticketNumber="" mailAccount={result.mailAccount} password={result.password} titleKey="support.selfTitle" back="/support" />,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return rerender(error.fields, 422);
      if (error instanceof DomainError && error.code === 'rate_limited') return rerender({}, 429, 'support.selfServiceThrottled');
      throw error;
    }
  });

  app.get('/support/security', guard, async (request, reply) => {
    const subject = `customer:${request.customer!.id}`;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 100, excludeEvents: ['customer.login_failed', 'two_factor.failed'] });
    return sendPage(reply, <SecurityPage ctx={viewContext(request, reply)} events={events} failedLogins={await listFailedLogins(db, subject)} />);
  });
};

/** Sends a stored attachment as a download: never rendered inline, never sniffed. */
export function sendAttachment(reply: FastifyReply, file: { filename: string; contentType: string; data: Buffer | Uint8Array }) {
  // Names stored before hidden characters were refused are saved with them written out.
  const name = showHiddenCharacters(file.filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(file.data));
}
