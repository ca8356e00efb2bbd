import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { Language } from '../../platform/db/database.ts';
import { listAuditEvents, STAFF_ONLY_EVENTS } from '../audit/index.ts';
import { listFailedLogins } from '../accounts/index.ts';
import { minutesOf, takeAttempt, type ThrottleRule } from '../../platform/throttle.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import { listSelfServiceContracts, resetAdminPasswordSelf, revealAdminPassword } from './admin-password.service.ts';
import type { SupportRouteDeps } from './support-route-deps.ts';
import { supportPolicy } from './support.policies.ts';
import { getSupportSettings } from './support.settings.ts';
import { customerActorOf, idFromUrl, refusalOf, sendAttachment } from './support-web.ts';
import { parseTicketNumber } from './ticket-number.ts';
import { ConfirmForm, OpenTicketForm, readTicketPrefill, ReplyForm, SelfServiceForm } from './ticket.forms.ts';
import * as repo from './ticket.repository.ts';
import { closeByCustomer, listLinkTargets, openTicket, replyAsCustomer, type Notifier } from './ticket.service.ts';
import { registerUploads } from './uploads.ts';
import type { Ticket } from './support.parts.tsx';
import { findFaqSuggestions } from './faq-suggestions.ts';
import { NewTicketPage } from './new-ticket.page.tsx';
import { RevealPage } from './reveal.page.tsx';
import { SecurityPage } from './security.page.tsx';
import { SelfServicePage } from './self-service.page.tsx';
import { TicketListPage } from './ticket-list.page.tsx';
import { TicketPage } from './ticket.page.tsx';

/** New tickets per customer and per client IP: enough for real trouble, not for flooding the queue. */
const TICKET_RULE: ThrottleRule = { scope: 'ticket-customer', limit: 10, windowMs: 3_600_000 };
const TICKET_IP_RULE: ThrottleRule = { scope: 'ticket-ip', limit: 30, windowMs: 3_600_000 };
/** FAQ suggestions while typing, per customer and per IP. */
const SUGGEST_RULE: ThrottleRule = { scope: 'faq-suggest-customer', limit: 120, windowMs: 10 * 60_000 };
const SUGGEST_IP_RULE: ThrottleRule = { scope: 'faq-suggest-ip', limit: 300, windowMs: 10 * 60_000 };

type TicketParams = { Params: { number: string } };

/** The SupportCenter in the customer area: every route behind login and confirmed master data. */
export const supportRoutes: FastifyPluginAsync<SupportRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const notifier: Notifier = { mailer: deps.mailer, publicUrl: deps.publicUrl, smtpUrl: deps.smtpUrl };
  const guard = { preHandler: deps.guards.confirmedCustomer };
  await registerUploads(app);

  const faqSuggestions = (subject: string, lang: Language) => findFaqSuggestions(db, deps.dialect, subject, lang, clock());

  /** The ticket of the URL, if it is this customer's; any other number (or a mistyped one) is the same 404. */
  async function loadTicket(request: FastifyRequest<TicketParams>): Promise<Ticket> {
    const number = request.params.number;
    const canonical = parseTicketNumber(number);
    const ticket = canonical && canonical === number ? await repo.findTicketByNumber(db, canonical) : undefined;
    if (!ticket) throw new DomainError('not_found', 'error.notFound');
    supportPolicy.authorize(customerActorOf(request), 'readTicket', ticket);
    return ticket;
  }

  async function renderTicket(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, form: FormState = emptyForm(), status = 200) {
    const includeInternal = supportPolicy.can(customerActorOf(request), 'readInternal', ticket);
    const [messages, attachments, actions] = await Promise.all([repo.listMessages(db, ticket.id, { includeInternal }), repo.listAttachments(db, ticket.id), repo.listActions(db, ticket.id)]);
    const visible = attachments.filter((a) => messages.some((m) => m.id === a.messageId));
    return sendPage(
      reply,
      <TicketPage ctx={viewContext(request, reply)} ticket={ticket} messages={messages} attachments={visible} actions={actions} form={form} now={clock()} />,
      status,
    );
  }

  /** A refused button of the ticket page: the page again, by its own URL, saying why. */
  function backToTicket(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, form: FormState) {
    setFlash(request, 'error', refusalOf(form));
    return reply.redirect(`/support/tickets/${ticket.number}`, 303);
  }

  async function renderNewTicket(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number, message?: MessageKey) {
    const [targets, faq] = await Promise.all([listLinkTargets(db, request.customer!.id), faqSuggestions(form.values.subject ?? '', request.lang)]);
    return sendPage(reply, <NewTicketPage ctx={viewContext(request, reply)} form={form} targets={targets} faq={faq} prefilled={false} message={message} />, status);
  }

  async function loadSelfService(customerId: number) {
    const [settings, contracts] = await Promise.all([getSupportSettings(db), listSelfServiceContracts(db, customerId)]);
    return { enabled: settings.selfServiceAdminPassword, contracts };
  }
  type SelfService = Awaited<ReturnType<typeof loadSelfService>>;

  function renderSelfService(request: FastifyRequest, reply: FastifyReply, page: SelfService, form: FormState, status = 200, message?: MessageKey) {
    return sendPage(reply, <SelfServicePage ctx={viewContext(request, reply)} form={form} contracts={page.contracts} enabled={page.enabled} message={message} />, status);
  }

  async function showSupportHome(request: FastifyRequest, reply: FastifyReply) {
    const customerId = request.customer!.id;
    const [tickets, selfService] = await Promise.all([repo.listCustomerTickets(db, customerId), loadSelfService(customerId)]);
    return sendPage(reply, <TicketListPage ctx={viewContext(request, reply)} tickets={tickets} selfService={selfService.enabled && selfService.contracts.length > 0} />);
  }

  async function showNewTicketForm(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const targets = await listLinkTargets(db, request.customer!.id);
    const values = readTicketPrefill(request.query, targets);
    const faq = await faqSuggestions(values.subject ?? '', request.lang);
    return sendPage(reply, <NewTicketPage ctx={viewContext(request, reply)} form={emptyForm(values)} targets={targets} faq={faq} prefilled={Object.keys(values).length > 0} />);
  }

  async function suggestHelpArticles(request: FastifyRequest<{ Querystring: { q?: unknown } }>, reply: FastifyReply) {
    const q = typeof request.query.q === 'string' ? request.query.q : '';
    return reply.header('cache-control', 'no-store').send({ results: await faqSuggestions(q, request.lang) });
  }

  const submitTicket = formRoute({
    schema: OpenTicketForm,
    load: async (request) => customerActorOf(request),
    async run(input, actor, request, reply) {
      const now = clock();
      // Counted once the form is valid; refused, the customer keeps what they wrote.
      const attempt = await takeAttempt(db, [{ rule: TICKET_RULE, key: `customer:${request.customer!.id}` }, { rule: TICKET_IP_RULE, key: request.ip }], now);
      if (!attempt.allowed) {
        request.log.info({ customerId: request.customer!.id, waitMinutes: minutesOf(attempt.waitMs) }, 'ticket creation throttled');
        return renderNewTicket(request, reply, formState(request.body), 429, 'limits.tooManyTickets');
      }
      const ticket = await openTicket(db, notifier, { actor, customerId: request.customer!.id, input, uploads: request.uploads ?? [], channel: 'web', ip: request.ip }, now);
      setFlash(request, 'success', 'support.created');
      return reply.redirect(`/support/tickets/${ticket.number}`, 303);
    },
    render: (form, _actor, request, reply, status) => renderNewTicket(request, reply, form, status),
  });

  async function showTicket(request: FastifyRequest<TicketParams>, reply: FastifyReply) {
    return renderTicket(request, reply, await loadTicket(request));
  }

  const replyToTicket = formRoute<typeof ReplyForm, Ticket, TicketParams>({
    schema: ReplyForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      await replyAsCustomer(db, { actor: customerActorOf(request), ticketId: ticket.id, body: input.body, uploads: request.uploads ?? [], ip: request.ip }, clock());
      setFlash(request, 'success', 'support.replied');
      return reply.redirect(`/support/tickets/${ticket.number}`, 303);
    },
    render: (form, ticket, request, reply, status) => renderTicket(request, reply, ticket, form, status),
  });

  const closeTicket = formRoute<typeof ConfirmForm, Ticket, TicketParams>({
    schema: ConfirmForm,
    load: loadTicket,
    async run(_input, ticket, request, reply) {
      await closeByCustomer(db, { actor: customerActorOf(request), ticketId: ticket.id, ip: request.ip }, clock());
      setFlash(request, 'info', 'support.closed');
      return reply.redirect(`/support/tickets/${ticket.number}`, 303);
    },
    render: async (form, ticket, request, reply) => backToTicket(request, reply, ticket, form),
  });

  // The one reveal: the answer page shows the password; reloading it cannot show it again.
  const revealPassword = formRoute<typeof ConfirmForm, Ticket, { Params: { number: string; action: string } }>({
    schema: ConfirmForm,
    load: loadTicket,
    async run(_input, ticket, request, reply) {
      const which = { actor: customerActorOf(request), ticketId: ticket.id, actionId: idFromUrl(request.params.action), ip: request.ip };
      const secret = await revealAdminPassword(db, deps.support.box, which, clock());
      return sendPage(reply, <RevealPage ctx={viewContext(request, reply)} mailAccount={secret.mailAccount} password={secret.password} back={`/support/tickets/${ticket.number}`} />);
    },
    render: async (form, ticket, request, reply) => backToTicket(request, reply, ticket, form),
  });

  async function downloadAttachment(request: FastifyRequest<{ Params: { number: string; id: string } }>, reply: FastifyReply) {
    const ticket = await loadTicket(request);
    const file = await repo.findAttachment(db, ticket.id, idFromUrl(request.params.id));
    if (!file) throw new DomainError('not_found', 'error.notFound');
    supportPolicy.authorize(customerActorOf(request), 'downloadAttachment', { customerId: ticket.customerId, internal: file.internal === 1 });
    return sendAttachment(reply, file);
  }

  async function showSelfService(request: FastifyRequest, reply: FastifyReply) {
    const page = await loadSelfService(request.customer!.id);
    const values: Record<string, string> = page.contracts.length === 1 ? { contract: page.contracts[0]!.contractNumber } : {};
    return renderSelfService(request, reply, page, emptyForm(values));
  }

  const resetAdminPassword = formRoute({
    schema: SelfServiceForm,
    async load(request, reply) {
      const page = await loadSelfService(request.customer!.id);
      if (page.enabled) return page;
      await renderSelfService(request, reply, page, formState(request.body), 403);
      return null;
    },
    async run(input, page, request, reply) {
      const outcome = await resetAdminPasswordSelf(db, { customerId: request.customer!.id, contractNumber: input.contract, customerPassword: input.password, ip: request.ip }, clock());
      if (outcome.kind === 'throttled') return renderSelfService(request, reply, page, formState(request.body), 429, 'support.selfServiceThrottled');
      return sendPage(
        reply,
        <RevealPage ctx={viewContext(request, reply)} mailAccount={outcome.mailAccount} password={outcome.password} titleKey="support.selfTitle" back="/support" backLabel="support.selfBack" />,
      );
    },
    render: async (form, page, request, reply, status) => renderSelfService(request, reply, page, form, status),
  });

  async function showSecurity(request: FastifyRequest, reply: FastifyReply) {
    const subject = `customer:${request.customer!.id}`;
    // Single failures are summed up per burst and address in the failed-logins list instead.
    const events = await listAuditEvents(db, { subject, limit: 100, excludeEvents: ['customer.login_failed', 'two_factor.failed', ...STAFF_ONLY_EVENTS] });
    return sendPage(reply, <SecurityPage ctx={viewContext(request, reply)} events={events} failedLogins={await listFailedLogins(db, subject)} />);
  }

  // Suggestions while typing (public/support.js); the page works without it.
  const suggestionLimits = throttleRequests(db, clock, [
    { rule: SUGGEST_RULE, keyOf: (r) => (r.customer ? `customer:${r.customer.id}` : null) },
    { rule: SUGGEST_IP_RULE, keyOf: byIp },
  ]);

  app.get('/support', guard, showSupportHome);
  app.get<{ Querystring: Record<string, unknown> }>('/support/tickets/new', guard, showNewTicketForm);
  app.get<{ Querystring: { q?: unknown } }>('/support/faq-suggestions', { preHandler: [deps.guards.confirmedCustomer, suggestionLimits] }, suggestHelpArticles);
  app.post('/support/tickets', guard, submitTicket);
  app.get<TicketParams>('/support/tickets/:number', guard, showTicket);
  app.post<TicketParams>('/support/tickets/:number/reply', guard, replyToTicket);
  app.post<TicketParams>('/support/tickets/:number/close', guard, closeTicket);
  app.post<{ Params: { number: string; action: string } }>('/support/tickets/:number/actions/:action/reveal', guard, revealPassword);
  app.get<{ Params: { number: string; id: string } }>('/support/tickets/:number/attachments/:id', guard, downloadAttachment);
  app.get('/support/admin-password', guard, showSelfService);
  app.post('/support/admin-password', guard, resetAdminPassword);
  app.get('/support/security', guard, showSecurity);
};
