import { definePolicy, type Actor } from '../../platform/policy.ts';

/** A contract as the mail rules see it: whose it is, and whether its tariff has the E-Mail-Administration. */
export interface MailContractSubject {
  id: number;
  customerId: number;
  panel: string;
}

/** A mail account, address or forwarder: the contract it belongs to. */
export interface InMailContract {
  contractId: number;
}

/** The contract's `.001` login, or the contract's owner in the customer area (single sign-on). */
function administers(actor: Actor, contract: MailContractSubject): boolean {
  if (contract.panel !== 'mailadmin') return false;
  if (actor.kind === 'mail-account') return actor.admin && actor.contractId === contract.id;
  return actor.kind === 'customer' && actor.customerId === contract.customerId;
}

const isAccountsOwnLogin = (actor: Actor, account: { id: number } & InMailContract) =>
  actor.kind === 'mail-account' && actor.accountId === account.id && actor.contractId === account.contractId;

/** The account's contract's administration, or the account's own login. */
const administersOrOwns = (actor: Actor, subject: { contract: MailContractSubject; account: { id: number } & InMailContract }) =>
  (administers(actor, subject.contract) && subject.account.contractId === subject.contract.id) || isAccountsOwnLogin(actor, subject.account);

/**
 * Who may do what with a contract's mail. The administration (accounts, addresses, forwarders,
 * Zugangsdaten) is for the contract's `.001` login and the contract's owner alone; a mailbox
 * user reaches only their own mailbox's page; staff work through the SupportCenter's staff
 * action, never here. Anyone else gets the 404 of a contract that does not exist.
 */
export const mailPolicy = definePolicy({
  administerMail: administers,
  /** An object of the administration: only through the contract it belongs to. */
  manageMailObject: (actor: Actor, subject: { contract: MailContractSubject; object: InMailContract }) =>
    administers(actor, subject.contract) && subject.object.contractId === subject.contract.id,
  /** The mailbox self-service: a mail login (`.001` included) changes its own account's password. */
  useOwnMailbox: isAccountsOwnLogin,
  /** A mailbox's password: set by whoever administers its contract, or changed by its own login. */
  changeMailPassword: administersOrOwns,
  /** A mailbox's app passwords and its "app passwords only" switch: whoever may set its password. */
  manageAppPasswords: administersOrOwns,
  /**
   * A password change keeps the login that made it only when that login is the account's own
   * (`.001` changing its own password); every other login of the account ends.
   */
  keepLoginAfterPasswordChange: isAccountsOwnLogin,
  /** A mailbox's out-of-office reply and forwarding: whoever administers its contract, or its own login. */
  setDeliveryRules: (actor: Actor, subject: { contract: MailContractSubject; account: { id: number } & InMailContract }) =>
    (administers(actor, subject.contract) && subject.account.contractId === subject.contract.id) || isAccountsOwnLogin(actor, subject.account),
});
