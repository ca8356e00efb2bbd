import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { PanelServer } from '../contracts/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { singleLine } from '../../platform/single-line.ts';
import { isStrongPassword, MAX_PASSWORD_LENGTH } from '../../platform/password-strength.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { createPleskConnector, normalizeVersion, PanelError, type PanelConnector, type PanelEntry, type PanelMailbox } from '../../integrations/plesk/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerPortfolio, type PortfolioContract } from '../contracts/index.ts';
import type { PanelConfig } from './panel.config.ts';
import * as contracts from '../contracts/index.ts';

export interface PanelDeps {
  db: Db;
  panel: PanelConfig;
  clock: () => Date;
}

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
    endpoint: { url: server.url, auth, ca: server.caPem, timeoutMs: panel.timeoutMs },
    version: options.detect ? null : (server.detectedVersion ?? server.version),
  });
}

/** The version a customer of this server sees described: detected, else configured, else the tariff's. */
export function effectiveVersion(server: Pick<PanelServer, 'detectedVersion' | 'version'> | undefined, tariffVersion: string | null): string {
  return normalizeVersion(server?.detectedVersion ?? server?.version ?? tariffVersion) ?? '18.0';
}

/** Asks the server for its protocols and release and stores what it said. */
export async function detectPanelServer(deps: PanelDeps, server: PanelServer, actor: string) {
  const info = await connectorFor(server, deps.panel, { detect: true }).detect();
  const at = deps.clock().toISOString();
  await contracts.updatePanelServer(deps.db, server.id, { detectedVersion: info.version, protocol: info.protocol, detectedAt: at });
  await recordAudit(deps.db, { actor, event: 'panel_server.detected', subject: `panel_server:${server.id}`, details: { version: info.version, protocol: info.protocol } }, deps.clock());
  return info;
}

export interface PanelContract {
  contract: PortfolioContract;
  server: PanelServer | undefined;
  /** Domains as Plesk names them (ASCII), main domain first. */
  domains: string[];
  version: string;
}

/** A Plesk contract of this customer with its server, or undefined (the caller answers 404). */
export async function findPanelContract(db: Db, customerId: number, contractNumber: string): Promise<PanelContract | undefined> {
  if (!/^\d{1,12}$/.test(contractNumber)) return undefined;
  const contract = (await listCustomerPortfolio(db, customerId)).find((c) => c.contractNumber === contractNumber);
  if (!contract || contract.panel !== 'plesk') return undefined;
  const server = contract.panelServerName ? await contracts.findPanelServerByName(db, contract.panelServerName) : undefined;
  const domains = [...contract.domains].sort((a, b) => a.id - b.id).map((d) => d.nameAscii);
  return { contract, server, domains, version: effectiveVersion(server, contract.pleskVersion) };
}

function requireServer(pc: PanelContract): PanelServer {
  if (!pc.server || !pc.contract.panelLogin) throw new PanelError('config', null, `contract ${pc.contract.contractNumber} has no Plesk server or login`);
  return pc.server;
}

/**
 * "Paket verwalten": a Plesk session bound to the customer's IP (redirect target), or the
 * login page on versions without create_session.
 */
export async function openPanel(deps: PanelDeps, pc: PanelContract, input: { clientIp: string; sourceServer: string; actor: string }): Promise<PanelEntry> {
  const server = requireServer(pc);
  const entry = await connectorFor(server, deps.panel).openSession({ login: pc.contract.panelLogin!, userIp: input.clientIp, sourceServer: input.sourceServer });
  if (entry.kind === 'session') {
    await recordAudit(
      deps.db,
      { actor: input.actor, event: 'panel.session_opened', subject: `contract:${pc.contract.contractNumber}`, ip: input.clientIp, details: { server: server.name, login: pc.contract.panelLogin } },
      deps.clock(),
    );
  }
  return entry;
}

export async function listPanelMailboxes(deps: PanelDeps, pc: PanelContract): Promise<PanelMailbox[]> {
  const server = requireServer(pc);
  return connectorFor(server, deps.panel).listMailboxes({ domains: pc.domains });
}

export const MailPasswordForm = z
  .object({
    address: z.string().min(3).max(320),
    password: z.string().min(1, 'plesk.mail.passwordRequired').max(MAX_PASSWORD_LENGTH, 'plesk.mail.passwordTooLong'),
    passwordRepeat: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'plesk.mail.passwordMismatch' });

/** Sets a mailbox password through the XML API, if the admin enabled that for the server. */
export async function setPanelMailboxPassword(
  deps: PanelDeps,
  pc: PanelContract,
  input: { address: string; password: string },
  by: { actor: string; ip: string },
): Promise<void> {
  const server = requireServer(pc);
  if (!server.mailPasswordEnabled) throw new DomainError('forbidden', 'plesk.mail.disabled');
  const connector = connectorFor(server, deps.panel);
  const mailboxes = await connector.listMailboxes({ domains: pc.domains });
  const mailbox = mailboxes.find((m) => m.address === input.address);
  if (!mailbox) throw new DomainError('not_found', 'error.notFound');
  if (!(await isStrongPassword(input.password, [mailbox.name, mailbox.domain, mailbox.address, pc.contract.contractNumber]))) {
    throw new DomainError('validation', 'password.weak', { password: { key: 'password.weak' } });
  }
  await connector.setMailboxPassword({ domains: pc.domains }, mailbox.address, input.password);
  await recordAudit(
    deps.db,
    { actor: by.actor, event: 'panel.mail_password_set', subject: `contract:${pc.contract.contractNumber}`, ip: by.ip, details: { server: server.name, address: mailbox.address } },
    deps.clock(),
  );
}

const VERSION_CHOICES = ['', '8.6', '9.5', '10.4', '11.5', '12.5', '17.8', '18.0'] as const;
export const PANEL_VERSION_CHOICES = VERSION_CHOICES;

export const PanelServerForm = z
  .object({
    name: z.string().trim().min(1, 'plesk.form.nameRequired').max(100, 'common.tooLong').regex(/^[\w.\-]+$/, 'plesk.form.nameInvalid'),
    url: z
      .string()
      .trim()
      .max(300, 'common.tooLong')
      .refine((v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'https:' && u.pathname === '/' && !u.search && !u.username;
        } catch {
          return false;
        }
      }, 'plesk.form.urlInvalid'),
    version: z.enum(VERSION_CHOICES, { message: 'plesk.form.versionInvalid' }),
    authKind: z.enum(['key', 'password'], { message: 'common.invalid' }),
    apiLogin: singleLine(z.string().trim().max(100, 'common.tooLong')).default(''),
    secret: z.string().max(500, 'common.tooLong').default(''),
    caPem: z
      .string()
      .trim()
      .max(20_000, 'common.tooLong')
      .default('')
      .refine((v) => v === '' || isCertificate(v), 'plesk.form.caInvalid'),
    mailPasswordEnabled: z.string().optional(),
  })
  .refine((v) => v.authKind !== 'password' || v.apiLogin.length > 0, { path: ['apiLogin'], message: 'plesk.form.loginRequired' });
export type PanelServerInput = z.infer<typeof PanelServerForm>;

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** Creates (id null) or updates a server; an empty secret keeps the stored one. */
export async function savePanelServer(deps: PanelDeps, id: number | null, input: PanelServerInput, actor: string): Promise<PanelServer> {
  const now = deps.clock().toISOString();
  if (id === null && !input.secret) throw new DomainError('validation', 'plesk.form.secretRequired', { secret: { key: 'plesk.form.secretRequired' } });
  const values = {
    name: input.name,
    url: new URL(input.url).origin,
    version: input.version || null,
    authKind: input.authKind,
    apiLogin: input.authKind === 'password' ? input.apiLogin : null,
    caPem: input.caPem || null,
    mailPasswordEnabled: input.mailPasswordEnabled ? 1 : 0,
    updatedAt: now,
    ...(input.secret ? { secretEnc: deps.panel.box.seal(input.secret) } : {}),
  };
  let saved: PanelServer | undefined;
  try {
    saved = id === null ? await contracts.insertPanelServer(deps.db, { ...values, createdAt: now }) : await contracts.updatePanelServer(deps.db, id, values);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('conflict', 'plesk.form.nameTaken', { name: { key: 'plesk.form.nameTaken' } });
    throw e;
  }
  if (!saved) throw new DomainError('not_found', 'error.notFound');
  await recordAudit(
    deps.db,
    {
      actor,
      event: id === null ? 'panel_server.created' : 'panel_server.updated',
      subject: `panel_server:${saved.id}`,
      details: { name: saved.name, url: saved.url, authKind: saved.authKind, secretChanged: !!input.secret, caPinned: !!saved.caPem, mailPasswordEnabled: saved.mailPasswordEnabled },
    },
    deps.clock(),
  );
  return saved;
}

export { listPanelServers, findPanelServer } from '../contracts/index.ts';
