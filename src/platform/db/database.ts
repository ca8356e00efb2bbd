import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The schema as TypeScript sees it, written by hand (see migrations/ for the SQL).
 * Timestamps are ISO-8601 strings in UTC; flags are integers 0/1 so that
 * Dovecot's and Postfix's SQL sees the same values on SQLite and PostgreSQL.
 */
export interface Database {
  customers: CustomersTable;
  masterDataEvents: MasterDataEventsTable;
  staffUsers: StaffUsersTable;
  tariffs: TariffsTable;
  panelServers: PanelServersTable;
  contracts: ContractsTable;
  domains: DomainsTable;
  orders: OrdersTable;
  mailAccounts: MailAccountsTable;
  mailAddresses: MailAddressesTable;
  mailForwardTargets: MailForwardTargetsTable;
  mailAccountCounters: MailAccountCountersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  passwordResetTokens: PasswordResetTokensTable;
  throttleAttempts: ThrottleAttemptsTable;
  knownLoginSources: KnownLoginSourcesTable;
  loginAlerts: LoginAlertsTable;
  loginFailureBursts: LoginFailureBurstsTable;
  rateLimitCounters: RateLimitCountersTable;
  auditEvents: AuditEventsTable;
  settings: SettingsTable;
  numberSequences: NumberSequencesTable;
  supportTicketCounters: SupportTicketCountersTable;
  supportTickets: SupportTicketsTable;
  supportMessages: SupportMessagesTable;
  supportAttachments: SupportAttachmentsTable;
  supportEvents: SupportEventsTable;
  supportActions: SupportActionsTable;
  supportCannedReplies: SupportCannedRepliesTable;
  supportNotifications: SupportNotificationsTable;
  twoFactorCredentials: TwoFactorCredentialsTable;
  twoFactorBackupCodes: TwoFactorBackupCodesTable;
  helpCategories: HelpCategoriesTable;
  helpEntries: HelpEntriesTable;
  helpRevisions: HelpRevisionsTable;
  helpRelated: HelpRelatedTable;
  helpVotes: HelpVotesTable;
  helpSearchMisses: HelpSearchMissesTable;
  helpQuestions: HelpQuestionsTable;
  helpTerms: HelpTermsTable;
  helpSearch: HelpSearchTable;
}

export type Language = 'de' | 'en';

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
  /** AES-256-GCM box of the secret key or password (features/panel/secret-box.ts). */
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

export type OrderChannel = 'api' | 'cli' | 'staff';
export interface OrdersTable {
  id: Generated<number>;
  kind: 'first' | 'additional';
  channel: OrderChannel;
  placedBy: string;
  customerId: number;
  contractId: number;
  /** JSON of the order as requested (tariff, domains, e-mail); never a secret. */
  request: string;
  createdAt: string;
}

export interface MailAccountsTable {
  id: Generated<number>;
  contractId: number;
  name: string;
  passwordHash: string;
  quotaMb: number;
  active: number;
  imap: number;
  pop3: number;
  smtp: number;
  createdAt: string;
  passwordChangedAt: string;
  /** Grows with every change of the account's password (and later its app passwords); mail logins record it (010). */
  credentialGeneration: Generated<number>;
}
export type MailAccount = Selectable<MailAccountsTable>;

export type MailAddressKind = 'mailbox' | 'forward' | 'catchall';
export interface MailAddressesTable {
  id: Generated<number>;
  contractId: number;
  domainId: number;
  /** '' for a catch-all. */
  localPart: string;
  /** Lower-case ASCII (punycode domain): `local@domain`, or `@domain` for a catch-all. */
  address: string;
  kind: MailAddressKind;
  /** The mailbox a `mailbox` address delivers into; null for forwarders and catch-alls. */
  accountId: number | null;
  isPrimary: number;
  createdAt: string;
}
export type MailAddress = Selectable<MailAddressesTable>;

export interface MailForwardTargetsTable {
  id: Generated<number>;
  addressId: number;
  target: string;
}

export interface MailAccountCountersTable {
  contractId: number;
  lastIndex: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself exists only in the visitor's cookie. */
  idHash: string;
  subject: string | null;
  data: string;
  createdAt: string;
  expiresAt: string;
  /** The subject's credential generation this session was opened with (copied from data). */
  generation: number | null;
  /** The mail account of the session's mail login, if any, and the generation it was opened with. */
  mailAccountId: number | null;
  mailGeneration: number | null;
}

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

/** One counted attempt (a failed login, a reset request, a new ticket) per throttle key. */
export interface ThrottleAttemptsTable {
  id: Generated<number>;
  scope: string;
  /** SHA-256 of the account name or IP address: equality is all the table needs. */
  key: string;
  createdAt: string;
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

/** @fastify/rate-limit's counters (fixed windows, epoch milliseconds). */
export interface RateLimitCountersTable {
  key: string;
  windowEnds: number;
  count: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  event: string;
  subject: string | null;
  ip: string | null;
  /** JSON with event details; never a secret. */
  details: string;
}
export type AuditEvent = Selectable<AuditEventsTable>;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface NumberSequencesTable {
  name: string;
  value: number;
}

// Help center (FAQ): see migrations/003_help.ts.
export interface HelpCategoriesTable {
  id: Generated<number>;
  parentId: number | null;
  slug: string;
  nameDe: string;
  nameEn: string;
  position: number;
  createdAt: string;
}
export type HelpCategory = Selectable<HelpCategoriesTable>;

export interface HelpEntriesTable {
  /** The public solution ID, from help_entry_id_seq (starts at 1000). */
  id: number;
  categoryId: number;
  sticky: number;
  publishFrom: string | null;
  publishUntil: string | null;
  /** Comma-separated customer-area pages this entry explains, e.g. "domains,credentials". */
  contexts: string;
  viewCount: number;
  createdAt: string;
  updatedAt: string;
}
export type HelpEntry = Selectable<HelpEntriesTable>;

export type HelpRevisionState = 'draft' | 'review' | 'published' | 'superseded';
export interface HelpRevisionsTable {
  id: Generated<number>;
  entryId: number;
  language: Language;
  number: number;
  question: string;
  answer: string;
  keywords: string;
  author: string;
  state: HelpRevisionState;
  restoredFrom: number | null;
  createdAt: string;
  stateChangedAt: string;
  stateChangedBy: string;
}
export type HelpRevision = Selectable<HelpRevisionsTable>;

export interface HelpRelatedTable {
  entryId: number;
  relatedId: number;
}

export interface HelpVotesTable {
  id: Generated<number>;
  revisionId: number;
  helpful: number;
  /** SHA-256 of the voter's session id: one vote per visit, nothing that identifies a person. */
  voterHash: string;
  createdAt: string;
}

export interface HelpSearchMissesTable {
  id: Generated<number>;
  language: Language;
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export type HelpQuestionStatus = 'open' | 'answered' | 'dismissed';
export interface HelpQuestionsTable {
  id: Generated<number>;
  language: Language;
  question: string;
  email: string;
  status: HelpQuestionStatus;
  entryId: number | null;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
}

export interface HelpTermsTable {
  language: Language;
  term: string;
}

export interface HelpSearchTable {
  entryId: number;
  language: Language;
  revisionId: number;
  /** Question, keywords and answer text, folded (lower case, umlauts and ß resolved). */
  folded: string;
  /** The answer as plain text for snippets; null in rows indexed before migration 009. */
  answerText: string | null;
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

// SupportCenter: see migrations/005_support.ts.
export interface SupportTicketCountersTable {
  day: string;
  lastValue: number;
}

export type TicketState = 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketCategory = 'admin_password' | 'email' | 'domain' | 'contract' | 'other';
export type TicketChannel = 'web' | 'email';
export interface SupportTicketsTable {
  id: Generated<number>;
  /** Readable on the phone: `YYMMDD-NNNN-C` (day, counter, check digit); grants nothing. */
  number: string;
  customerId: number;
  subject: string;
  category: TicketCategory;
  state: TicketState;
  priority: TicketPriority;
  assigneeId: number | null;
  contractId: number | null;
  domainId: number | null;
  mailAccountId: number | null;
  channel: TicketChannel;
  /** 1 when the ticket was opened in the logged-in customer area. */
  authenticated: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}
export type SupportTicket = Selectable<SupportTicketsTable>;

export type MessageAuthorKind = 'customer' | 'staff' | 'system';
export interface SupportMessagesTable {
  id: Generated<number>;
  ticketId: number;
  authorKind: MessageAuthorKind;
  authorId: number | null;
  channel: TicketChannel;
  authenticated: number;
  /** 1 for an internal note, which the customer never sees. */
  internal: number;
  body: string;
  createdAt: string;
}
export type SupportMessage = Selectable<SupportMessagesTable>;

export interface SupportAttachmentsTable {
  id: Generated<number>;
  ticketId: number;
  messageId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
  createdAt: string;
}

export interface SupportEventsTable {
  id: Generated<number>;
  ticketId: number;
  at: string;
  actor: string;
  kind: string;
  fromValue: string | null;
  toValue: string | null;
}

export type SupportActionKind = 'set_admin_password';
export interface SupportActionsTable {
  id: Generated<number>;
  ticketId: number;
  kind: SupportActionKind;
  staffId: number | null;
  contractId: number;
  mailAccount: string;
  sealedSecret: string | null;
  createdAt: string;
  expiresAt: string;
  revealedAt: string | null;
  wipedAt: string | null;
}
export type SupportAction = Selectable<SupportActionsTable>;

export interface SupportCannedRepliesTable {
  id: Generated<number>;
  title: string;
  body: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NotificationStatus = 'sent' | 'outbox' | 'failed';
export interface SupportNotificationsTable {
  id: Generated<number>;
  ticketId: number | null;
  recipient: string;
  subject: string;
  body: string;
  status: NotificationStatus;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
