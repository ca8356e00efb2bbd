/**
 * The mail feature's public surface. For the SupportCenter's staff action "new `.001` password":
 * `findAdminAccount(db, contractId)` finds the account, `hashMailPassword` (platform/crypto) makes
 * the hash, and `setMailAccountPassword(trx, accountId, hash, { actor, ip }, null, now)` stores it and
 * writes the audit entry inside the caller's transaction. Dovecot uses it on the next login, and
 * every web login of the account opened with the old password ends on its next request.
 * `advanceMailGeneration` is that ending on its own, for other credentials of a mail account.
 */
export { createFirstMailAccount, generateMailSecret, mailAccountName, type GeneratedMailSecret } from './mail-account.service.ts';
export { listMailAccountsOfContracts, searchMailAccounts } from './mail-account.repository.ts';
export { advanceMailGeneration, findAdminAccount, setMailAccountPassword, type AuditedBy as MailActor, type MailCredential } from './mail-admin.service.ts';
export { runMailConfigCommand } from './mail-config.command.ts';
export type { MailEndpoint, MailServerSettings } from './mail.config.ts';
export type { MailAccount, MailAddress, MailAddressKind } from './mail.tables.ts';
export { mailAccountDirectory } from './read-models.ts';
export { diagnoseMailbox, type MailboxDiagnosis } from './login-diagnosis.service.ts';
export {
  mailLoginActivity,
  mailLoginActivityOfAccounts,
  unknownNameFailures,
  loginActivityOfContracts,
  type ContractLoginActivity,
  pruneMailLoginActivity,
  type MailLoginActivity,
  type ProtocolActivity,
  type FailureSummary,
} from './login-activity.service.ts';
export type { MailLoginFailureReason, MailProtocol } from './login-activity.tables.ts';
export { createDovecotSyncWorker, listDovecotBacklog, requestDovecotSync, type DovecotSyncWorker, type DovecotBacklogLine } from './dovecot-sync.service.ts';
export {
  AUTO_REPLY_TEMPLATES,
  listMailboxesForRules,
  loadDeliveryRules,
  writeAutoReply,
  type AutoReplyInput,
  type DeliveryRulesView,
  type RulesMailbox,
} from './delivery-rules.service.ts';
export { AutoReplyForm } from './mail-admin.forms.ts';
export { createQuotaWarningWorker, type QuotaWarningWorker } from './mail-quota.service.ts';
