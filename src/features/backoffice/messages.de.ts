/** Texts of the back office: customer search, the customer at a glance, 2FA recovery. */
export const backofficeDe = {
  'twoFactor.resetByStaff': 'Zwei-Faktor-Anmeldung zurücksetzen',
  'twoFactor.resetByStaffIntro': 'Nur wenn der Kunde sein Gerät und seine Notfallcodes verloren hat und seine Identität geprüft ist. Der Kunde wird per E-Mail benachrichtigt; die Aktion wird protokolliert.',
  'twoFactor.resetDone': 'Die Zwei-Faktor-Anmeldung des Kunden wurde zurückgesetzt und der Kunde benachrichtigt.',
  'twoFactor.resetMailSubject': 'Ihre Zwei-Faktor-Anmeldung wurde zurückgesetzt',
  'twoFactor.resetMailBody': 'Guten Tag,\n\nunser Support hat die Zwei-Faktor-Anmeldung Ihres Kundenkontos {customerNumber} zurückgesetzt. Sie melden sich jetzt nur mit Ihrem Passwort an und können die Zwei-Faktor-Anmeldung unter „Sicherheit“ neu einrichten.\n\nHaben Sie das nicht veranlasst, melden Sie sich bitte sofort bei uns.\n',

  'staff.search': 'Kunden suchen',
  'staff.searchLabel': 'Kundennummer, Name, E-Mail-Adresse oder Domain',
  'staff.searchSubmit': 'Suchen',
  'staff.searchNone': 'Keine Kunden gefunden.',
  'staff.searchHint': 'Geben Sie mindestens zwei Zeichen ein.',
  'staff.results': '{count} Treffer',
  'staff.customer': 'Kunde {number}',
  'staff.name': 'Name',
  'staff.confirmedAt': 'Stammdaten bestätigt',
  'staff.never': 'nie',
  'staff.contracts': 'Verträge',
  'staff.mailAccounts': 'Postfächer',
};

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof backofficeDe, string> {}
}
