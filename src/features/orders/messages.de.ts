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

  'customer.unknown': 'Kundennummer {number} gibt es nicht.',
  'customer.emailTaken': 'Zu dieser E-Mail-Adresse gibt es bereits ein Kundenkonto ({hint}). Geben Sie dessen Kundennummer an.',
  'customer.emailMismatch': 'Die E-Mail-Adresse gehört nicht zu Kunde {number}.',
  'api.unauthorized': 'Ein gültiges API-Token fehlt (Authorization: Bearer …).',
};

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof ordersDe, string> {}
}
