import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { listActiveStaffNames, partyNamesOf } from '../accounts/index.ts';
import { checkAdminPasswordAction, countAdminPasswordRuns, setAdminPasswordFromTicket } from './admin-password.service.ts';
import { addCannedReply, findCannedReplyToDelete, removeCannedReply } from './canned-replies.service.ts';
import type { SupportRouteDeps } from './support-route-deps.ts';
import { supportPolicy } from './support.policies.ts';
import { changeSupportSettings, getSupportSettings } from './support.settings.ts';
import { idFromUrl, refusalOf, sendAttachment, staffActorOf } from './support-web.ts';
import { AdminPasswordConfirmForm, CannedReplyForm, ConfirmedForm, NoteForm, TakeTicketForm, readQueueFilter, SettingsForm, StaffEmailTicketForm, StaffReplyForm, StaffUpdateForm } from './ticket.forms.ts';
import * as repo from './ticket.repository.ts';
import { addInternalNote, listLinkTargets, recordEmailTicket, replyAsStaff, runSupportMaintenance, takeTicket, updateTicket, type Notifier } from './ticket.service.ts';
import { registerUploads } from './uploads.ts';
import { AutoReplyForm, AUTO_REPLY_TEMPLATES, diagnoseMailbox, loadDeliveryRules } from '../mail/index.ts';
import { editorStateOf, storedAutoReplyState, type RulesEditorState } from '../mail/ui.ts';
import { AutoReplyActionPage } from './auto-reply-action.page.tsx';
import { checkAutoReplyAction, setAutoReplyFromTicket } from './auto-reply-action.service.ts';
import { CannedRepliesPage } from './canned-replies.page.tsx';
import { CannedReplyDeletePage } from './canned-reply-delete.page.tsx';
import { EmailTicketPage } from './email-ticket.page.tsx';
import { OutboxPage } from './outbox.page.tsx';
import { SettingsPage } from './settings.page.tsx';
import { StaffQueuePage } from './staff-queue.page.tsx';
import { StaffTicketPage, type StaffTicketData } from './staff-ticket.page.tsx';
import { AdminPasswordConfirmPage } from './admin-password-confirm.page.tsx';
import type { Ticket } from './support.parts.tsx';

type TicketParams = { Params: { id: string } };

/** The forms of the staff ticket page; each comes back alone with its errors. */
interface TicketForms {
  reply?: FormState;
  note?: FormState;
  update?: FormState;
}

/** The staff side of the SupportCenter: queue, ticket view, replies, notes, actions. */
export const staffTicketRoutes: FastifyPluginAsync<SupportRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const notifier: Notifier = { mailer: deps.mailer, publicUrl: deps.publicUrl, smtpUrl: deps.smtpUrl };
  const staffOnly = { preHandler: deps.guards.staff };
  const adminOnly = { preHandler: deps.guards.admin };
  await registerUploads(app);

  async function loadTicket(request: FastifyRequest<TicketParams>): Promise<Ticket> {
    const ticket = await repo.findTicket(db, idFromUrl(request.params.id));
    if (!ticket) throw new DomainError('not_found', 'error.notFound');
    supportPolicy.authorize(staffActorOf(request), 'workTicket', ticket);
    return ticket;
  }

  async function loadTicketPage(request: FastifyRequest, ticket: Ticket): Promise<StaffTicketData> {
    const includeInternal = supportPolicy.can(staffActorOf(request), 'readInternal', ticket);
    const [messages, attachments, events, actions, targets, staff, canned, action] = await Promise.all([
      repo.listMessages(db, ticket.id, { includeInternal }),
      repo.listAttachments(db, ticket.id),
      repo.listEvents(db, ticket.id),
      repo.listActions(db, ticket.id),
      listLinkTargets(db, ticket.customerId),
      listActiveStaffNames(db),
      repo.listCannedReplies(db),
      // The service's own rules, so that the button is offered only where it can work.
      checkAdminPasswordAction(db, ticket),
    ]);
    // A ticket about one mailbox shows why it may not log in, as the customer would read it.
    const noQuestion = { protocol: null, login: null, server: null };
    const diagnosis = ticket.mailAccountId === null ? null : await diagnoseMailbox(db, deps.mailServer, { accountId: ticket.mailAccountId }, noQuestion, clock());
    const actionBlocked = action.refusal?.key ?? null;
    const names = await partyNamesOf(db, events.map((event) => event.actor));
    return { ticket, me: request.staff!.id, messages, attachments, events, actions, targets, staff, canned, actionBlocked, adminAccount: action.target?.account.name ?? null, diagnosis, names };
  }

  async function renderTicket(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, forms: TicketForms = {}, status = 200) {
    const data = await loadTicketPage(request, ticket);
    const current = { state: ticket.state, priority: ticket.priority, assignee: ticket.assigneeId === null ? '' : String(ticket.assigneeId), category: ticket.category };
    return sendPage(
      reply,
      <StaffTicketPage ctx={viewContext(request, reply)} data={data} replyForm={forms.reply ?? emptyForm()} noteForm={forms.note ?? emptyForm()} updateForm={forms.update ?? emptyForm(current)} />,
      status,
    );
  }

  const ticketUrl = (ticket: Ticket) => `/staff/tickets/${ticket.id}`;

  async function showQueue(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    await runSupportMaintenance(db, clock());
    const filter = readQueueFilter(request.query);
    const [tickets, staff] = await Promise.all([repo.listQueue(db, filter, request.staff!.id), listActiveStaffNames(db)]);
    return sendPage(reply, <StaffQueuePage ctx={viewContext(request, reply)} filter={filter} tickets={tickets} staff={staff} />);
  }

  async function showEmailTicketForm(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <EmailTicketPage ctx={viewContext(request, reply)} form={emptyForm({ category: 'other' })} />);
  }

  // A request that came by e-mail, recorded by staff: never authenticated.
  const recordTicketFromEmail = formRoute({
    schema: StaffEmailTicketForm,
    load: async (request) => staffActorOf(request),
    async run(input, actor, request, reply) {
      const ticket = await recordEmailTicket(
        db,
        notifier,
        { actor, customerNumber: input.customer, contractNumber: input.contract, subject: input.subject, category: input.category, body: input.body, ip: request.ip },
        clock(),
      );
      return reply.redirect(`/staff/tickets/${ticket.id}`, 303);
    },
    render: async (form, _actor, request, reply, status) => sendPage(reply, <EmailTicketPage ctx={viewContext(request, reply)} form={form} />, status),
  });

  async function showCannedReplies(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <CannedRepliesPage ctx={viewContext(request, reply)} replies={await repo.listCannedReplies(db)} form={emptyForm()} />);
  }

  const saveCannedReply = formRoute({
    schema: CannedReplyForm,
    load: async (request) => staffActorOf(request),
    async run(input, actor, request, reply) {
      await addCannedReply(db, { actor, title: input.title, body: input.body }, clock());
      setFlash(request, 'success', 'support.staff.cannedSaved');
      return reply.redirect('/staff/tickets/canned', 303);
    },
    render: async (form, _actor, request, reply, status) => sendPage(reply, <CannedRepliesPage ctx={viewContext(request, reply)} replies={await repo.listCannedReplies(db)} form={form} />, status),
  });

  // Asked first: the list's button posts without `confirm=yes` and gets the confirmation step; only its form deletes.
  async function deleteCannedReply(request: FastifyRequest<TicketParams>, reply: FastifyReply) {
    const actor = staffActorOf(request);
    const canned = await findCannedReplyToDelete(db, { actor, id: idFromUrl(request.params.id) });
    if (!ConfirmedForm.safeParse(request.body ?? {}).success) return sendPage(reply, <CannedReplyDeletePage ctx={viewContext(request, reply)} reply={canned} form={emptyForm()} />);
    await removeCannedReply(db, { actor, id: canned.id });
    setFlash(request, 'success', 'support.staff.cannedDeleted');
    return reply.redirect('/staff/tickets/canned', 303);
  }

  async function showOutbox(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <OutboxPage ctx={viewContext(request, reply)} notifications={await repo.listNotifications(db)} />);
  }

  async function showSettings(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <SettingsPage ctx={viewContext(request, reply)} settings={await getSupportSettings(db)} form={emptyForm()} />);
  }

  const saveSettings = formRoute({
    schema: SettingsForm,
    load: () => getSupportSettings(db),
    async run(settings, _current, request, reply) {
      await changeSupportSettings(db, { actor: staffActorOf(request), settings, ip: request.ip }, clock());
      setFlash(request, 'success', 'support.staff.settingsSaved');
      return reply.redirect('/staff/tickets/settings', 303);
    },
    render: async (form, current, request, reply, status) => sendPage(reply, <SettingsPage ctx={viewContext(request, reply)} settings={current} form={form} />, status),
  });

  async function showTicket(request: FastifyRequest<TicketParams & { Querystring: { canned?: unknown } }>, reply: FastifyReply) {
    // Looking changes nothing: a ticket leaves "new" when someone takes it ("Übernehmen") or answers.
    const ticket = await loadTicket(request);
    // A canned reply chosen without JavaScript comes back as ?canned=<id> and fills the reply.
    const cannedId = typeof request.query.canned === 'string' ? idFromUrl(request.query.canned) : 0;
    const canned = cannedId ? await repo.findCannedReply(db, cannedId) : undefined;
    const name = [ticket.customerFirstName, ticket.customerLastName].filter(Boolean).join(' ') || ticket.customerEmail;
    const replyForm = canned ? emptyForm({ body: canned.body.replaceAll('{name}', name).replaceAll('{ticket}', ticket.number) }) : undefined;
    return renderTicket(request, reply, ticket, { reply: replyForm });
  }

  const replyToCustomer = formRoute<typeof StaffReplyForm, Ticket, TicketParams>({
    schema: StaffReplyForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      await replyAsStaff(db, notifier, { actor: staffActorOf(request), ticketId: ticket.id, body: input.body, state: input.state, uploads: request.uploads ?? [], ip: request.ip }, clock());
      setFlash(request, 'success', 'support.staff.replied');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render: (form, ticket, request, reply, status) => renderTicket(request, reply, ticket, { reply: form }, status),
  });

  const addNote = formRoute<typeof NoteForm, Ticket, TicketParams>({
    schema: NoteForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      await addInternalNote(db, { actor: staffActorOf(request), ticketId: ticket.id, body: input.body, uploads: request.uploads ?? [] }, clock());
      setFlash(request, 'success', 'support.staff.noted');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render: (form, ticket, request, reply, status) => renderTicket(request, reply, ticket, { note: form }, status),
  });

  const changeTicket = formRoute<typeof StaffUpdateForm, Ticket, TicketParams>({
    schema: StaffUpdateForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      const change = { actor: staffActorOf(request), ticketId: ticket.id, state: input.state, priority: input.priority, assigneeId: input.assignee, category: input.category, ip: request.ip };
      await updateTicket(db, change, clock());
      setFlash(request, 'success', 'support.staff.updated');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render: (form, ticket, request, reply, status) => renderTicket(request, reply, ticket, { update: form }, status),
  });

  const takeOver = formRoute<typeof TakeTicketForm, Ticket, TicketParams>({
    schema: TakeTicketForm,
    load: loadTicket,
    async run(_input, ticket, request, reply) {
      await takeTicket(db, { actor: staffActorOf(request), ticketId: ticket.id, ip: request.ip }, clock());
      setFlash(request, 'success', 'support.staff.taken');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render(form, ticket, request, reply, status) {
      setFlash(request, 'error', refusalOf(form));
      return renderTicket(request, reply, ticket, {}, status);
    },
  });

  /**
   * The confirmation step of the staff action, a page of its own (no JavaScript needed): what will
   * happen, and from the second run on a ticket the reason. A ticket the action cannot run on
   * goes back to the ticket page, which says why.
   */
  async function renderAdminPasswordConfirm(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, form: FormState, status = 200) {
    const [action, runs] = await Promise.all([checkAdminPasswordAction(db, ticket), countAdminPasswordRuns(db, ticket.id)]);
    if (action.refusal || !action.target) {
      setFlash(request, 'error', action.refusal?.key ?? 'support.staff.actionUnavailable');
      return reply.redirect(ticketUrl(ticket), 303);
    }
    const page = <AdminPasswordConfirmPage ctx={viewContext(request, reply)} ticket={ticket} account={action.target.account.name} contractNumber={action.target.contract.contractNumber} runs={runs} form={form} />;
    return sendPage(reply, page, status);
  }

  async function showAdminPasswordConfirm(request: FastifyRequest<TicketParams>, reply: FastifyReply) {
    return renderAdminPasswordConfirm(request, reply, await loadTicket(request), emptyForm());
  }

  // The typed, audited staff action, after its confirmation step. The password never reaches this handler.
  const setAdminPassword = formRoute<typeof AdminPasswordConfirmForm, Ticket, TicketParams>({
    schema: AdminPasswordConfirmForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      await setAdminPasswordFromTicket(db, notifier, deps.support, { actor: staffActorOf(request), ticketId: ticket.id, reason: input.reason, ip: request.ip }, clock());
      setFlash(request, 'success', 'support.staff.actionDone');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render(form, ticket, request, reply, status) {
      // The confirmation itself or its reason: the confirmation page again, with the message.
      if (form.errors.confirm || form.errors.reason) return renderAdminPasswordConfirm(request, reply, ticket, form, status);
      setFlash(request, 'error', refusalOf(form));
      return renderTicket(request, reply, ticket, {}, status);
    },
  });

  // ---- "Abwesenheitsnotiz setzen": the out-of-office reply of a mailbox of the ticket's contract ----

  async function renderAutoReplyAction(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, accountId: number, typed?: RulesEditorState, status = 200, template?: string) {
    const { refusal, mailboxes } = await checkAutoReplyAction(db, ticket);
    const mailbox = mailboxes.find((candidate) => candidate.id === accountId) ?? (mailboxes.length === 1 ? mailboxes[0] : undefined);
    let chosen = null;
    if (mailbox) {
      const rules = await loadDeliveryRules(db, mailbox);
      const start = template === 'de' || template === 'en' ? AUTO_REPLY_TEMPLATES[template] : undefined;
      chosen = { mailbox, rules, state: typed ?? storedAutoReplyState(rules, start) };
    }
    return sendPage(reply, <AutoReplyActionPage ctx={viewContext(request, reply)} ticket={ticket} refusal={refusal?.key ?? null} mailboxes={mailboxes} chosen={chosen} />, status);
  }

  async function showAutoReplyAction(request: FastifyRequest<TicketParams & { Querystring: { postfach?: unknown; vorlage?: unknown } }>, reply: FastifyReply) {
    const ticket = await loadTicket(request);
    supportPolicy.authorize(staffActorOf(request), 'setAutoReply', ticket);
    const accountId = typeof request.query.postfach === 'string' ? idFromUrl(request.query.postfach) : 0;
    return renderAutoReplyAction(request, reply, ticket, accountId, undefined, 200, typeof request.query.vorlage === 'string' ? request.query.vorlage : undefined);
  }

  const accountIdOf = (body: unknown) => {
    const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).accountId : undefined;
    return typeof raw === 'string' ? idFromUrl(raw) : 0;
  };

  const setAutoReply = formRoute<typeof AutoReplyForm, Ticket, TicketParams>({
    schema: AutoReplyForm,
    load: loadTicket,
    async run(input, ticket, request, reply) {
      const done = await setAutoReplyFromTicket(db, { actor: staffActorOf(request), ticketId: ticket.id, accountId: accountIdOf(request.body), input, ip: request.ip }, clock());
      request.log.info({ account: done.account }, 'out-of-office reply set from ticket');
      setFlash(request, 'success', 'support.autoReply.done');
      return reply.redirect(ticketUrl(ticket), 303);
    },
    render: (form, ticket, request, reply, status) => renderAutoReplyAction(request, reply, ticket, accountIdOf(request.body), editorStateOf(request.body, form.errors), status),
  });

  async function downloadAttachment(request: FastifyRequest<{ Params: { id: string; file: string } }>, reply: FastifyReply) {
    const ticket = await loadTicket(request);
    const file = await repo.findAttachment(db, ticket.id, idFromUrl(request.params.file));
    if (!file) throw new DomainError('not_found', 'error.notFound');
    supportPolicy.authorize(staffActorOf(request), 'downloadAttachment', { customerId: ticket.customerId, internal: file.internal === 1 });
    return sendAttachment(reply, file);
  }

  app.get<{ Querystring: Record<string, unknown> }>('/staff/tickets', staffOnly, showQueue);
  app.get('/staff/tickets/new', staffOnly, showEmailTicketForm);
  app.post('/staff/tickets/new', staffOnly, recordTicketFromEmail);
  app.get('/staff/tickets/canned', staffOnly, showCannedReplies);
  app.post('/staff/tickets/canned', staffOnly, saveCannedReply);
  app.post<TicketParams>('/staff/tickets/canned/:id/delete', staffOnly, deleteCannedReply);
  app.get('/staff/tickets/outbox', staffOnly, showOutbox);
  app.get('/staff/tickets/settings', adminOnly, showSettings);
  app.post('/staff/tickets/settings', adminOnly, saveSettings);
  app.get<TicketParams & { Querystring: { canned?: unknown } }>('/staff/tickets/:id', staffOnly, showTicket);
  app.post<TicketParams>('/staff/tickets/:id/reply', staffOnly, replyToCustomer);
  app.post<TicketParams>('/staff/tickets/:id/note', staffOnly, addNote);
  app.post<TicketParams>('/staff/tickets/:id/update', staffOnly, changeTicket);
  app.post<TicketParams>('/staff/tickets/:id/take', staffOnly, takeOver);
  app.get<TicketParams>('/staff/tickets/:id/actions/admin-password', staffOnly, showAdminPasswordConfirm);
  app.post<TicketParams>('/staff/tickets/:id/actions/admin-password', staffOnly, setAdminPassword);
  app.get<TicketParams & { Querystring: { postfach?: unknown; vorlage?: unknown } }>('/staff/tickets/:id/auto-reply', staffOnly, showAutoReplyAction);
  app.post<TicketParams>('/staff/tickets/:id/actions/auto-reply', staffOnly, setAutoReply);
  app.get<{ Params: { id: string; file: string } }>('/staff/tickets/:id/attachments/:file', staffOnly, downloadAttachment);
};
