/**
 * Every part's texts, registered once for translator(): the platform's own and each feature's
 * catalog pair. Typed against MessageKey, so a feature whose catalog is not listed here (its keys
 * are in the union, its texts would be missing) does not compile. app.ts and cli.ts import this.
 */
import { registerMessages, type Catalogs } from './platform/views/i18n.ts';
import { platformDe } from './platform/views/messages/platform.de.ts';
import { platformEn } from './platform/views/messages/platform.en.ts';
import { auditDe } from './features/audit/messages.de.ts';
import { auditEn } from './features/audit/messages.en.ts';
import { accountsDe } from './features/accounts/messages.de.ts';
import { accountsEn } from './features/accounts/messages.en.ts';
import { contractsDe } from './features/contracts/messages.de.ts';
import { contractsEn } from './features/contracts/messages.en.ts';
import { mailDe } from './features/mail/messages.de.ts';
import { mailEn } from './features/mail/messages.en.ts';
import { dovecotSyncDe } from './features/mail/dovecot-sync.messages.de.ts';
import { dovecotSyncEn } from './features/mail/dovecot-sync.messages.en.ts';
import { loginActivityDe } from './features/mail/login-activity.messages.de.ts';
import { loginActivityEn } from './features/mail/login-activity.messages.en.ts';
import { ordersDe } from './features/orders/messages.de.ts';
import { ordersEn } from './features/orders/messages.en.ts';
import { backofficeDe } from './features/backoffice/messages.de.ts';
import { backofficeEn } from './features/backoffice/messages.en.ts';
import { panelDe } from './features/panel/messages.de.ts';
import { panelEn } from './features/panel/messages.en.ts';
import { helpDe } from './features/help/messages.de.ts';
import { helpEn } from './features/help/messages.en.ts';
import { supportDe } from './features/support/messages.de.ts';
import { supportEn } from './features/support/messages.en.ts';

export const catalogs: Catalogs = {
  de: { ...platformDe, ...auditDe, ...accountsDe, ...contractsDe, ...mailDe, ...dovecotSyncDe, ...loginActivityDe, ...ordersDe, ...backofficeDe, ...panelDe, ...helpDe, ...supportDe },
  en: { ...platformEn, ...auditEn, ...accountsEn, ...contractsEn, ...mailEn, ...dovecotSyncEn, ...loginActivityEn, ...ordersEn, ...backofficeEn, ...panelEn, ...helpEn, ...supportEn },
};

registerMessages(catalogs);
