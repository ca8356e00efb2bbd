import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { Customer } from './accounts.tables.ts';
import { accountsPolicy } from './accounts.policies.ts';
import { actorOf } from './actor.ts';
import { ownCustomerRow } from './guards.ts';
import { correctMasterData, masterDataHistory } from './customer.service.ts';
import { isConfirmationDue, masterDataOf } from './master-data.ts';
import { MasterDataForm } from './master-data.forms.ts';
import { MasterDataPage } from './master-data.page.tsx';

export interface MasterDataRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  masterDataConfirmMonths: number;
}

export const masterDataRoutes: FastifyPluginAsync<MasterDataRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const guard = { preHandler: deps.guards.customer };

  async function loadOwnMasterData(request: FastifyRequest): Promise<Customer> {
    const customer = await ownCustomerRow(db, request);
    accountsPolicy.authorize(actorOf(request), 'manageOwnAccount', customer);
    return customer;
  }

  async function renderMasterData(request: FastifyRequest, reply: FastifyReply, customer: Customer, form: FormState, status = 200) {
    const history = await masterDataHistory(db, customer.id);
    const due = isConfirmationDue(customer.confirmedAt, deps.masterDataConfirmMonths, clock());
    return sendPage(reply, <MasterDataPage ctx={viewContext(request, reply)} customer={customer} form={form} due={due} history={history} />, status);
  }

  async function showMasterData(request: FastifyRequest, reply: FastifyReply) {
    const customer = await loadOwnMasterData(request);
    return renderMasterData(request, reply, customer, emptyForm(masterDataOf(customer)));
  }

  const confirmMasterData = formRoute({
    schema: MasterDataForm,
    load: loadOwnMasterData,
    async run(input, customer, request, reply) {
      const changes = await correctMasterData(db, actorOf(request), customer, input, request.ip, clock());
      setFlash(request, 'success', Object.keys(changes).length > 0 ? 'masterData.saved' : 'masterData.confirmed');
      return reply.redirect('/domains', 303);
    },
    render: (form, customer, request, reply, status) => renderMasterData(request, reply, customer, form, status),
  });

  app.get('/stammdaten', guard, showMasterData);
  app.post('/stammdaten', guard, confirmMasterData);
};
