// The panel servers contracts are placed on. Contracts owns the table and every write to it; the
// panel feature keeps a server's API access and detected version here through these functions.
import type { Db } from '../../platform/db/index.ts';
import type { PanelServersTable } from './contracts.tables.ts';
import type { Updateable } from 'kysely';

export function listPanelServers(db: Db) {
  return db.selectFrom('panelServers').selectAll().orderBy('name').execute();
}

export function findPanelServer(db: Db, id: number) {
  return db.selectFrom('panelServers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPanelServerByName(db: Db, name: string) {
  return db.selectFrom('panelServers').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listSimulatedPanelServers(db: Db) {
  return db.selectFrom('panelServers').selectAll().where('simulator', '=', 1).orderBy('id').execute();
}

export async function insertPanelServer(db: Db, values: { name: string; url: string; version: string | null; createdAt: string } & Updateable<PanelServersTable>) {
  return db.insertInto('panelServers').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePanelServer(db: Db, id: number, values: Updateable<PanelServersTable>) {
  return db.updateTable('panelServers').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Plesk logins and domains of the contracts on one server, for the demo's simulators. */
export async function listSubscriptionsOnServer(db: Db, serverId: number) {
  const rows = await db
    .selectFrom('contracts')
    .innerJoin('domains', 'domains.contractId', 'contracts.id')
    .select(['contracts.id as contractId', 'contracts.panelLogin', 'domains.nameAscii', 'domains.id as domainId'])
    .where('contracts.panelServerId', '=', serverId)
    .where('contracts.panelLogin', 'is not', null)
    .orderBy('contracts.id')
    .orderBy('domains.id')
    .execute();
  const byLogin = new Map<string, string[]>();
  for (const r of rows) byLogin.set(r.panelLogin!, [...(byLogin.get(r.panelLogin!) ?? []), r.nameAscii]);
  return [...byLogin].map(([login, domains]) => ({ login, domains }));
}
