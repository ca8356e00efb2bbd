/** Abuse limits: texts shown when a budget of requests is spent. */
export const limitsDe = {
  'limits.tooManyRequests': 'Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten erneut.',
  'limits.tooManySearches': 'Zu viele Suchanfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten erneut.',
  'limits.tooManyTickets': 'Sie haben in kurzer Zeit viele Tickets eröffnet. Bitte versuchen Sie es später erneut – Ihr Text bleibt hier stehen.',
  // Login throttling (every door that checks a secret) and what the owner is told about it.
  'limits.wait.seconds': '{count} Sekunden',
  'limits.wait.minute': '1 Minute',
  'limits.wait.minutes': '{count} Minuten',
  'limits.login.friction':
    'Für dieses Konto gab es viele Fehlversuche. Von einem Gerät, mit dem Sie sich hier noch nicht angemeldet haben, nehmen wir deshalb nur ab und zu einen Versuch an: Bitte warten Sie {wait} und versuchen Sie es dann erneut. Von einem Gerät oder Anschluss, mit dem Sie sich hier schon angemeldet haben, geht es sofort.',
  'limits.login.frictionNote': 'Für dieses Konto gab es viele Fehlversuche. Neue Geräte müssen deshalb zwischen zwei Versuchen warten; von Ihren bekannten Geräten geht es wie gewohnt.',
  'limits.code.friction': 'Für dieses Konto gab es viele falsche Codes. Von einem neuen Gerät nehmen wir deshalb nur ab und zu einen Code an: Bitte warten Sie {wait}.',
  'limits.reset.friction': 'Für diese Angabe wurden in letzter Zeit viele Links angefordert. Bitte warten Sie {wait} und versuchen Sie es dann erneut.',
  'limits.failed.title': 'Fehlgeschlagene Anmeldeversuche',
  'limits.failed.intro': 'Versuche mit falschem Passwort oder Code, nach Adresse zusammengefasst. Von Adressen mit vielen Fehlversuchen bremsen und sperren wir weitere Versuche; Sie selbst melden sich von Ihren bekannten Geräten wie gewohnt an.',
  'limits.failed.none': 'Keine fehlgeschlagenen Anmeldeversuche in den letzten 90 Tagen.',
  'limits.failed.password': '{count} fehlgeschlagene Anmeldeversuche von {address}, zuletzt am {time}',
  'limits.failed.password.one': '1 fehlgeschlagener Anmeldeversuch von {address} am {time}',
  'limits.failed.code': '{count} falsche Codes der Zwei-Faktor-Anmeldung von {address}, zuletzt am {time}',
  'limits.failed.code.one': '1 falscher Code der Zwei-Faktor-Anmeldung von {address} am {time}',
  'limits.notice.customer': 'Ihrem Kundenkonto {name}',
  'limits.notice.mailAccount': 'Ihrem Postfach {name}',
  'limits.notice.subject': 'Fehlgeschlagene Anmeldeversuche bei {account}',
  'limits.notice.password':
    'Guten Tag,\n\nbei {account} gab es seit {since} {count} fehlgeschlagene Anmeldeversuche, zuletzt am {time} von der Adresse {address}{more}.\n\nIhr Zugang bleibt geschützt: Versuche von dort werden gebremst und gesperrt, Sie selbst melden sich von Ihren bekannten Geräten wie gewohnt an.\n\nWaren das nicht Sie, wählen Sie bitte ein neues, starkes Passwort und schalten Sie, wo es sie gibt, die Zwei-Faktor-Anmeldung ein. Alle Ereignisse sehen Sie nach der Anmeldung unter „Sicherheit“.\n\nDiese E-Mail enthält mit Absicht keinen Link. Nach Ihrem Passwort fragen wir Sie niemals.\n',
  'limits.notice.code':
    'Guten Tag,\n\nbei {account} wurde seit {since} das richtige Passwort eingegeben, danach aber {count}-mal ein falscher Code der Zwei-Faktor-Anmeldung, zuletzt am {time} von der Adresse {address}{more}.\n\nWaren das nicht Sie, kennt jemand Ihr Passwort: Bitte ändern Sie es sofort. Ihr zweiter Faktor hat die Anmeldung bisher verhindert.\n\nDiese E-Mail enthält mit Absicht keinen Link. Nach Ihrem Passwort fragen wir Sie niemals.\n',
  'limits.notice.more': ' (insgesamt von {count} Adressen)',
  'limits.mail.intro': 'Versuche, sich mit falschem Passwort an diesem Postfach anzumelden (E-Mail-Administration), nach Adresse zusammengefasst.',
};
