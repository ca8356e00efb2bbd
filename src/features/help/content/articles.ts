import type { SeedCategorySlug } from './categories.ts';

interface Text {
  question: string;
  keywords: string;
  answer: string;
}

export interface SeedArticle {
  category: SeedCategorySlug;
  sticky?: boolean;
  /** customer-area pages that link here ("Hilfe zu dieser Seite") */
  contexts?: string[];
  /** positions (0-based) in SEED_ARTICLES of related articles */
  related?: number[];
  de: Text;
  en: Text;
}

/**
 * The help center's first articles, written for Hostdesk as it works today. They are seeded in
 * this order, so the first one gets solution ID 1000 and the credentials article is #1002.
 * Placeholders ({domain}, {account}, {imapHost} …) and buttons ({button:panel} …) are filled per
 * customer; `::: variant …` blocks are shown only to customers whose tariff they fit.
 */
export const SEED_ARTICLES: SeedArticle[] = [
  // #1000
  {
    category: 'kundenkonto',
    sticky: true,
    contexts: ['domains'],
    related: [1, 7, 13],
    de: {
      question: 'Wie melde ich mich im Kundenservicebereich an?',
      keywords: 'Login Anmeldung Kundennummer Kundenbereich einloggen',
      answer: `Der Kundenservicebereich ist Ihr Zugang zu Verträgen, Domains, Postfächern und zum SupportCenter.

1. Öffnen Sie die Anmeldeseite.
2. Geben Sie Ihre **Kundennummer** oder die E-Mail-Adresse Ihres Kundenkontos ein, dazu Ihr Kundenpasswort.
3. Beim ersten Besuch und danach in regelmäßigen Abständen bitten wir Sie, Ihre Stammdaten zu prüfen. Erst danach geht es weiter zur Domainverwaltung.

Nach zu vielen Fehlversuchen wird die Anmeldung für einige Minuten gesperrt. Ihre Kundennummer steht in der Bestellbestätigung.`,
    },
    en: {
      question: 'How do I log in to the customer area?',
      keywords: 'login sign in customer number customer area',
      answer: `The customer area is where you see your contracts, domains and mailboxes and reach the SupportCenter.

1. Open the login page.
2. Enter your **customer number** or the e-mail address of your customer account, and your customer password.
3. On your first visit, and again at regular intervals, we ask you to check your master data. After that you reach the domain overview.

After too many failed attempts, logging in is blocked for a few minutes. Your customer number is in your order confirmation.`,
    },
  },
  // #1001
  {
    category: 'kundenkonto',
    related: [0, 12],
    de: {
      question: 'Ich habe mein Kundenpasswort vergessen. Was nun?',
      keywords: 'Kundenpasswort vergessen zurücksetzen Passwort-Link Kundenkonto Kundennummer',
      answer: `Auf der Anmeldeseite führt **„Passwort vergessen?“** zu einem kurzen Formular. Tragen Sie Ihre Kundennummer oder die E-Mail-Adresse Ihres Kundenkontos ein.

Wir schicken Ihnen daraufhin einen Link, mit dem Sie ein neues Passwort festlegen. Der Link gilt eine Stunde und nur einmal. Kommt keine Nachricht an, sehen Sie bitte im Spam-Ordner nach.

Das Kundenpasswort ist nicht dasselbe wie das Passwort Ihrer Postfächer: Ein neues Kundenpasswort ändert an Ihren E-Mail-Zugängen nichts.`,
    },
    en: {
      question: 'I forgot my customer password. What now?',
      keywords: 'customer password forgot reset link customer account',
      answer: `On the login page, **"Forgot password?"** leads to a short form. Enter your customer number or the e-mail address of your customer account.

We then send you a link to choose a new password. The link works once and for one hour. If nothing arrives, please look in your spam folder.

The customer password is not the password of your mailboxes: a new customer password changes nothing about your e-mail logins.`,
    },
  },
  // #1002
  {
    category: 'zugangsdaten',
    sticky: true,
    contexts: ['domains', 'credentials'],
    related: [4, 5, 6, 9],
    de: {
      question: 'Wo finde ich die Zugangsdaten zu meinen E-Mail-Adressen?',
      keywords: 'Zugangsdaten E-Mail-Passwort Postfach Benutzername Plesk E-Mail-Administration Passwort ändern Mailadressen',
      answer: `Wie Sie an die Zugangsdaten kommen und ein Passwort neu setzen, hängt von Ihrem Tarif ab. Ein Blick in die **Domainverwaltung** verrät es: Steht rechts neben der Domain die Schaltfläche „Paket verwalten“, gehört eine eigene Plesk-Oberfläche dazu. Sehen Sie stattdessen „E-Mail-Administration“ und „Zugangsdaten“, verwalten Sie die Postfächer hier bei uns.

Die Server sind für alle Tarife gleich: Posteingang über {imapHost} (IMAP) oder {pop3Host} (POP3), Postausgang über {smtpHost}.

::: variant panel=plesk plesk=8-9.99 title="Tarife mit Plesk 8 oder 9"
In Plesk setzen Sie das Passwort einer Adresse selbst. Die Menüs der älteren Versionen heißen so:

1. Neben {domain} auf **„Paket verwalten“** klicken; Plesk öffnet sich.
2. Ganz links oben **„Start“** wählen, danach **„E-Mail“**.
3. Die gewünschte Adresse anklicken und oben **„Einstellungen“** öffnen.
4. Im Feld für das Passwort das neue eintragen und speichern.

Als Benutzername dient in Ihrem E-Mail-Programm die vollständige Adresse, etwa {account}.

{button:panel}
:::

::: variant panel=plesk plesk=10- title="Tarife mit Plesk 10 oder neuer"
Ab Plesk 10 ist der Weg etwas kürzer:

1. Neben {domain} auf **„Paket verwalten“** klicken; Plesk öffnet sich.
2. In der oberen Leiste **„E-Mail“** wählen und die gewünschte Adresse anklicken.
3. Auf der nächsten Seite oben **„Einstellungen“** öffnen.
4. Das neue Passwort eintragen und speichern.

Als Benutzername dient in Ihrem E-Mail-Programm die vollständige Adresse, etwa {account}.

{button:panel}
:::

::: variant panel=mailadmin title="Tarife mit E-Mail-Administration (ohne Plesk)"
Mit Ihrer Erstbestellung haben wir das erste Postfach {account} angelegt und ein Passwort dafür erzeugt, das Ihnen genau einmal angezeigt wurde. Dieses Passwort ist zugleich Ihr **Administrationspasswort**: Damit betreten Sie die E-Mail-Administration, legen weitere Postfächer an und vergeben deren Passwörter. Benutzernamen, Server und Ports stehen jederzeit unter „Zugangsdaten“.

Ist das Administrationspasswort nicht mehr bekannt, melden Sie sich im Kundenservicebereich an, bestätigen Ihre Stammdaten und öffnen oben das **SupportCenter**. Über „Neues Ticket erstellen“ bitten Sie uns um ein neues Administrationspasswort. Weil die Nachricht aus Ihrem angemeldeten Bereich kommt, wissen wir, dass sie von Ihnen stammt. Das neue Passwort rufen Sie danach einmalig im Kundenservicebereich ab; per E-Mail verschicken wir es nie.

{button:mailadmin} {button:credentials} {button:ticket}
:::`,
    },
    en: {
      question: 'Where do I find the credentials for my e-mail addresses?',
      keywords: 'credentials e-mail password mailbox user name plesk e-mail administration change password',
      answer: `How you get your credentials and set a new password depends on your tariff. The **domain overview** tells you which case applies: if "Open panel" appears to the right of a domain, your tariff comes with its own Plesk panel. If you see "E-mail administration" and "Credentials" instead, you manage your mailboxes here with us.

The servers are the same for every tariff: incoming mail via {imapHost} (IMAP) or {pop3Host} (POP3), outgoing mail via {smtpHost}.

::: variant panel=plesk plesk=8-9.99 title="Tariffs with Plesk 8 or 9"
In Plesk you set the password of an address yourself. In the older versions the menus are:

1. Click **"Open panel"** next to {domain}; Plesk opens.
2. In the top left corner choose **"Home"**, then **"Mail"**.
3. Click the address and open **"Preferences"** at the top.
4. Enter the new password and save.

Your mail program uses the full address as the user name, for example {account}.

{button:panel}
:::

::: variant panel=plesk plesk=10- title="Tariffs with Plesk 10 or later"
From Plesk 10 on the way is a little shorter:

1. Click **"Open panel"** next to {domain}; Plesk opens.
2. Choose **"Mail"** in the top bar and click the address.
3. On the next page open **"Preferences"** at the top.
4. Enter the new password and save.

Your mail program uses the full address as the user name, for example {account}.

{button:panel}
:::

::: variant panel=mailadmin title="Tariffs with e-mail administration (no Plesk)"
With your first order we created the first mailbox {account} and generated a password for it, which was shown to you exactly once. That password is also your **administration password**: it lets you into the e-mail administration, where you add mailboxes and set their passwords. User names, servers and ports are always listed under "Credentials".

If the administration password is lost, log in to the customer area, confirm your master data and open the **SupportCenter** at the top. Use "Create new ticket" to ask us for a new administration password. Because the message comes from your logged-in area, we know it is you. You then reveal the new password once in the customer area; we never send it by e-mail.

{button:mailadmin} {button:credentials} {button:ticket}
:::`,
    },
  },
  // #1003
  {
    category: 'mailprogramme',
    related: [4, 2],
    de: {
      question: 'Wie richte ich mein E-Mail-Programm automatisch ein?',
      keywords: 'Thunderbird Outlook Apple Mail iPhone einrichten Autoconfig Autodiscover Autokonfiguration Profil',
      answer: `Die meisten E-Mail-Programme holen sich die Einstellungen selbst, sobald Sie Adresse und Passwort eingeben:

- **Thunderbird** fragt die automatische Konfiguration Ihres Anbieters ab und trägt Server, Ports und Verschlüsselung ein.
- **Outlook** nutzt dafür Autodiscover; bestätigen Sie die Rückfrage, ob der Server die Einstellungen liefern darf.
- **Apple Mail auf iPhone, iPad und Mac** richten Sie am bequemsten mit einem Konfigurationsprofil ein, das Sie unter „Zugangsdaten“ herunterladen.

Schlägt die Erkennung fehl, tragen Sie die Werte von Hand ein, wie im Eintrag zu den Servereinstellungen beschrieben.`,
    },
    en: {
      question: 'How do I set up my mail program automatically?',
      keywords: 'thunderbird outlook apple mail iphone setup autoconfig autodiscover profile',
      answer: `Most mail programs fetch their settings by themselves as soon as you enter your address and password:

- **Thunderbird** asks for your provider's automatic configuration and fills in servers, ports and encryption.
- **Outlook** uses Autodiscover; confirm when it asks whether the server may provide the settings.
- **Apple Mail on iPhone, iPad and Mac** is easiest with a configuration profile, which you download under "Credentials".

If detection fails, enter the values by hand as described in the entry on server settings.`,
    },
  },
  // #1004
  {
    category: 'mailprogramme',
    contexts: ['credentials'],
    related: [3, 2],
    de: {
      question: 'Welche Servereinstellungen brauche ich für IMAP, POP3 und SMTP?',
      keywords: 'Posteingangsserver Postausgangsserver IMAP POP3 SMTP Port SSL TLS STARTTLS Verschlüsselung manuell Servereinstellungen',
      answer: `Für die Einrichtung von Hand gelten diese Werte:

| Dienst | Server | Port | Verschlüsselung |
|---|---|---|---|
| IMAP (Posteingang) | {imapHost} | {imapPort} | SSL/TLS |
| POP3 (Posteingang) | {pop3Host} | {pop3Port} | SSL/TLS |
| SMTP (Postausgang) | {smtpHost} | {smtpPort} | STARTTLS |

Benutzername ist der Name des Postfachs, zum Beispiel {account}. Der Postausgang verlangt eine Anmeldung mit demselben Namen und Passwort wie der Posteingang.

IMAP lässt Ihre Nachrichten auf dem Server und gleicht mehrere Geräte ab; POP3 lädt sie auf ein einzelnes Gerät herunter.`,
    },
    en: {
      question: 'Which server settings do I need for IMAP, POP3 and SMTP?',
      keywords: 'incoming server outgoing server imap pop3 smtp port ssl tls starttls encryption manual settings',
      answer: `To set up a mail program by hand, use these values:

| Service | Server | Port | Encryption |
|---|---|---|---|
| IMAP (incoming) | {imapHost} | {imapPort} | SSL/TLS |
| POP3 (incoming) | {pop3Host} | {pop3Port} | SSL/TLS |
| SMTP (outgoing) | {smtpHost} | {smtpPort} | STARTTLS |

The user name is the mailbox name, for example {account}. Sending requires a login with the same name and password as receiving.

IMAP keeps your messages on the server and keeps several devices in step; POP3 downloads them to a single device.`,
    },
  },
  // #1005
  {
    category: 'zugangsdaten',
    related: [2, 6],
    de: {
      question: 'Wie ändere ich das Passwort eines Postfachs?',
      keywords: 'Postfachpasswort Mailbox Kennwort ändern neues Passwort E-Mail-Konto',
      answer: `Ein neues Passwort für ein Postfach setzen Sie dort, wo Ihre Postfächer verwaltet werden:

::: variant panel=plesk title="Tarife mit Plesk"
Öffnen Sie Plesk über „Paket verwalten“, wählen Sie die Adresse unter „E-Mail“ und vergeben Sie das Passwort in deren Einstellungen.

{button:panel}
:::

::: variant panel=mailadmin title="Tarife mit E-Mail-Administration"
Melden Sie sich in der E-Mail-Administration an, wählen Sie das Postfach und vergeben Sie ein neues Passwort. Es gilt sofort für IMAP, POP3 und SMTP zugleich. Nutzer eines einzelnen Postfachs können ihr eigenes Passwort auch selbst ändern, wenn sie das alte kennen.

{button:mailadmin}
:::

Ein gutes Passwort ist lang: Mehrere Wörter hintereinander sind sicherer als kurze Zeichenfolgen und leichter zu merken. Denken Sie daran, das neue Passwort danach auch auf Telefon und Tablet einzutragen.`,
    },
    en: {
      question: 'How do I change the password of a mailbox?',
      keywords: 'mailbox password change new password e-mail account',
      answer: `You set a new mailbox password where your mailboxes are managed:

::: variant panel=plesk title="Tariffs with Plesk"
Open Plesk with "Open panel", pick the address under "Mail" and set the password in its preferences.

{button:panel}
:::

::: variant panel=mailadmin title="Tariffs with e-mail administration"
Log in to the e-mail administration, pick the mailbox and set a new password. It applies to IMAP, POP3 and SMTP at once. Users of a single mailbox can also change their own password if they know the old one.

{button:mailadmin}
:::

A good password is long: several words in a row are safer than short strings and easier to remember. Remember to enter the new password on your phone and tablet afterwards.`,
    },
  },
  // #1006
  {
    category: 'zugangsdaten',
    related: [2, 9],
    de: {
      question: 'Was ist das Administrationspasswort und was tue ich, wenn es verloren ist?',
      keywords: 'Administrationspasswort Adminpasswort verloren vergessen .001 E-Mail-Administration neues Passwort Ticket',
      answer: `Bei Tarifen ohne Plesk gehört zu jedem Vertrag ein erstes Postfach mit der Endung **.001**, bei Ihnen {account}. Sein Passwort öffnet die E-Mail-Administration und heißt deshalb Administrationspasswort. Es wird bei der Erstbestellung erzeugt und nur ein einziges Mal angezeigt; gespeichert ist bei uns nur ein Prüfwert, nie das Passwort selbst.

Ist es verloren, kann es niemand nachschlagen, auch wir nicht. Wir setzen dann ein neues:

1. Im Kundenservicebereich anmelden und die Stammdaten bestätigen.
2. Oben das **SupportCenter** öffnen und **„Neues Ticket erstellen“** wählen.
3. Als Anliegen „Neues Passwort für die E-Mail-Administration“ angeben.

Sobald wir das Ticket bearbeitet haben, rufen Sie das neue Passwort einmalig im Kundenservicebereich ab.

{button:ticket}`,
    },
    en: {
      question: 'What is the administration password, and what do I do if it is lost?',
      keywords: 'administration password admin password lost forgotten .001 e-mail administration new password ticket',
      answer: `For tariffs without Plesk, every contract has a first mailbox ending in **.001**, in your case {account}. Its password opens the e-mail administration, which is why it is called the administration password. It is generated with the first order and shown only once; we keep only a check value, never the password itself.

If it is lost, nobody can look it up, not even us. We set a new one instead:

1. Log in to the customer area and confirm your master data.
2. Open the **SupportCenter** at the top and choose **"Create new ticket"**.
3. Choose "New password for the e-mail administration" as the topic.

Once we have handled the ticket, you reveal the new password once in the customer area.

{button:ticket}`,
    },
  },
  // #1007
  {
    category: 'hosting',
    contexts: ['domains'],
    related: [2, 13],
    de: {
      question: 'Was bewirkt „Paket verwalten“ und wie öffne ich Plesk?',
      keywords: 'Paket verwalten Plesk öffnen Panel Webhosting Anmeldung Single Sign-on',
      answer: `Gehört zu Ihrem Tarif Webhosting mit Plesk, steht in der Domainverwaltung neben jeder Domain die Schaltfläche **„Paket verwalten“**. Ein Klick meldet Sie direkt in Plesk an, ohne dass Sie dort ein eigenes Passwort brauchen.

In Plesk verwalten Sie Website, Datenbanken und die E-Mail-Adressen Ihrer Domain. Welche Menüs Sie sehen, hängt von der Plesk-Version Ihres Servers ab.

Fehlt die Schaltfläche, enthält Ihr Tarif kein Plesk; Ihre Postfächer verwalten Sie dann über die E-Mail-Administration.

{button:panel}`,
    },
    en: {
      question: 'What does "Open panel" do, and how do I open Plesk?',
      keywords: 'open panel plesk web hosting login single sign-on',
      answer: `If your tariff includes web hosting with Plesk, the domain overview shows **"Open panel"** next to each domain. One click logs you straight into Plesk, without a separate Plesk password.

In Plesk you manage your website, databases and the e-mail addresses of your domain. Which menus you see depends on the Plesk version of your server.

If the button is missing, your tariff has no Plesk; you then manage your mailboxes in the e-mail administration.

{button:panel}`,
    },
  },
  // #1008
  {
    category: 'kundenkonto',
    contexts: ['master-data'],
    related: [0],
    de: {
      question: 'Warum soll ich meine Stammdaten bestätigen, und wie ändere ich sie?',
      keywords: 'Stammdaten bestätigen ändern Anschrift Adresse Telefon Firma Kundendaten',
      answer: `Mit Ihren Stammdaten (Name, Firma, Anschrift, Telefon) erreichen wir Sie bei Fragen zu Vertrag und Sicherheit. Damit sie aktuell bleiben, fragt der Kundenservicebereich beim ersten Besuch und danach etwa einmal im Jahr nach einer Bestätigung.

Stimmt alles, genügt ein Klick auf „Daten bestätigen“. Hat sich etwas geändert, korrigieren Sie die Felder und speichern; damit gelten die Daten zugleich als bestätigt. Jede Änderung wird mit Datum festgehalten.

Ihre Daten finden Sie jederzeit unter **Stammdaten** in der Navigation.

{button:masterdata}`,
    },
    en: {
      question: 'Why should I confirm my master data, and how do I change it?',
      keywords: 'master data confirm change address phone company contact details',
      answer: `Your master data (name, company, address, phone) is how we reach you about your contract and security. To keep it current, the customer area asks you to confirm it on your first visit and about once a year afterwards.

If everything is right, one click on "Confirm" is enough. If something changed, correct the fields and save; that counts as a confirmation too. Every change is recorded with its date.

You find your data at any time under **Master data** in the navigation.

{button:masterdata}`,
    },
  },
  // #1009
  {
    category: 'support',
    related: [6],
    de: {
      question: 'Wie erstelle ich ein Ticket im SupportCenter?',
      keywords: 'Ticket erstellen SupportCenter Anfrage Supportanfrage Kontakt Hilfe Nachricht',
      answer: `Nach der Anmeldung im Kundenservicebereich finden Sie oben das **SupportCenter**. Dort listet es Ihre bisherigen Anfragen auf; mit **„Neues Ticket erstellen“** beginnen Sie eine neue.

Wählen Sie ein passendes Thema, beschreiben Sie Ihr Anliegen und nennen Sie, wenn möglich, den betroffenen Vertrag oder die Domain. Jede Nachricht aus dem angemeldeten Bereich gilt als von Ihnen bestätigt, deshalb können wir darüber auch Passwörter neu setzen.

Unsere Antwort sehen Sie im Ticket; zusätzlich informieren wir Sie per E-Mail.

{button:ticket}`,
    },
    en: {
      question: 'How do I create a ticket in the SupportCenter?',
      keywords: 'create ticket supportcenter request support contact message',
      answer: `After logging in to the customer area, you find the **SupportCenter** at the top. It lists your earlier requests; **"Create new ticket"** starts a new one.

Choose a topic, describe what you need and, if you can, name the contract or domain concerned. Every message from the logged-in area counts as confirmed by you, which is why we can reset passwords through it.

You see our reply in the ticket; we also let you know by e-mail.

{button:ticket}`,
    },
  },
  // #1010
  {
    category: 'postfaecher',
    related: [14, 11],
    de: {
      question: 'Wie richte ich eine Weiterleitung für eine E-Mail-Adresse ein?',
      keywords: 'Weiterleitung weiterleiten Umleitung Alias Forwarder andere Adresse',
      answer: `Eine Weiterleitung schickt eingehende Nachrichten einer Adresse an ein oder mehrere andere Ziele, auch an Adressen außerhalb Ihrer Domain.

::: variant panel=mailadmin title="Tarife mit E-Mail-Administration"
In der E-Mail-Administration wählen Sie die Adresse und tragen unter „Weiterleitungen“ die Zieladressen ein. Soll die Nachricht zusätzlich im Postfach bleiben, lassen Sie die Zustellung ins Postfach eingeschaltet.

{button:mailadmin}
:::

::: variant panel=plesk title="Tarife mit Plesk"
In Plesk öffnen Sie unter „E-Mail“ die Adresse und richten die Weiterleitung in deren Einstellungen ein.

{button:panel}
:::

Leiten Sie nicht an eine Adresse zurück, die selbst wieder weiterleitet: Solche Schleifen werden vom Server abgebrochen.`,
    },
    en: {
      question: 'How do I set up forwarding for an e-mail address?',
      keywords: 'forwarding forwarder forward redirect alias other address',
      answer: `A forwarder sends incoming messages for an address on to one or more other destinations, including addresses outside your domain.

::: variant panel=mailadmin title="Tariffs with e-mail administration"
In the e-mail administration, pick the address and enter the destinations under "Forwarders". If the message should also stay in the mailbox, keep delivery to the mailbox switched on.

{button:mailadmin}
:::

::: variant panel=plesk title="Tariffs with Plesk"
In Plesk, open the address under "Mail" and set up forwarding in its preferences.

{button:panel}
:::

Do not forward to an address that forwards back again: the server stops such loops.`,
    },
  },
  // #1011
  {
    category: 'postfaecher',
    related: [10, 14],
    de: {
      question: 'Mein Postfach ist voll: Wie viel Speicherplatz habe ich?',
      keywords: 'Postfach voll Speicherplatz Quota Kontingent Größe Postfachgröße erhöhen Megabyte',
      answer: `Jedes Postfach hat eine Obergrenze für den Speicherplatz (Quota). Ist sie erreicht, nimmt der Server keine neuen Nachrichten mehr an, und Absender erhalten eine Fehlermeldung.

Wie groß Ihre Postfächer sein dürfen, legt Ihr Tarif fest; unter „Zugangsdaten“ sehen Sie die Größe jedes Postfachs. In der E-Mail-Administration können Sie den Platz zwischen Ihren Postfächern verteilen.

Platz schaffen Sie, indem Sie große Anhänge löschen und den Papierkorb leeren. Wer POP3 nutzt, kann die Nachrichten nach dem Abholen vom Server entfernen lassen.`,
    },
    en: {
      question: 'My mailbox is full: how much storage do I have?',
      keywords: 'mailbox full storage quota size increase megabytes space',
      answer: `Every mailbox has an upper storage limit (quota). Once it is reached, the server accepts no new messages and senders receive an error.

Your tariff sets how large your mailboxes may be; "Credentials" shows the size of each mailbox. In the e-mail administration you can share the space between your mailboxes.

You free space by deleting large attachments and emptying the trash. If you use POP3, you can let your program remove messages from the server after downloading them.`,
    },
  },
  // #1012
  {
    category: 'kundenkonto',
    related: [0, 1],
    de: {
      question: 'Wie schütze ich mein Kundenkonto mit der Zwei-Faktor-Anmeldung?',
      keywords: 'Zwei-Faktor-Anmeldung 2FA TOTP Authenticator App Sicherheitscode Einmalcode Sicherheit',
      answer: `Mit der Zwei-Faktor-Anmeldung reicht ein gestohlenes Passwort allein nicht mehr aus: Nach dem Passwort fragt der Kundenservicebereich zusätzlich nach einem sechsstelligen Code, den eine Authenticator-App auf Ihrem Telefon alle 30 Sekunden neu erzeugt.

Geeignet ist jede App, die TOTP-Codes erzeugt. Beim Einschalten scannen Sie einen QR-Code und bestätigen einmal einen Code aus der App. Bewahren Sie die angezeigten Wiederherstellungscodes an einem sicheren Ort auf; mit ihnen kommen Sie auch ohne Telefon wieder hinein.

Unsere Mitarbeiter melden sich grundsätzlich mit zweitem Faktor an.`,
    },
    en: {
      question: 'How do I protect my customer account with two-factor login?',
      keywords: 'two-factor 2fa totp authenticator app security code one-time code security',
      answer: `With two-factor login a stolen password alone is no longer enough: after the password, the customer area asks for a six-digit code that an authenticator app on your phone generates every 30 seconds.

Any app that produces TOTP codes will do. When you switch it on, you scan a QR code and confirm one code from the app. Keep the recovery codes shown to you in a safe place; they get you back in without your phone.

Our staff always log in with a second factor.`,
    },
  },
  // #1013
  {
    category: 'hosting',
    contexts: ['domains'],
    related: [7, 2],
    de: {
      question: 'Was zeigt mir die Domainverwaltung?',
      keywords: 'Domainverwaltung Domains Verträge Tarif Übersicht Vertragsnummer',
      answer: `Die Domainverwaltung ist die Startseite des Kundenservicebereichs. Sie listet jede Ihrer Domains mit Vertrag und Tarif auf, darunter alle Verträge mit Status und Bestelldatum.

Rechts neben einer Domain stehen die passenden Schaltflächen: **„Paket verwalten“** bei Tarifen mit Plesk, **„E-Mail-Administration“** und **„Zugangsdaten“** bei reinen E-Mail-Tarifen. Domains mit Umlauten zeigen wir in der lesbaren Schreibweise und darunter in der technischen Form (Punycode).`,
    },
    en: {
      question: 'What does the domain overview show me?',
      keywords: 'domains contracts tariff overview contract number',
      answer: `The domain overview is the start page of the customer area. It lists each of your domains with its contract and tariff, followed by all contracts with status and order date.

To the right of a domain you find the matching buttons: **"Open panel"** for tariffs with Plesk, **"E-mail administration"** and **"Credentials"** for mail-only tariffs. Domains with umlauts are shown in their readable form, with the technical form (Punycode) below.`,
    },
  },
  // #1014
  {
    category: 'postfaecher',
    related: [10, 11, 5],
    de: {
      question: 'Wie lege ich ein weiteres Postfach oder eine neue E-Mail-Adresse an?',
      keywords: 'neues Postfach anlegen E-Mail-Adresse hinzufügen Mailbox erstellen weitere Adresse',
      answer: `Wie viele Postfächer Sie anlegen können, bestimmt Ihr Tarif.

::: variant panel=mailadmin title="Tarife mit E-Mail-Administration"
In der E-Mail-Administration legen Sie ein neues Postfach an; es erhält automatisch den nächsten freien Namen nach dem Muster {contract}.002. Anschließend ordnen Sie ihm eine oder mehrere Adressen Ihrer Domain zu und vergeben ein Passwort.

{button:mailadmin}
:::

::: variant panel=plesk title="Tarife mit Plesk"
In Plesk wählen Sie unter „E-Mail“ den Befehl zum Anlegen einer Adresse, geben Namen und Passwort ein und legen die Postfachgröße fest.

{button:panel}
:::`,
    },
    en: {
      question: 'How do I add another mailbox or a new e-mail address?',
      keywords: 'new mailbox create add e-mail address additional address',
      answer: `Your tariff sets how many mailboxes you can create.

::: variant panel=mailadmin title="Tariffs with e-mail administration"
In the e-mail administration, create a new mailbox; it automatically gets the next free name following the pattern {contract}.002. Then assign one or more addresses of your domain to it and set a password.

{button:mailadmin}
:::

::: variant panel=plesk title="Tariffs with Plesk"
In Plesk, choose the command for creating an address under "Mail", enter name and password and set the mailbox size.

{button:panel}
:::`,
    },
  },
];
