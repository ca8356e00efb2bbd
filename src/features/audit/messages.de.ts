/** The audit feature's texts: security events in words, as their owners see them. */
export const auditDe = {
  'audit.when': 'Zeit',
  'audit.what': 'Ereignis',
  'audit.ip': 'IP-Adresse',
  'audit.none': 'Noch keine Ereignisse.',
  'audit.sessionsEnded': 'Andere Sitzungen wurden beendet ({count}), weil {because}',
  'audit.because.password': 'das Passwort geändert wurde',
  'audit.because.twoFactor': 'die Zwei-Faktor-Anmeldung geändert wurde',
  'audit.because.backupCodes': 'alle Notfallcodes verbraucht sind',
  'audit.because.deactivated': 'das Postfach deaktiviert wurde',
  'audit.because.appPassword': 'ein App-Passwort geändert wurde',
  'audit.otherEvent': 'Sonstiges Sicherheitsereignis',

  // One text per event code (`audit.event.<event>`); an event without one is named by audit.otherEvent.
  'audit.event.customer.login': 'Anmeldung',
  'audit.event.customer.logout': 'Abmeldung',
  'audit.event.customer.logout_everywhere': 'Auf allen Geräten abgemeldet',
  'audit.event.customer.master_data_confirmed': 'Stammdaten bestätigt',
  'audit.event.customer.password_reset_requested': 'Link zum Zurücksetzen des Passworts angefordert',
  'audit.event.customer.password_reset': 'Passwort zurückgesetzt',
  'audit.event.support.admin_password_set': 'Neues Administrationspasswort durch den Support gesetzt',
  'audit.event.support.admin_password_revealed': 'Neues Administrationspasswort angezeigt',
  'audit.event.support.admin_password_self_service': 'Administrationspasswort selbst neu gesetzt',
  'audit.event.support.admin_password_self_service_failed': 'Administrationspasswort: falsches Kundenpasswort eingegeben',
  'audit.event.customer.login_failed': 'Fehlgeschlagene Anmeldung',
  'audit.event.two_factor.enabled': 'Zwei-Faktor-Anmeldung eingerichtet',
  'audit.event.two_factor.disabled': 'Zwei-Faktor-Anmeldung abgeschaltet',
  'audit.event.two_factor.reset_by_staff': 'Zwei-Faktor-Anmeldung durch den Support zurückgesetzt',
  'audit.event.two_factor.backup_code_used': 'Notfallcode benutzt',
  'audit.event.two_factor.failed': 'Falscher Bestätigungscode',
  'audit.event.staff.login': 'Anmeldung',
  'audit.event.staff.logout': 'Abmeldung',
  'audit.event.staff.login_failed': 'Fehlgeschlagene Anmeldung',
  'audit.event.staff.created': 'Zugang angelegt',
  'audit.event.staff.password_changed': 'Passwort geändert',
  'audit.event.mail.password_changed': 'Passwort geändert',
  'audit.event.mail.admin_login': 'Anmeldung an der E-Mail-Administration',
  'audit.event.mail.mailbox_login': 'Anmeldung am Postfach',
};

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof auditDe, string> {}
}
