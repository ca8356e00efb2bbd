/** Texts of contracts: the Domainverwaltung, domain names, tariffs, contract states. */
export const contractsDe = {
  'domains.title': 'Domainverwaltung',
  'domains.intro': 'Alle Domains Ihrer Verträge. Rechts neben jeder Domain finden Sie, was Ihr Tarif dafür bietet.',
  'domains.domain': 'Domain',
  'domains.contract': 'Vertrag',
  'domains.tariff': 'Tarif',
  'domains.actions': 'Aktionen',
  'domains.none': 'Zu Ihren Verträgen gehören noch keine Domains.',
  'domains.openPanel': 'Paket verwalten',
  'domains.mailAdmin': 'E-Mail-Administration',
  'domains.credentials': 'Zugangsdaten',
  'domains.welcome': 'Willkommen, {name}',
  'domains.contracts': 'Ihre Verträge',
  'domains.status': 'Status',
  'domains.orderedAt': 'Bestellt am',
  'contract.status.active': 'aktiv',
  'contract.status.suspended': 'gesperrt',
  'contract.status.cancelled': 'gekündigt',
  'panel.plesk': 'Plesk {version}',
  'panel.mailadmin': 'E-Mail-Administration',

  'domain.invalid': '„{domain}“ ist kein gültiger Domainname.',
  'domain.tooLong': '„{domain}“ ist zu lang (höchstens 253 Zeichen, je Abschnitt 63).',
  'domain.hiddenCharacter': '„{domain}“ enthält ein unsichtbares Zeichen oder eine Steuerung der Schreibrichtung ({char}). Bitte geben Sie den Namen ohne es ein.',
  'domain.duplicate': '„{domain}“ ist bereits vergeben.',
  'domain.repeated': '„{domain}“ steht mehrfach in der Bestellung.',
  'domain.required': 'Mindestens eine Domain angeben.',
  'domain.tooMany': 'Höchstens {max} Domains je Bestellung.',
  'domain.mixedScripts': '„{domain}“ ({ascii}) mischt Schriften ({scripts}) – so gibt sich ein Name oft als ein anderer aus.',
  'domain.lookalike': '„{domain}“ ({ascii}) ist leicht mit „{similar}“ ({similarAscii}) zu verwechseln.',
  'tariff.unknown': 'Unbekannter Tarif „{code}“.',
};

// These keys join the one MessageKey union; src/messages.ts registers the catalog.
declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof contractsDe, string> {}
}
