import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { fieldErrors, formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { TicketCategory, TicketPriority, TicketState } from './support.tables.ts';
import { findCustomerByNumber, listActiveStaffNames } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findAdminAccount } from '../mail/index.ts';
import { setAdminPasswordFromTicket } from './admin-password.service.ts';
import type { SupportRouteDeps } from './support-route-deps.ts';
import { getSupportSettings, saveSupportSettings } from './support.settings.ts';
import { CannedReplyForm, NoteForm, QueueFilter, SettingsForm, StaffEmailTicketForm, StaffReplyForm, StaffUpdateForm } from './ticket.forms.ts';
import * as repo from './ticket.repository.ts';
import {
  addInternalNote,
  listLinkTargets,
  markSeenByStaff,
  openTicket,
  replyAsStaff,
  runSupportMaintenance,
  updateTicket,
} from './ticket.service.ts';
import { formFields, registerUploads } from './uploads.ts';
import { sendAttachment } from './support.routes.tsx';
import { CannedRepliesPage, EmailTicketPage, OutboxPage, QueuePage, SettingsPage, StaffTicketPage, type StaffTicketData } from './staff-tickets.views.tsx';

/** The staff side of the SupportCenter: queue, ticket view, replies, notes, actions. */
export const staffTicketRoutes: FastifyPluginAsync<SupportRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const service = { db, config: { publicUrl: deps.publicUrl, smtpUrl: deps.smtpUrl }, mailer: deps.mailer, clock, support: deps.support };
  const staffOnly = { preHandler: deps.guards.staff };
  const adminOnly = { preHandler: deps.guards.admin };
  await registerUploads(app);

  const ticketId = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : 0);

  async function loadTicket(id: number): Promise<StaffTicketData> {
    const ticket = await repo.findTicket(db, id);
    if (!ticket) throw new DomainError('not_found', 'error.notFound');
    const [messages, attachments, events, actions, targets, staff, canned] = await Promise.all([
      repo.listMessages(db, ticket.id, { includeInternal: true }),
      repo.listAttachments(db, ticket.id),
      repo.listEvents(db, ticket.id),
      repo.listActions(db, ticket.id),
      listLinkTargets(db, ticket.customerId),
      listActiveStaffNames(db),
      repo.listCannedReplies(db),
    ]);
    // The same rules as setAdminPasswordFromTicket, to offer the button only where it can work.
    let actionBlocked: MessageKey | null = null;
    let adminAccount: string | null = null;
    const contract = targets.find((c) => c.id === ticket.contractId);
    if (ticket.authenticated !== 1 || ticket.channel !== 'web') actionBlocked = 'support.actionNeedsAuthenticated';
    else if (ticket.state === 'closed') actionBlocked = 'support.ticketClosed';
    else if (!contract || contract.panel !== 'mailadmin' || contract.status !== 'active') actionBlocked = 'support.actionNeedsContract';
    else {
      adminAccount = (await findAdminAccount(db, contract.id))?.name ?? null;
      if (!adminAccount) actionBlocked = 'support.actionNeedsContract';
    }
    return { ticket, messages, attachments, events, actions, targets, staff, canned, actionBlocked, adminAccount };
  }

  async function showTicket(request: FastifyRequest, reply: FastifyReply, id: number, forms: { reply?: FormState; note?: FormState; update?: FormState } = {}, status = 200) {
    const data = await loadTicket(id);
    const t = data.ticket;
    const updateForm = forms.update ?? emptyForm({ state: t.state, priority: t.priority, assignee: t.assigneeId === null ? '' : String(t.assigneeId), category: t.category });
    return sendPage(
      reply,
      <StaffTicketPage ctx={viewContext(request, reply)} data={data} replyForm={forms.reply ?? emptyForm()} noteForm={forms.note ?? emptyForm()} updateForm={updateForm} />,
      status,
    );
  }

  app.get<{ Querystring: Record<string, unknown> }>('/staff/tickets', staffOnly, async (request, reply) => {
    await runSupportMaintenance({ db, clock });
    const filter = QueueFilter.parse(request.query ?? {});
    const [tickets, staff] = await Promise.all([repo.listQueue(db, filter, request.staff!.id), listActiveStaffNames(db)]);
    return sendPage(reply, <QueuePage ctx={viewContext(request, reply)} filter={filter} tickets={tickets} staff={staff} />);
  });

  app.get('/staff/tickets/new', staffOnly, async (request, reply) => {
    return sendPage(reply, <EmailTicketPage ctx={viewContext(request, reply)} form={emptyForm({ category: 'other' })} />);
  });

  // A request that came by e-mail, recorded by staff: never authenticated.
  app.post('/staff/tickets/new', staffOnly, async (request, reply) => {
    const fields = formFields(request.body);
    const rerender = (errors: FormState['errors']) => sendPage(reply, <EmailTicketPage ctx={viewContext(request, reply)} form={formState(fields, errors)} />, 422);
    const parsed = StaffEmailTicketForm.safeParse(fields);
    if (!parsed.success) return rerender(fieldErrors(parsed.error));
    const customer = await findCustomerByNumber(db, parsed.data.customer);
    if (!customer) return rerender({ customer: { key: 'support.customerUnknown' } });
    try {
      const ticket = await openTicket(service, {
        customer,
        input: { subject: parsed.data.subject, category: parsed.data.category, link: parsed.data.contract ? `contract:${parsed.data.contract}` : '', body: parsed.data.body },
        uploads: [],
        channel: 'email',
        actor: `staff:${request.staff!.id}`,
        ip: request.ip,
      });
      const created = await repo.findTicketIdByNumber(db, ticket.number);
      return reply.redirect(`/staff/tickets/${created!.id}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return rerender(error.fields.link ? { contract: error.fields.link } : error.fields);
      throw error;
    }
  });

  app.get('/staff/tickets/canned', staffOnly, async (request, reply) => {
    return sendPage(reply, <CannedRepliesPage ctx={viewContext(request, reply)} replies={await repo.listCannedReplies(db)} form={emptyForm()} />);
  });

  app.post('/staff/tickets/canned', staffOnly, async (request, reply) => {
    const fields = formFields(request.body);
    const parsed = CannedReplyForm.safeParse(fields);
    if (!parsed.success) {
      return sendPage(reply, <CannedRepliesPage ctx={viewContext(request, reply)} replies={await repo.listCannedReplies(db)} form={formState(fields, fieldErrors(parsed.error))} />, 422);
    }
    const at = clock().toISOString();
    await db.insertInto('supportCannedReplies').values({ title: parsed.data.title, body: parsed.data.body, createdBy: request.staff!.id, createdAt: at, updatedAt: at }).execute();
    setFlash(request, 'success', 'support.staff.cannedSaved');
    return reply.redirect('/staff/tickets/canned', 303);
  });

  app.post<{ Params: { id: string } }>('/staff/tickets/canned/:id/delete', staffOnly, async (request, reply) => {
    const result = await db.deleteFrom('supportCannedReplies').where('id', '=', ticketId(request.params.id)).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new DomainError('not_found', 'error.notFound');
    setFlash(request, 'success', 'support.staff.cannedDeleted');
    return reply.redirect('/staff/tickets/canned', 303);
  });

  app.get('/staff/tickets/outbox', staffOnly, async (request, reply) => {
    return sendPage(reply, <OutboxPage ctx={viewContext(request, reply)} notifications={await repo.listNotifications(db)} />);
  });

  app.get('/staff/tickets/settings', adminOnly, async (request, reply) => {
    return sendPage(reply, <SettingsPage ctx={viewContext(request, reply)} settings={await getSupportSettings(db)} form={emptyForm()} />);
  });

  app.post('/staff/tickets/settings', adminOnly, async (request, reply) => {
    const fields = formFields(request.body);
    const parsed = SettingsForm.safeParse(fields);
    const current = await getSupportSettings(db);
    if (!parsed.success) return sendPage(reply, <SettingsPage ctx={viewContext(request, reply)} settings={current} form={formState(fields, fieldErrors(parsed.error))} />, 422);
    const next = { selfServiceAdminPassword: parsed.data.selfService === 'on', autoCloseDays: parsed.data.autoCloseDays, notifyTo: parsed.data.notifyTo };
    await saveSupportSettings(db, next);
    await recordAudit(db, { actor: `staff:${request.staff!.id}`, event: 'support.settings_changed', subject: 'support', ip: request.ip, details: { from: current, to: next } }, clock());
    setFlash(request, 'success', 'support.staff.settingsSaved');
    return reply.redirect('/staff/tickets/settings', 303);
  });

  app.get<{ Params: { id: string }; Querystring: { canned?: unknown } }>('/staff/tickets/:id', staffOnly, async (request, reply) => {
    const id = ticketId(request.params.id);
    const exists = await repo.findTicket(db, id);
    if (!exists) throw new DomainError('not_found', 'error.notFound');
    await markSeenByStaff(service, request.staff!, id);
    // A canned reply chosen without JavaScript comes back as ?canned=<id> and fills the reply.
    const cannedId = typeof request.query.canned === 'string' ? ticketId(request.query.canned) : 0;
    const canned = cannedId ? await repo.findCannedReply(db, cannedId) : undefined;
    const name = [exists.customerFirstName, exists.customerLastName].filter(Boolean).join(' ') || exists.customerEmail;
    const replyForm = canned ? emptyForm({ body: canned.body.replaceAll('{name}', name).replaceAll('{ticket}', exists.number) }) : undefined;
    return showTicket(request, reply, id, { reply: replyForm });
  });

  app.post<{ Params: { id: string } }>('/staff/tickets/:id/reply', staffOnly, async (request, reply) => {
    const id = ticketId(request.params.id);
    const fields = formFields(request.body);
    const parsed = StaffReplyForm.safeParse(fields);
    if (!parsed.success) return showTicket(request, reply, id, { reply: formState(fields, fieldErrors(parsed.error)) }, 422);
    try {
      await replyAsStaff(service, { staff: request.staff!, ticketId: id, body: parsed.data.body, state: parsed.data.state as TicketState, uploads: request.uploads ?? [], ip: request.ip });
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        return showTicket(request, reply, id, { reply: formState(fields, Object.keys(error.fields).length ? error.fields : { body: { key: error.key } }) }, error.code === 'conflict' ? 409 : 422);
      }
      throw error;
    }
    setFlash(request, 'success', 'support.staff.replied');
    return reply.redirect(`/staff/tickets/${id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/staff/tickets/:id/note', staffOnly, async (request, reply) => {
    const id = ticketId(request.params.id);
    const fields = formFields(request.body);
    const parsed = NoteForm.safeParse(fields);
    if (!parsed.success) return showTicket(request, reply, id, { note: formState(fields, fieldErrors(parsed.error)) }, 422);
    try {
      await addInternalNote(service, { staff: request.staff!, ticketId: id, body: parsed.data.body, uploads: request.uploads ?? [] });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return showTicket(request, reply, id, { note: formState(fields, error.fields) }, 422);
      throw error;
    }
    setFlash(request, 'success', 'support.staff.noted');
    return reply.redirect(`/staff/tickets/${id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/staff/tickets/:id/update', staffOnly, async (request, reply) => {
    const id = ticketId(request.params.id);
    const fields = formFields(request.body);
    const parsed = StaffUpdateForm.safeParse(fields);
    if (!parsed.success) return showTicket(request, reply, id, { update: formState(fields, fieldErrors(parsed.error)) }, 422);
    try {
      await updateTicket(service, {
        staff: request.staff!,
        ticketId: id,
        state: parsed.data.state as TicketState,
        priority: parsed.data.priority as TicketPriority,
        assigneeId: parsed.data.assignee ? Number(parsed.data.assignee) : null,
        category: parsed.data.category as TicketCategory,
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return showTicket(request, reply, id, { update: formState(fields, error.fields) }, 422);
      throw error;
    }
    setFlash(request, 'success', 'support.staff.updated');
    return reply.redirect(`/staff/tickets/${id}`, 303);
  });

  // The typed, audited staff action. The password never reaches this handler.
  app.post<{ Params: { id: string } }>('/staff/tickets/:id/actions/admin-password', staffOnly, async (request, reply) => {
    const id = ticketId(request.params.id);
    try {
      await setAdminPasswordFromTicket(service, { staff: request.staff!, ticketId: id, ip: request.ip });
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'forbidden' || error.code === 'conflict')) {
        await recordAudit(db, { actor: `staff:${request.staff!.id}`, event: 'support.admin_password_refused', subject: `ticket-id:${id}`, ip: request.ip, details: { reason: error.key } }, clock());
        setFlash(request, 'error', error.key);
        return showTicket(request, reply, id, {}, error.code === 'forbidden' ? 403 : 409);
      }
      throw error;
    }
    setFlash(request, 'success', 'support.staff.actionDone');
    return reply.redirect(`/staff/tickets/${id}`, 303);
  });

  app.get<{ Params: { id: string; file: string } }>('/staff/tickets/:id/attachments/:file', staffOnly, async (request, reply) => {
    const file = await repo.findAttachment(db, ticketId(request.params.id), ticketId(request.params.file));
    if (!file) throw new DomainError('not_found', 'error.notFound');
    return sendAttachment(reply, file);
  });
};
