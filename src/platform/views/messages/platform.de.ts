/** The platform's own texts: layout and navigation, languages, generic errors, form basics, request limits. */
export const platformDe = {
  'app.tagline': 'Kundenservicebereich',
  'nav.domains': 'Domainverwaltung',
  'nav.masterData': 'Stammdaten',
  'nav.support': 'SupportCenter',
  'nav.help': 'Hilfe',
  'nav.logout': 'Abmelden',
  'nav.logoutEverywhere': 'Überall abmelden',
  'nav.skip': 'Zum Inhalt springen',
  'nav.main': 'Hauptnavigation',
  'lang.de': 'Deutsch',
  'lang.en': 'English',
  'lang.switch': 'Sprache wechseln',
  'nav.imprint': 'Impressum',
  'nav.privacy': 'Datenschutzerklärung',

  'common.copy': 'Kopieren',
  'common.copied': 'Kopiert',
  'common.copySelected': 'Markiert – mit Strg+C (⌘+C) kopieren',
  'common.print': 'Drucken',
  'common.downloadText': 'Als Textdatei herunterladen',
  'password.show': 'Anzeigen',
  'password.hide': 'Verbergen',

  'session.expired': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',

  'password.weak': 'Dieses Passwort ist zu leicht zu erraten. Nehmen Sie ein längeres, z. B. aus mehreren Wörtern.',
  'password.hint': 'Mindestens 10 Zeichen; ein Satz aus mehreren Wörtern ist sicher und leicht zu merken.',

  'nav.security': 'Sicherheit',

  'app.staffTagline': 'Backoffice',
  'nav.staff.customers': 'Kunden',
  'nav.staff.order': 'Neue Bestellung',
  'nav.staff.tokens': 'API-Tokens',
  'nav.staff.audit': 'Protokoll',
  'nav.staff.account': 'Mein Konto',

  'common.createdAt': 'Angelegt',
  'common.back': 'Zurück',
  'common.formErrors': 'Bitte korrigieren Sie die markierten Angaben.',
  'common.required': 'Bitte ausfüllen.',
  'common.tooLong': 'Höchstens {max} Zeichen.',
  'common.invalidEmail': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  'common.invalid': 'Diese Angabe ist ungültig.',
  'common.hiddenCharacter': 'Enthält ein unsichtbares Zeichen oder eine Steuerung der Schreibrichtung ({char}). Solche Zeichen verfälschen, was andere lesen; bitte entfernen Sie es.',
  'common.singleLine': 'Bitte in einer Zeile, ohne Zeilenumbrüche, Tabulatoren und Steuerzeichen.',

  'error.title': 'Fehler',
  'error.notFound': 'Diese Seite gibt es nicht.',
  'error.forbidden': 'Dafür fehlt Ihnen die Berechtigung.',
  'error.csrf': 'Das Formular war veraltet. Bitte laden Sie die Seite neu und senden Sie es noch einmal.',
  'error.internal': 'Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.',
  'error.badRequest': 'Die Anfrage war fehlerhaft.',
  'error.unsupportedMediaType': 'Dieses Format wird nicht unterstützt.',
  'error.tooManyRequests': 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
  'error.unauthorized': 'Bitte melden Sie sich an.',

  'limits.tooManyRequests': 'Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten erneut.',

  'nav.staff.help': 'Hilfe bearbeiten',
  'nav.staff.tickets': 'Tickets',
  'nav.staff.mailServers': 'Mailserver',
  'nav.staff.panelServers': 'Plesk-Server',

  // issue #17 (custui): phone header, breadcrumbs, error summary
  'nav.menu': 'Menü',
  'nav.breadcrumb': 'Sie sind hier',
  'common.errorInField': '{field}: {message}',
  // issue #17 (confirm17): the confirmation step of irreversible actions
  'common.cancel': 'Abbrechen',
};
