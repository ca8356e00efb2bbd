import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import { fieldErrors, formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { recordAudit } from '../audit/index.ts';
import { correctMasterData, masterDataHistory } from './customer.service.ts';
import { MasterDataForm, isConfirmationDue, masterDataOf } from './master-data.ts';
import { MasterDataPage } from './master-data.views.tsx';

export interface MasterDataRouteDeps {
  db: Db;
  clock: Clock;
  guards: Guards;
  masterDataConfirmMonths: number;
}

export const masterDataRoutes: FastifyPluginAsync<MasterDataRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const due = (confirmedAt: string | null) => isConfirmationDue(confirmedAt, deps.masterDataConfirmMonths, clock());

  app.get('/stammdaten', { preHandler: deps.guards.customer }, async (request, reply) => {
    const customer = request.customer!;
    const history = await masterDataHistory(db, customer.id);
    const form = emptyForm(masterDataOf(customer));
    return sendPage(reply, <MasterDataPage ctx={viewContext(request, reply)} customer={customer} form={form} due={due(customer.confirmedAt)} history={history} />);
  });

  app.post('/stammdaten', { preHandler: deps.guards.customer }, async (request, reply) => {
    const customer = request.customer!;
    const parsed = MasterDataForm.safeParse(request.body);
    if (!parsed.success) {
      const history = await masterDataHistory(db, customer.id);
      return sendPage(
        reply,
        <MasterDataPage ctx={viewContext(request, reply)} customer={customer} form={formState(request.body, fieldErrors(parsed.error))} due={due(customer.confirmedAt)} history={history} />,
        422,
      );
    }
    const actor = `customer:${customer.id}`;
    const changes = await correctMasterData(db, customer, parsed.data, actor, clock());
    await recordAudit(db, { actor, event: 'customer.master_data_confirmed', subject: actor, ip: request.ip, details: { changed: Object.keys(changes) } }, clock());
    setFlash(request, 'success', Object.keys(changes).length > 0 ? 'masterData.saved' : 'masterData.confirmed');
    return reply.redirect('/domains', 303);
  });
};
