import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { actorOf } from '../accounts/index.ts';
import { ConfirmForm, searchQueryOf } from './backoffice.forms.ts';
import { customerOverview, findCustomers, resetCustomerTwoFactor, type CustomerOverview } from './customer-overview.service.ts';
import { CustomerSearchPage } from './customer-search.page.tsx';
import { StaffCustomerPage } from './staff-customer.page.tsx';

export interface BackofficeRouteDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  guards: Guards;
}

type CustomerParams = { Params: { number: string } };

/** The staff side's view of customers: search and the customer at a glance. */
export const backofficeCustomerRoutes: FastifyPluginAsync<BackofficeRouteDeps> = async (app, deps) => {
  const { db, guards } = deps;

  async function searchCustomers(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const query = searchQueryOf(request.query);
    const results = await findCustomers(db, actorOf(request), query);
    return sendPage(reply, <CustomerSearchPage ctx={viewContext(request, reply)} query={query} results={query ? results : null} />);
  }

  async function loadCustomer(request: FastifyRequest<CustomerParams>) {
    return customerOverview(db, actorOf(request), request.params.number);
  }

  async function renderCustomer(request: FastifyRequest, reply: FastifyReply, overview: CustomerOverview, form: FormState = emptyForm(), status = 200) {
    return sendPage(reply, <StaffCustomerPage ctx={viewContext(request, reply)} overview={overview} resetForm={form} />, status);
  }

  async function showCustomer(request: FastifyRequest<CustomerParams>, reply: FastifyReply) {
    return renderCustomer(request, reply, await loadCustomer(request));
  }

  const resetTwoFactor = formRoute<typeof ConfirmForm, CustomerOverview, CustomerParams>({
    schema: ConfirmForm,
    load: loadCustomer,
    async run(_input, overview, request, reply) {
      const customer = await resetCustomerTwoFactor(db, deps.mailer, { actor: actorOf(request), customerNumber: overview.customer.customerNumber, ip: request.ip }, deps.clock());
      setFlash(request, 'success', 'twoFactor.resetDone');
      return reply.redirect(`/staff/customers/${customer.customerNumber}`, 303);
    },
    render: (form, overview, request, reply, status) => renderCustomer(request, reply, overview, form, status),
  });

  app.get<{ Querystring: Record<string, unknown> }>('/staff', { preHandler: guards.staff }, searchCustomers);
  app.get<CustomerParams>('/staff/customers/:number', { preHandler: guards.staff }, showCustomer);
  app.post<CustomerParams>('/staff/customers/:number/reset-2fa', { preHandler: guards.admin }, resetTwoFactor);
};
