import type { Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { translator } from '../../platform/views/i18n.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { accountsPolicy, disableTwoFactor, findCustomerByNumber, isTwoFactorEnabled, searchCustomers, type Customer } from '../accounts/index.ts';
import { contractsPolicy, domainHolderIds, listCustomerPortfolio } from '../contracts/index.ts';
import { listMailAccountsOfContracts, loginActivityOfContracts } from '../mail/index.ts';

/** Customers by number, name, company, e-mail or domain; null when the query is too short to search. */
export async function findCustomers(db: Db, actor: Actor, query: string) {
  accountsPolicy.authorize(actor, 'findCustomers', 'customers', { reveal: true });
  if (query.length < 2 && !/^\d+$/.test(query)) return null;
  return searchCustomers(db, query, { alsoIds: (pattern) => domainHolderIds(db, pattern) });
}

async function requireCustomer(db: Db, customerNumber: string): Promise<Customer> {
  const customer = /^\d{1,12}$/.test(customerNumber) ? await findCustomerByNumber(db, customerNumber) : undefined;
  if (!customer) throw new DomainError('not_found', 'error.notFound');
  return customer;
}

/** The customer at a glance: master data, contracts with domains and mailboxes, the second factor. */
export async function customerOverview(db: Db, actor: Actor, customerNumber: string) {
  const customer = await requireCustomer(db, customerNumber);
  accountsPolicy.authorize(actor, 'viewCustomer', customer);
  contractsPolicy.authorize(actor, 'readPortfolio', { customerId: customer.id });
  const portfolio = await listCustomerPortfolio(db, customer.id);
  const mailAccounts = await listMailAccountsOfContracts(db, portfolio.map((contract) => contract.id));
  const mailActivity = await loginActivityOfContracts(db, portfolio.map((contract) => contract.id), mailAccounts);
  const contracts = portfolio.map((contract) => ({ ...contract, mailAccounts: mailAccounts.filter((account) => account.contractId === contract.id), mailActivity: mailActivity.get(contract.id) }));
  const twoFactor = await isTwoFactorEnabled(db, `customer:${customer.id}`);
  return { customer, contracts, twoFactor, canResetTwoFactor: twoFactor && accountsPolicy.can(actor, 'resetTwoFactor', customer) };
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
