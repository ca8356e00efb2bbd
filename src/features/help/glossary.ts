/**
 * The hosting glossary: words a customer may use for the same thing. Each line is one group;
 * a search for any member also finds the others. Members with several words ("E-Mail Konto")
 * match when the query has those words in a row. Editors extend this list, not the articles.
 */
export const GLOSSARY_DE: readonly string[] = [
  'Postfach | Mailbox | E-Mail-Konto | E-Mail-Account | Mailkonto | Mailaccount | E-Mail-Postfach | Emailkonto',
  'Zugangsdaten | Login | Anmeldedaten | Logindaten | Zugang | Passwort | Kennwort | Password | Credentials',
  'Passwort | Kennwort | Password | Passwörter | Kennwörter',
  'Plesk | Paket verwalten | Panel | Kontrollpanel | Hostingpanel | Control Panel | Paketverwaltung',
  'E-Mail-Administration | Mailadministration | E-Mail-Verwaltung | Mailverwaltung | Mailadmin',
  'Administrationspasswort | Adminpasswort | Admin-Passwort | Verwaltungspasswort | Hauptpasswort',
  'Weiterleitung | Umleitung | Forwarder | Forwarding | Alias | weiterleiten | umleiten',
  'Speicherplatz | Quota | Kontingent | Speicher | Postfachgröße | Größe | voll',
  'Zwei-Faktor | 2FA | TOTP | Authenticator | Zweifaktor | Zweistufig | Einmalcode | Sicherheitscode',
  'Ticket | Anfrage | Supportanfrage | SupportCenter | Support | Kundenservice',
  'Stammdaten | Kundendaten | Anschrift | Adresse ändern | persönliche Daten | Rechnungsadresse',
  'Mailprogramm | E-Mail-Programm | Mailclient | E-Mail-Client | Mail-App | Thunderbird | Outlook',
  'Postausgangsserver | Ausgangsserver | SMTP | SMTP-Server | Postausgang',
  'Posteingangsserver | Eingangsserver | IMAP | POP3 | Posteingang',
  'vergessen | verloren | verlegt | weiß nicht mehr',
  'einrichten | konfigurieren | Einrichtung | Konfiguration | Setup',
  'Kundenpasswort | Kundenkonto | Kundenservicebereich | Kundenbereich | Kundenlogin',
  'Domainverwaltung | Domains | Domain | Domäne',
  'Spam | Junk | Werbung',
];

export const GLOSSARY_EN: readonly string[] = [
  'mailbox | email account | mail account | inbox',
  'credentials | login | password | access data | sign in',
  'plesk | manage package | open panel | control panel | panel',
  'forwarder | forwarding | redirect | alias',
  'quota | storage | space | mailbox size | full',
  'two-factor | 2fa | totp | authenticator | one-time code',
  'ticket | request | support | supportcenter',
  'master data | address | contact details | billing address',
  'mail client | email program | thunderbird | outlook | mail app',
  'outgoing server | smtp',
  'incoming server | imap | pop3',
  'forgot | forgotten | lost',
  'set up | setup | configure | configuration',
];
