import type { Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { translator } from '../../platform/views/i18n.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import {
  accountsPolicy,
  changeMasterDataByStaff,
  createPasswordResetByStaff,
  disableTwoFactor,
  findCustomerByNumber,
  isTwoFactorEnabled,
  masterDataHistory,
  searchCustomers,
  type Customer,
  type MasterData,
} from '../accounts/index.ts';
import { contractsPolicy, domainHolderIds, listCustomerPortfolio } from '../contracts/index.ts';
import { listMailAccountsOfContracts, loginActivityOfContracts } from '../mail/index.ts';
import { listTicketsOfCustomer } from '../support/index.ts';
import { listCustomerNotes } from './customer-notes.service.ts';

/** Customers by number, name, company, e-mail or domain; null when the query is too short to search. */
export async function findCustomers(db: Db, actor: Actor, query: string) {
  accountsPolicy.authorize(actor, 'findCustomers', 'customers', { reveal: true });
  if (query.length < 2 && !/^\d+$/.test(query)) return null;
  return searchCustomers(db, query, { alsoIds: (pattern) => domainHolderIds(db, pattern) });
}

export async function requireCustomer(db: Db, customerNumber: string): Promise<Customer> {
  const customer = /^\d{1,12}$/.test(customerNumber) ? await findCustomerByNumber(db, customerNumber) : undefined;
  if (!customer) throw new DomainError('not_found', 'error.notFound');
  return customer;
}

/** The customer at a glance: master data, tickets, contracts with domains and mailboxes, the second factor, internal notes. */
export async function customerOverview(db: Db, actor: Actor, customerNumber: string) {
  const customer = await requireCustomer(db, customerNumber);
  accountsPolicy.authorize(actor, 'viewCustomer', customer);
  contractsPolicy.authorize(actor, 'readPortfolio', { customerId: customer.id });
  const portfolio = await listCustomerPortfolio(db, customer.id);
  const mailAccounts = await listMailAccountsOfContracts(db, portfolio.map((contract) => contract.id));
  const mailActivity = await loginActivityOfContracts(db, portfolio.map((contract) => contract.id), mailAccounts);
  const contracts = portfolio.map((contract) => ({ ...contract, mailAccounts: mailAccounts.filter((account) => account.contractId === contract.id), mailActivity: mailActivity.get(contract.id) }));
  const [twoFactor, tickets, notes, history] = await Promise.all([
    isTwoFactorEnabled(db, `customer:${customer.id}`),
    listTicketsOfCustomer(db, actor, customer.id),
    listCustomerNotes(db, actor, customer),
    masterDataHistory(db, customer.id),
  ]);
  return {
    customer,
    contracts,
    tickets,
    notes,
    history,
    twoFactor,
    canEdit: accountsPolicy.can(actor, 'editCustomer', customer),
    canResetTwoFactor: twoFactor && accountsPolicy.can(actor, 'resetTwoFactor', customer),
  };
}
export type CustomerOverview = Awaited<ReturnType<typeof customerOverview>>;

/**
 * Recovery for a customer who lost both the authenticator and the backup codes: admins only,
 * audited, and the customer is told by e-mail so that a social-engineering attempt shows.
 */
export async function resetCustomerTwoFactor(db: Db, mailer: Mailer, input: { actor: Actor; customerNumber: string; ip: string | null }, now: Date): Promise<Customer> {
  const customer = await requireCustomer(db, input.customerNumber);
  accountsPolicy.authorize(input.actor, 'resetTwoFactor', customer, { reveal: true });
  const subject = `customer:${customer.id}`;
  if (await isTwoFactorEnabled(db, subject)) {
    await disableTwoFactor(db, input.actor, subject, input.ip, null, now);
    const t = translator(customer.language);
    await mailer.send({ to: customer.email, subject: t('twoFactor.resetMailSubject'), text: t('twoFactor.resetMailBody', { customerNumber: customer.customerNumber }) });
  }
  return customer;
}

/** Staff correct the customer's master data (audited; the customer's history says support changed it). */
export async function editCustomerMasterData(db: Db, input: { actor: Actor; customer: Customer; data: MasterData; ip: string | null }, now: Date) {
  return changeMasterDataByStaff(db, input.actor, input.customer, input.data, input.ip, now);
}

/**
 * "Link zum Zurücksetzen senden": the customer's own "Passwort vergessen" link, mailed to the
 * customer's own address (staff never see it), audited under the staff member's name.
 */
export async function sendPasswordResetLink(db: Db, mailer: Mailer, input: { actor: Actor; customer: Customer; publicUrl: string; ip: string | null }, now: Date) {
  const token = await createPasswordResetByStaff(db, input.actor, input.customer, input.ip, now);
  const t = translator(input.customer.language);
  const link = `${input.publicUrl}/passwort-neu?token=${encodeURIComponent(token)}`;
  await mailer.send({ to: input.customer.email, subject: t('forgot.staffMailSubject'), text: t('forgot.staffMailBody', { customerNumber: input.customer.customerNumber, link }) });
}
