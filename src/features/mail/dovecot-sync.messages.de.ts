/** Texts of the Dovecot servers' backlog page (mail-servers.page.tsx). */
export const dovecotSyncDe = {
  'mail.servers.title': 'Mailserver',
  'mail.servers.intro': 'Jede Passwortänderung, jedes deaktivierte oder gelöschte Postfach erreicht jeden Dovecot sofort: sein Anmelde-Cache vergisst das alte Passwort, offene IMAP- und POP3-Verbindungen werden beendet. Ist ein Server nicht erreichbar, bleibt die Änderung hier in der Warteschlange und wird wiederholt, bis er sie bestätigt.',
  'mail.servers.unconfigured': 'Es ist kein Dovecot eingetragen (DOVEADM_URLS). Ohne ihn muss der Anmelde-Cache der Mailserver aus sein; siehe docs/mail-setup.md.',
  'mail.servers.server': 'Server (doveadm-API)',
  'mail.servers.state': 'Stand',
  'mail.servers.upToDate': 'Alle Änderungen zugestellt',
  'mail.servers.waiting': '{count} Postfächer warten',
  'mail.servers.since': 'seit {at}, {attempts} Versuche',
  'mail.servers.lastError': 'Zuletzt: {error}',
  'mail.servers.retry': 'Jetzt erneut versuchen',
  'mail.servers.retried': 'Die wartenden Änderungen wurden erneut zugestellt, soweit die Server erreichbar sind.',
};

declare module '../../platform/views/i18n.ts' {
  interface Messages extends Record<keyof typeof dovecotSyncDe, string> {}
}
