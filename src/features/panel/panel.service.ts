import type { Db } from '../../platform/db/index.ts';
import { inTransaction, isUniqueViolation } from '../../platform/db/index.ts';
import type { PanelServer } from '../contracts/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { isStrongPassword } from '../../platform/password-strength.ts';
import { createPleskConnector, normalizeVersion, PanelError, type PanelConnector, type PanelEntry, type PanelMailbox } from '../../integrations/plesk/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio, type PortfolioContract } from '../contracts/index.ts';
import type { PanelConfig } from './panel.config.ts';
import type { PanelServerInput } from './panel.forms.ts';
import { panelPolicy } from './panel.policies.ts';
import * as contracts from '../contracts/index.ts';
import { simulatorBrowserUrl } from './demo-simulators.ts';

/** A connector for a stored server; `detect` ignores the stored version and asks the server. */
export function connectorFor(server: PanelServer, panel: PanelConfig, options: { detect?: boolean } = {}): PanelConnector {
  if (!server.secretEnc) throw new PanelError('config', null, 'no API credentials are stored for this server');
  let secret: string;
  try {
    secret = panel.box.open(server.secretEnc);
  } catch (e) {
    throw new PanelError('config', null, (e as Error).message);
  }
  const auth = server.authKind === 'password' ? { kind: 'password' as const, login: server.apiLogin ?? '', password: secret } : { kind: 'key' as const, key: secret };
  return createPleskConnector({
    endpoint: { url: server.url, auth, ca: server.caPem, timeoutMs: panel.timeoutMs, browserUrl: simulatorBrowserUrl(server) },
    version: options.detect ? null : (server.detectedVersion ?? server.version),
  });
}

/** The version a customer of this server sees described: detected, else configured, else the tariff's. */
export function effectiveVersion(server: Pick<PanelServer, 'detectedVersion' | 'version'> | undefined, tariffVersion: string | null): string {
  return normalizeVersion(server?.detectedVersion ?? server?.version ?? tariffVersion) ?? '18.0';
}

export function listPanelServers(db: Db, actor: Actor): Promise<PanelServer[]> {
  panelPolicy.authorize(actor, 'manageServer', null, { reveal: true });
  return contracts.listPanelServers(db);
}

/** A stored server by the id in a URL; a malformed or unknown id is a 404. */
export async function requirePanelServer(db: Db, actor: Actor, id: string): Promise<PanelServer> {
  panelPolicy.authorize(actor, 'manageServer', null, { reveal: true });
  const server = /^\d{1,9}$/.test(id) ? await contracts.findPanelServer(db, Number(id)) : undefined;
  if (!server) throw new DomainError('not_found', 'error.notFound');
  return server;
}

/** Asks the server for its protocols and release and stores what it said. */
export async function detectPanelServer(db: Db, panel: PanelConfig, actor: Actor, server: PanelServer, now: Date) {
  panelPolicy.authorize(actor, 'manageServer', server, { reveal: true });
  const info = await connectorFor(server, panel, { detect: true }).detect();
  await inTransaction(db, async (trx) => {
    await contracts.updatePanelServer(trx, server.id, { detectedVersion: info.version, protocol: info.protocol, detectedAt: now.toISOString() });
    await recordAudit(trx, { actor: auditActor(actor), event: 'panel_server.detected', subject: `panel_server:${server.id}`, details: { version: info.version, protocol: info.protocol } }, now);
  });
  return info;
}

export interface PanelContract {
  /** Whose subscription it is. */
  customerId: number;
  contract: PortfolioContract;
  server: PanelServer | undefined;
  /** Domains as Plesk names them (ASCII), main domain first. */
  domains: string[];
  version: string;
}

/**
 * The actor's Plesk contract with this number, with its server. Another customer's contract, a
 * mail-only one and a malformed number all answer 404.
 */
export async function requirePanelContract(db: Db, actor: Actor, contractNumber: string): Promise<PanelContract> {
  if (actor.kind !== 'customer' || !/^\d{1,12}$/.test(contractNumber)) throw new DomainError('not_found', 'error.notFound');
  const contract = (await listCustomerPortfolio(db, actor.customerId)).find((c) => c.contractNumber === contractNumber);
  if (!contract || contract.panel !== 'plesk') throw new DomainError('not_found', 'error.notFound');
  const server = contract.panelServerName ? await contracts.findPanelServerByName(db, contract.panelServerName) : undefined;
  const domains = [...contract.domains].sort((a, b) => a.id - b.id).map((d) => d.nameAscii);
  const subscription = { customerId: actor.customerId, contract, server, domains, version: effectiveVersion(server, contract.pleskVersion) };
  panelPolicy.authorize(actor, 'useSubscription', subscription);
  return subscription;
}

function requireServer(pc: PanelContract): PanelServer {
  if (!pc.server || !pc.contract.panelLogin) throw new PanelError('config', null, `contract ${pc.contract.contractNumber} has no Plesk server or login`);
  return pc.server;
}

/**
 * "Paket verwalten": a Plesk session bound to the customer's IP (redirect target), or the
 * login page on versions without create_session.
 */
export async function openPanel(db: Db, panel: PanelConfig, actor: Actor, input: { subscription: PanelContract; clientIp: string; sourceServer: string }, now: Date): Promise<PanelEntry> {
  const pc = input.subscription;
  panelPolicy.authorize(actor, 'useSubscription', pc);
  const server = requireServer(pc);
  const entry = await connectorFor(server, panel).openSession({ login: pc.contract.panelLogin!, userIp: input.clientIp, sourceServer: input.sourceServer });
  if (entry.kind === 'session') {
    await recordAudit(
      db,
      { actor: auditActor(actor), event: 'panel.session_opened', subject: `contract:${pc.contract.contractNumber}`, ip: input.clientIp, details: { server: server.name, login: pc.contract.panelLogin } },
      now,
    );
  }
  return entry;
}

export async function listPanelMailboxes(panel: PanelConfig, actor: Actor, pc: PanelContract): Promise<PanelMailbox[]> {
  panelPolicy.authorize(actor, 'useSubscription', pc);
  const server = requireServer(pc);
  return connectorFor(server, panel).listMailboxes({ domains: pc.domains });
}

/** Sets a mailbox password through the XML API, if the admin enabled that for the server. */
export async function setPanelMailboxPassword(
  db: Db,
  panel: PanelConfig,
  actor: Actor,
  input: { subscription: PanelContract; address: string; password: string; ip: string },
  now: Date,
): Promise<void> {
  const pc = input.subscription;
  panelPolicy.authorize(actor, 'useSubscription', pc);
  const server = requireServer(pc);
  if (!server.mailPasswordEnabled) throw new DomainError('forbidden', 'plesk.mail.disabled');
  const connector = connectorFor(server, panel);
  const mailboxes = await connector.listMailboxes({ domains: pc.domains });
  const mailbox = mailboxes.find((m) => m.address === input.address);
  if (!mailbox) throw new DomainError('not_found', 'error.notFound');
  if (!(await isStrongPassword(input.password, [mailbox.name, mailbox.domain, mailbox.address, pc.contract.contractNumber]))) {
    throw new DomainError('validation', 'password.weak', { password: { key: 'password.weak' } });
  }
  await connector.setMailboxPassword({ domains: pc.domains }, mailbox.address, input.password);
  await recordAudit(
    db,
    { actor: auditActor(actor), event: 'panel.mail_password_set', subject: `contract:${pc.contract.contractNumber}`, ip: input.ip, details: { server: server.name, address: mailbox.address } },
    now,
  );
}

/** Creates (`server` null) or updates a server; an empty secret keeps the stored one. */
export async function savePanelServer(db: Db, panel: PanelConfig, actor: Actor, input: { server: PanelServer | null; settings: PanelServerInput }, now: Date): Promise<PanelServer> {
  const { server, settings } = input;
  panelPolicy.authorize(actor, 'manageServer', server, { reveal: true });
  if (server === null && !settings.secret) throw new DomainError('validation', 'plesk.form.secretRequired', { secret: { key: 'plesk.form.secretRequired' } });
  const at = now.toISOString();
  const values = {
    name: settings.name,
    url: new URL(settings.url).origin,
    version: settings.version || null,
    authKind: settings.authKind,
    apiLogin: settings.authKind === 'password' ? settings.apiLogin : null,
    caPem: settings.caPem || null,
    mailPasswordEnabled: settings.mailPasswordEnabled ? 1 : 0,
    updatedAt: at,
    ...(settings.secret ? { secretEnc: panel.box.seal(settings.secret) } : {}),
  };
  return inTransaction(db, async (trx) => {
    let saved: PanelServer | undefined;
    try {
      saved = server === null ? await contracts.insertPanelServer(trx, { ...values, createdAt: at }) : await contracts.updatePanelServer(trx, server.id, values);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('conflict', 'plesk.form.nameTaken', { name: { key: 'plesk.form.nameTaken' } });
      throw e;
    }
    if (!saved) throw new DomainError('not_found', 'error.notFound');
    await recordAudit(
      trx,
      {
        actor: auditActor(actor),
        event: server === null ? 'panel_server.created' : 'panel_server.updated',
        subject: `panel_server:${saved.id}`,
        details: { name: saved.name, url: saved.url, authKind: saved.authKind, secretChanged: !!settings.secret, caPinned: !!saved.caPem, mailPasswordEnabled: saved.mailPasswordEnabled },
      },
      now,
    );
    return saved;
  });
}
