/** Texts of the login activity that Dovecot reports (login-activity.views.tsx). */
export const loginActivityDe = {
  'mail.activity.title': 'Anmeldungen von Mailprogrammen',
  'mail.activity.intro': 'Was der Mailserver meldet: die letzte erfolgreiche Anmeldung je Protokoll und fehlgeschlagene Anmeldungen mit ihrem Grund.',
  'mail.activity.success': '{protocol}: zuletzt erfolgreich am {time} von {address} ({security})',
  'mail.activity.never': '{protocol}: keine erfolgreiche Anmeldung gemeldet',
  'mail.activity.tls': 'verschlüsselt',
  'mail.activity.plain': 'unverschlüsselt',
  'mail.activity.failed': '{count} fehlgeschlagene Anmeldungen ({reason}) über {protocol} von {address}, zuletzt am {time}',
  'mail.activity.failed.one': '1 fehlgeschlagene Anmeldung ({reason}) über {protocol} von {address} am {time}',
  'mail.activity.noFailures': 'Keine fehlgeschlagenen Anmeldungen gemeldet.',
  'mail.activity.unknownTitle': 'Anmeldeversuche mit unbekannten Namen',
  'mail.activity.unknown': '„{login}“: {count} fehlgeschlagene Anmeldungen über {protocol} von {address}, zuletzt am {time}',
  'mail.activity.unknown.one': '„{login}“: 1 fehlgeschlagene Anmeldung über {protocol} von {address} am {time}',
  'mail.activity.reason.password': 'falsches Passwort',
  'mail.activity.reason.unknown': 'unbekannter Name',
  'mail.activity.reason.inactive': 'Postfach deaktiviert',
  'mail.activity.reason.protocol': 'Protokoll ausgeschaltet',
  'mail.activity.reason.throttled': 'abgewiesen nach zu vielen Fehlversuchen',
} as const;

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof loginActivityDe, string> {}
}
