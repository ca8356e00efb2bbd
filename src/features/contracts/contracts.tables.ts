import type { Generated, Selectable } from 'kysely';

/**
 * The hosting catalog and what customers hold: tariffs, the panel servers contracts are placed on, contracts and domains.
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    tariffs: TariffsTable;
    panelServers: PanelServersTable;
    contracts: ContractsTable;
    domains: DomainsTable;
  }
}

export type Panel = 'plesk' | 'mailadmin';

export interface TariffsTable {
  id: Generated<number>;
  code: string;
  name: string;
  panel: Panel;
  pleskVersion: string | null;
  mailAccountLimit: number;
  mailQuotaMb: number;
  createdAt: string;
}

export type Tariff = Selectable<TariffsTable>;

export interface PanelServersTable {
  id: Generated<number>;
  name: string;
  url: string;
  version: string | null;
  createdAt: string;
  // From 004_plesk: how Hostdesk reaches the server's XML API.
  authKind: Generated<'key' | 'password'>;
  apiLogin: Generated<string | null>;
  /** AES-256-GCM box of the secret key or password (platform/secret-box.ts). */
  secretEnc: Generated<string | null>;
  /** A pinned CA (PEM) trusted instead of the system store. */
  caPem: Generated<string | null>;
  detectedVersion: Generated<string | null>;
  protocol: Generated<string | null>;
  detectedAt: Generated<string | null>;
  mailPasswordEnabled: Generated<number>;
  simulator: Generated<number>;
  updatedAt: Generated<string | null>;
}

export type PanelServer = Selectable<PanelServersTable>;

export type ContractStatus = 'active' | 'suspended' | 'cancelled';

export interface ContractsTable {
  id: Generated<number>;
  contractNumber: string;
  customerId: number;
  tariffId: number;
  status: ContractStatus;
  panelServerId: number | null;
  panelLogin: string | null;
  orderedAt: string;
}

export type Contract = Selectable<ContractsTable>;

export interface DomainsTable {
  id: Generated<number>;
  contractId: number;
  nameAscii: string;
  nameUnicode: string;
  createdAt: string;
}

export type Domain = Selectable<DomainsTable>;
