import type { Translate } from '../../platform/views/i18n.ts';

/**
 * Who acted and on what, as the audit log and the ticket histories record it (`customer:12`,
 * `staff:3`, `mail-account:500001.002`, `mail-login:<hash>`, `anonymous`, …), in words and names.
 * The page that shows them passes the names it can know (audit owns no customers or staff).
 */
export interface PartyNames {
  customers?: ReadonlyMap<number, { customerNumber: string; name: string }>;
  staff?: ReadonlyMap<number, string>;
}

export function describeParty(t: Translate, code: string, names: PartyNames = {}): string {
  const colon = code.indexOf(':');
  const kind = colon < 0 ? code : code.slice(0, colon);
  const value = colon < 0 ? '' : code.slice(colon + 1);
  const id = /^\d{1,12}$/.test(value) ? Number(value) : null;
  switch (kind) {
    case 'customer': {
      const customer = id === null ? undefined : names.customers?.get(id);
      return customer ? t('audit.party.customer', { number: customer.customerNumber, name: customer.name }) : t('audit.party.customerId', { id: value });
    }
    case 'staff': {
      const name = id === null ? undefined : names.staff?.get(id);
      return name ? t('audit.party.staff', { name }) : t('audit.party.staffId', { id: value });
    }
    case 'mail-account':
      return t('audit.party.mailAccount', { name: value });
    case 'mail-address':
      return t('audit.party.mailAddress', { address: value });
    case 'mail-login':
      // The hash of a typed name that belongs to no account: nobody can read it back.
      return t('audit.party.unknownLogin');
    case 'api-token':
      return t('audit.party.apiToken', { id: value });
    case 'contract':
      return t('audit.party.contract', { number: value });
    case 'ticket':
    case 'ticket-id':
      return t('audit.party.ticket', { number: value });
    case 'panel_server':
      return t('audit.party.panelServer', { id: value });
    case 'help':
      return t('audit.party.helpEntry', { id: value });
    case 'anonymous':
      return t('audit.party.anonymous');
    case 'cli':
      return t('audit.party.cli');
    case 'system':
      return t('audit.party.system');
    default:
      return code;
  }
}
