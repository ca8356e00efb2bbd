/** Texts of orders: the back-office order form and the JSON API's errors. */
export const ordersDe = {
  'order.title': 'Erstbestellung erfassen',
  'order.intro': 'Legt den Kunden an (falls neu), den Vertrag mit seinem Tarif und seine Domains. Bei Tarifen ohne Plesk entsteht das Postfach .001 mit einem erzeugten Passwort.',
  'order.tariff': 'Tarif',
  'order.domains': 'Domains (eine pro Zeile)',
  'order.email': 'E-Mail-Adresse des Kunden',
  'order.customerNumber': 'Bestehende Kundennummer (optional)',
  'order.submit': 'Bestellung anlegen',
  'order.done': 'Die Bestellung wurde angelegt.',
  'order.secretsOnce': 'Diese Passwörter werden nur jetzt angezeigt und nirgends im Klartext gespeichert. Geben Sie sie sicher an den Kunden weiter.',
  'order.customerPassword': 'Passwort für den Kundenservicebereich',
  'order.mailAccount': 'Postfach',
  'order.mailPassword': 'Passwort des Postfachs (zugleich Passwort der E-Mail-Administration)',
  'order.existingCustomer': 'Bestehender Kunde: Das bisherige Passwort bleibt gültig.',
  'order.lookalikesNeedConfirmation': 'Verwechslungsgefahr bei {domains}. Bestellen Sie nur, wenn das genau so gewollt ist, und bestätigen Sie es ausdrücklich.',
  'order.lookalikesTitle': 'Verwechslungsgefahr',
  'order.lookalikesIntro': 'Diese Domains sehen aus wie andere Namen. So arbeiten Betrüger: Sie bestellen einen Namen, der in der Adresszeile wie der eines bekannten Kunden aussieht. Vergleichen Sie die Punycode-Form in Klammern.',
  'order.confirmLookalikes': 'Ich habe die Warnung geprüft; diese Domains sollen genau so bestellt werden.',
  'order.confirmLookalikesRequired': 'Bitte bestätigen Sie die Warnung ausdrücklich (im Formular mit dem Kästchen, in der API mit "acceptConfusableDomains": true, auf der Kommandozeile mit --accept-confusable-domains).',

  'customer.unknown': 'Kundennummer {number} gibt es nicht.',
  'customer.emailTaken': 'Zu dieser E-Mail-Adresse gibt es bereits ein Kundenkonto ({hint}). Geben Sie dessen Kundennummer an.',
  'customer.emailMismatch': 'Die E-Mail-Adresse gehört nicht zu Kunde {number}.',
  'api.unauthorized': 'Ein gültiges API-Token fehlt (Authorization: Bearer …).',

  // Orders with master data (issue #17, item 14)
  'order.masterDataTitle': 'Stammdaten des Kunden (optional)',
  'order.masterDataIntro': 'Was Sie hier eintragen, bestätigt der Kunde bei der ersten Anmeldung nur noch. Leere Felder füllt er dort selbst aus. Bei einem bestehenden Kunden bleiben seine Stammdaten, wie sie sind.',
  'order.language': 'Sprache des Kunden',
  'order.languageDefault': 'Deutsch (Voreinstellung)',
  'order.countryNone': 'keine Angabe',
  'order.masterDataDiffers': 'Weicht von den Stammdaten von Kunde {number} ab. Diese ändert nur der Kunde selbst; lassen Sie das Feld leer.',
};

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof ordersDe, string> {}
}
