import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { accountsPolicy, actorOf, masterDataOf, MasterDataForm, type Customer } from '../accounts/index.ts';
import { ConfirmForm, CustomerNoteForm, ResetTwoFactorForm, searchQueryOf } from './backoffice.forms.ts';
import { addCustomerNote } from './customer-notes.service.ts';
import { customerOverview, editCustomerMasterData, requireCustomer, resetCustomerTwoFactor, sendPasswordResetLink, type CustomerOverview } from './customer-overview.service.ts';
import { searchEverything, staffHome } from './staff-home.service.ts';
import { StaffCustomerPage, type CustomerForms } from './staff-customer.page.tsx';
import { StaffHomePage } from './staff-home.page.tsx';
import { StaffMasterDataPage } from './staff-master-data.page.tsx';
import { ResetTwoFactorConfirmPage } from './reset-two-factor-confirm.page.tsx';

export interface BackofficeRouteDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  guards: Guards;
  /** For the password-reset link mailed to a customer. */
  publicUrl: string;
}

type CustomerParams = { Params: { number: string } };

/** The staff side's home (the work, one search box) and the customer staff act on. */
export const backofficeCustomerRoutes: FastifyPluginAsync<BackofficeRouteDeps> = async (app, deps) => {
  const { db, guards, clock } = deps;

  async function showHome(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const query = searchQueryOf(request.query);
    const actor = actorOf(request);
    const ctx = viewContext(request, reply);
    if (query) return sendPage(reply, <StaffHomePage ctx={ctx} query={query} results={await searchEverything(db, actor, query)} home={null} />);
    return sendPage(reply, <StaffHomePage ctx={ctx} query="" results={null} home={await staffHome(db, actor, clock())} />);
  }

  async function loadCustomer(request: FastifyRequest<CustomerParams>) {
    return customerOverview(db, actorOf(request), request.params.number);
  }

  async function renderCustomer(request: FastifyRequest, reply: FastifyReply, overview: CustomerOverview, forms: CustomerForms = {}, status = 200) {
    return sendPage(reply, <StaffCustomerPage ctx={viewContext(request, reply)} overview={overview} forms={forms} />, status);
  }

  async function showCustomer(request: FastifyRequest<CustomerParams>, reply: FastifyReply) {
    return renderCustomer(request, reply, await loadCustomer(request));
  }

  const customerUrl = (customer: Pick<Customer, 'customerNumber'>) => `/staff/customers/${customer.customerNumber}`;

  /** The reset of the second factor asks first; a customer without one goes back to their page. */
  async function renderResetConfirm(request: FastifyRequest, reply: FastifyReply, overview: CustomerOverview, form: FormState, status = 200) {
    if (!overview.canResetTwoFactor) return reply.redirect(customerUrl(overview.customer), 303);
    return sendPage(reply, <ResetTwoFactorConfirmPage ctx={viewContext(request, reply)} customer={overview.customer} form={form} />, status);
  }

  async function showResetConfirm(request: FastifyRequest<CustomerParams>, reply: FastifyReply) {
    return renderResetConfirm(request, reply, await loadCustomer(request), emptyForm());
  }

  const resetTwoFactor = formRoute<typeof ResetTwoFactorForm, CustomerOverview, CustomerParams>({
    schema: ResetTwoFactorForm,
    load: loadCustomer,
    async run(_input, overview, request, reply) {
      const customer = await resetCustomerTwoFactor(db, deps.mailer, { actor: actorOf(request), customerNumber: overview.customer.customerNumber, ip: request.ip }, clock());
      setFlash(request, 'success', 'twoFactor.resetDone');
      return reply.redirect(customerUrl(customer), 303);
    },
    render: (form, overview, request, reply, status) => renderResetConfirm(request, reply, overview, form, status),
  });

  const sendResetLink = formRoute<typeof ConfirmForm, CustomerOverview, CustomerParams>({
    schema: ConfirmForm,
    load: loadCustomer,
    async run(_input, overview, request, reply) {
      await sendPasswordResetLink(db, deps.mailer, { actor: actorOf(request), customer: overview.customer, publicUrl: deps.publicUrl, ip: request.ip }, clock());
      setFlash(request, 'success', 'backoffice.resetLinkSent');
      return reply.redirect(customerUrl(overview.customer), 303);
    },
    render: (form, overview, request, reply, status) => renderCustomer(request, reply, overview, { reset: form }, status),
  });

  const addNote = formRoute<typeof CustomerNoteForm, CustomerOverview, CustomerParams>({
    schema: CustomerNoteForm,
    load: loadCustomer,
    async run(input, overview, request, reply) {
      await addCustomerNote(db, { actor: actorOf(request), customer: overview.customer, body: input.body, ip: request.ip }, clock());
      setFlash(request, 'success', 'backoffice.noteSaved');
      return reply.redirect(`${customerUrl(overview.customer)}#notes-heading`, 303);
    },
    render: (form, overview, request, reply, status) => renderCustomer(request, reply, overview, { note: form }, status),
  });

  async function loadEditableCustomer(request: FastifyRequest<CustomerParams>): Promise<Customer> {
    const customer = await requireCustomer(db, request.params.number);
    accountsPolicy.authorize(actorOf(request), 'editCustomer', customer, { reveal: true });
    return customer;
  }

  async function renderMasterData(request: FastifyRequest, reply: FastifyReply, customer: Customer, form: FormState, status = 200) {
    return sendPage(reply, <StaffMasterDataPage ctx={viewContext(request, reply)} customer={customer} form={form} />, status);
  }

  async function showMasterData(request: FastifyRequest<CustomerParams>, reply: FastifyReply) {
    const customer = await loadEditableCustomer(request);
    return renderMasterData(request, reply, customer, emptyForm(masterDataOf(customer)));
  }

  const saveMasterData = formRoute<typeof MasterDataForm, Customer, CustomerParams>({
    schema: MasterDataForm,
    load: loadEditableCustomer,
    async run(input, customer, request, reply) {
      const changes = await editCustomerMasterData(db, { actor: actorOf(request), customer, data: input, ip: request.ip }, clock());
      setFlash(request, Object.keys(changes).length > 0 ? 'success' : 'info', Object.keys(changes).length > 0 ? 'backoffice.masterDataSaved' : 'backoffice.masterDataUnchanged');
      return reply.redirect(customerUrl(customer), 303);
    },
    render: (form, customer, request, reply, status) => renderMasterData(request, reply, customer, form, status),
  });

  app.get<{ Querystring: Record<string, unknown> }>('/staff', { preHandler: guards.staff }, showHome);
  app.get<CustomerParams>('/staff/customers/:number', { preHandler: guards.staff }, showCustomer);
  app.get<CustomerParams>('/staff/customers/:number/stammdaten', { preHandler: guards.staff }, showMasterData);
  app.post<CustomerParams>('/staff/customers/:number/stammdaten', { preHandler: guards.staff }, saveMasterData);
  app.post<CustomerParams>('/staff/customers/:number/password-reset', { preHandler: guards.staff }, sendResetLink);
  app.post<CustomerParams>('/staff/customers/:number/notes', { preHandler: guards.staff }, addNote);
  app.get<CustomerParams>('/staff/customers/:number/reset-2fa', { preHandler: guards.admin }, showResetConfirm);
  app.post<CustomerParams>('/staff/customers/:number/reset-2fa', { preHandler: guards.admin }, resetTwoFactor);
};
