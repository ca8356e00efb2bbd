import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Language } from '../../platform/db/database.ts';

/**
 * Customers, their master-data history, staff users, API tokens, password resets, second factors
 * and the login throttle's memory (known addresses, failure bursts).
 * The SQL is in platform/db/migrations; platform's Database gets these tables by declaration merging.
 */
declare module '../../platform/db/database.ts' {
  interface Database {
    customers: CustomersTable;
    masterDataEvents: MasterDataEventsTable;
    staffUsers: StaffUsersTable;
    apiTokens: ApiTokensTable;
    passwordResetTokens: PasswordResetTokensTable;
    twoFactorCredentials: TwoFactorCredentialsTable;
    twoFactorBackupCodes: TwoFactorBackupCodesTable;
    knownLoginSources: KnownLoginSourcesTable;
    loginAlerts: LoginAlertsTable;
    loginFailureBursts: LoginFailureBurstsTable;
  }
}

export interface CustomersTable {
  id: Generated<number>;
  customerNumber: string;
  email: string;
  passwordHash: string;
  salutation: string;
  firstName: string;
  lastName: string;
  company: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  phone: string;
  language: Language;
  confirmedAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  /** Grows with every change of the password or the second factor; sessions record it (010). */
  credentialGeneration: Generated<number>;
  /** Grows with every change of the customer's contracts, domains, tariffs or panel servers (triggers, 020). */
  portfolioVersion: Generated<number>;
}

export type Customer = Selectable<CustomersTable>;

export type NewCustomer = Insertable<CustomersTable>;

export type CustomerUpdate = Updateable<CustomersTable>;

export interface MasterDataEventsTable {
  id: Generated<number>;
  customerId: number;
  kind: 'confirmed' | 'changed';
  /** JSON: { field: { from, to } } for changes, {} for confirmations. */
  changes: string;
  actor: string;
  createdAt: string;
}

export type StaffRole = 'agent' | 'admin';

export interface StaffUsersTable {
  id: Generated<number>;
  login: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
  language: Language;
  createdAt: string;
  disabledAt: string | null;
  /** Grows with every change of the password or the second factor; sessions record it (010). */
  credentialGeneration: Generated<number>;
}

export type StaffUser = Selectable<StaffUsersTable>;

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  tokenHash: string;
  prefix: string;
  createdBy: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type ApiToken = Selectable<ApiTokensTable>;

export interface PasswordResetTokensTable {
  id: Generated<number>;
  customerId: number;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** TOTP second factor of a customer or staff user (`subject` = `customer:12` / `staff:3`). */
export interface TwoFactorCredentialsTable {
  subject: string;
  /** The TOTP seed, sealed with the app's secret key (platform/secret-box.ts). */
  secretSealed: string;
  /** null while the user is still setting it up. */
  confirmedAt: string | null;
  /** Last TOTP time step accepted, so that a code is never accepted twice. */
  lastStep: number;
  createdAt: string;
}

export interface TwoFactorBackupCodesTable {
  id: Generated<number>;
  subject: string;
  /** SHA-256 of a random single-use code. */
  codeHash: string;
  usedAt: string | null;
}

/** An address an account logged in from: evidence that exempts it from the account-wide throttle. */
export interface KnownLoginSourcesTable {
  /** `customer:12`, `staff:3`, `mail-account:500001.001`. */
  subject: string;
  /** SHA-256 of the address (an IPv6 address by its /64 network). */
  addressKey: string;
  lastSuccessAt: string;
}

export type LoginFailureKind = 'password' | 'code';

/** The current burst of failures on one account (or typed unknown name), and whether its owner was told. */
export interface LoginAlertsTable {
  /** The account's subject, or `unknown:<sha256 of the typed name>`. */
  target: string;
  kind: LoginFailureKind;
  burstStartedAt: string;
  lastFailureAt: string;
  failures: number;
  notifiedAt: string | null;
}

/** Failed attempts of one burst from one client address: "N failed attempts from ADDRESS, last at TIME". */
export interface LoginFailureBurstsTable {
  id: Generated<number>;
  target: string;
  kind: LoginFailureKind;
  address: string;
  burstStartedAt: string;
  failures: number;
  firstAt: string;
  lastAt: string;
}

export type LoginFailureBurst = Selectable<LoginFailureBurstsTable>;
