/**
 * Every event the audit log records, by its code: `recordAudit` takes only these, and the
 * security pages and the staff audit log name each one in words (`audit.event.<code>`), so a new
 * event cannot reach a reader as its code.
 */
export const AUDIT_EVENTS = [
  'api_token.created',
  'api_token.revoked',
  'customer.login',
  'customer.login_failed',
  'customer.login_throttled',
  'customer.logout',
  'customer.logout_everywhere',
  'customer.master_data_changed_by_staff',
  'customer.master_data_confirmed',
  'customer.note_added',
  'customer.password_reset',
  'customer.password_reset_requested',
  'customer.password_reset_sent_by_staff',
  'customer.password_reset_unknown',
  'help.published',
  'mail.account_changed',
  'mail.account_created',
  'mail.account_deleted',
  'mail.auto_reply_changed',
  'mail.address_added',
  'mail.app_password_created',
  'mail.app_password_revoked',
  'mail.app_passwords_only_off',
  'mail.app_passwords_only_on',
  'mail.address_primary',
  'mail.address_removed',
  'mail.admin_login',
  'mail.catchall_removed',
  'mail.catchall_set',
  'mail.forwarder_added',
  'mail.forwarder_removed',
  'mail.forwarding_changed',
  'mail.login_failed',
  'mail.login_succeeded',
  'mail.login_throttled',
  'mail.mailbox_login',
  'mail.password_changed',
  'order.placed',
  'panel.mail_password_set',
  'panel.session_opened',
  'panel_server.created',
  'panel_server.detected',
  'panel_server.updated',
  'sessions.ended',
  'staff.created',
  'staff.login',
  'staff.login_failed',
  'staff.login_throttled',
  'staff.logout',
  'staff.password_changed',
  'support.admin_password_refused',
  'support.admin_password_revealed',
  'support.admin_password_self_service',
  'support.admin_password_self_service_failed',
  'support.admin_password_set',
  'support.assignee_changed',
  'support.auto_reply_refused',
  'support.auto_reply_set',
  'support.category_changed',
  'support.priority_changed',
  'support.settings_changed',
  'support.state_changed',
  'support.ticket_opened',
  'two_factor.backup_code_used',
  'two_factor.disabled',
  'two_factor.enabled',
  'two_factor.failed',
  'two_factor.reset_by_staff',
] as const;

export type AuditEventCode = (typeof AUDIT_EVENTS)[number];

const CODES: ReadonlySet<string> = new Set(AUDIT_EVENTS);

export function isAuditEventCode(code: string): code is AuditEventCode {
  return CODES.has(code);
}

/** Events about a customer that are for staff alone: the pages that show owners their events leave them out. */
export const STAFF_ONLY_EVENTS: readonly AuditEventCode[] = ['customer.note_added'];
