import type { Db, Dialect } from '../../platform/db/index.ts';
import { inTransaction, isUniqueViolation } from '../../platform/db/index.ts';
import { DomainError, type FieldErrors } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { generatePassword, hashPassword } from '../../platform/crypto.ts';
import type { OrderChannel } from './orders.tables.ts';
import { EMAIL, createCustomer, type Customer, findCustomerByEmail, findCustomerByNumber } from '../accounts/index.ts';
import { createContract, findLookalikeDomains, requireTariff, validateNewDomains, type DomainName, type LookalikeDomain, type Tariff } from '../contracts/index.ts';
import { insertOrder } from './order.repository.ts';
import { createFirstMailAccount, generateMailSecret } from '../mail/index.ts';
import { recordAudit } from '../audit/index.ts';
import { ORDER_MASTER_DATA_FIELDS, type FirstOrderInput, type OrderMasterData } from './order.forms.ts';

/** Who placed an order, through which door. */
export interface OrderedBy {
  channel: OrderChannel;
  /** As the audit log names it: `staff:3`, `api-token:2`, `cli`. */
  actor: string;
  ip?: string | null | undefined;
}

export interface FirstOrderResult {
  customerNumber: string;
  /** The new customer's generated password, or null when the order went to an existing customer. */
  customerPassword: string | null;
  contractNumber: string;
  domains: string[];
  /** `.001` with its generated password for E-Mail-Administration tariffs, else null. */
  mailAccount: { name: string; password: string } | null;
}

/** Refused until confirmed: domains that mix scripts or look like another domain. */
export class LookalikeDomainsError extends DomainError {
  constructor(readonly lookalikes: LookalikeDomain[]) {
    const list = lookalikes.map((l) => (l.domain.unicode === l.domain.ascii ? l.domain.ascii : `${l.domain.unicode} (${l.domain.ascii})`)).join(', ');
    super('confirmation_required', 'order.lookalikesNeedConfirmation', lookalikeFieldErrors(lookalikes), { domains: list });
  }
}

/** What a form says beside its fields while lookalikes wait for their "yes". */
export function lookalikeFieldErrors(lookalikes: LookalikeDomain[]): FieldErrors {
  return { domains: lookalikeMessage(lookalikes[0]!), acceptConfusableDomains: { key: 'order.confirmLookalikesRequired' } };
}

/** The warning for one lookalike, as a message key with its values. */
export function lookalikeMessage(l: LookalikeDomain): { key: MessageKey; params: Record<string, string> } {
  return l.similar
    ? { key: 'domain.lookalike', params: { domain: l.domain.unicode, ascii: l.domain.ascii, similar: l.similar.unicode, similarAscii: l.similar.ascii } }
    : { key: 'domain.mixedScripts', params: { domain: l.domain.unicode, ascii: l.domain.ascii, scripts: (l.mixedScripts ?? []).join(', ') } };
}

/** The master data an order gave: the fields with a value (an empty company or salutation is none given). */
export function givenMasterData(input: FirstOrderInput): OrderMasterData {
  return Object.fromEntries(ORDER_MASTER_DATA_FIELDS.filter((field) => input[field] !== undefined && input[field] !== '').map((field) => [field, input[field]]));
}

/**
 * An existing customer's master data is theirs to change (on Stammdaten): an order for them may
 * repeat it as stored, and a field that differs is refused rather than silently dropped.
 */
function differingMasterData(customer: Customer, given: OrderMasterData): FieldErrors {
  const differing = ORDER_MASTER_DATA_FIELDS.filter((field) => given[field] !== undefined && given[field] !== customer[field]);
  return Object.fromEntries(differing.map((field) => [field, { key: 'order.masterDataDiffers', params: { number: customer.customerNumber } }]));
}

/** An order checked against the catalog and every contract's domains, before anything is written. */
export interface ReviewedOrder {
  email: string;
  tariff: Tariff;
  domains: DomainName[];
  /** Every lookalike among the new domains; `unconfirmed` those the order did not say yes to. */
  lookalikes: LookalikeDomain[];
  unconfirmed: LookalikeDomain[];
}

/**
 * Checks an order without placing it: the e-mail address, the tariff, the domains (syntax, not
 * taken) and the lookalikes among them. The back-office form shows the lookalike warning from it.
 */
export async function reviewFirstOrder(db: Db, input: FirstOrderInput): Promise<ReviewedOrder> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new DomainError('validation', 'common.invalidEmail', { email: { key: 'common.invalidEmail' } });
  const tariff = await requireTariff(db, input.tariff.trim());
  const domains = await validateNewDomains(db, input.domains);
  const lookalikes = await findLookalikeDomains(db, domains);
  const confirmed = (l: LookalikeDomain) => input.acceptConfusableDomains === true || (input.confirmedLookalikes ?? []).includes(l.domain.ascii);
  return { email, tariff, domains, lookalikes, unconfirmed: lookalikes.filter((l) => !confirmed(l)) };
}

/**
 * Erstbestellung: creates the customer when new, the contract, its domains and, for tariffs
 * without Plesk, mail account `.001`, in one transaction (the caller's, when it passes one).
 * Generated passwords are hashed before the transaction opens and returned exactly once.
 */
export async function placeFirstOrder(db: Db, dialect: Dialect, input: FirstOrderInput, by: OrderedBy, now: Date): Promise<FirstOrderResult> {
  const { email, tariff, domains, lookalikes, unconfirmed } = await reviewFirstOrder(db, input);
  if (unconfirmed.length > 0) throw new LookalikeDomainsError(lookalikes);

  const masterData = givenMasterData(input);
  let existing = undefined;
  if (input.customerNumber) {
    existing = await findCustomerByNumber(db, input.customerNumber);
    if (!existing) {
      throw new DomainError('validation', 'customer.unknown', { customerNumber: { key: 'customer.unknown', params: { number: input.customerNumber } } }, { number: input.customerNumber });
    }
    if (existing.email !== email) {
      throw new DomainError('validation', 'customer.emailMismatch', { email: { key: 'customer.emailMismatch', params: { number: existing.customerNumber } } }, { number: existing.customerNumber });
    }
    const differing = differingMasterData(existing, masterData);
    if (Object.keys(differing).length > 0) throw new DomainError('validation', 'order.masterDataDiffers', differing, { number: existing.customerNumber });
  } else if (await findCustomerByEmail(db, email)) {
    // An e-mail address alone never attaches a contract to someone's existing account.
    throw new DomainError('conflict', 'customer.emailTaken', { email: { key: 'customer.emailTaken', params: { hint: email } } }, { hint: email });
  }

  const customerPassword = existing ? null : generatePassword();
  const customerHash = customerPassword ? await hashPassword(customerPassword) : null;
  const mailSecret = tariff.panel === 'mailadmin' ? await generateMailSecret() : null;

  try {
    return await inTransaction(db, async (trx) => {
      const customer = existing ?? (await createCustomer(trx, dialect, { email, passwordHash: customerHash!, ...masterData }, now));
      const { contract, domains: rows } = await createContract(trx, dialect, { customerId: customer.id, tariff, domains }, now);
      const mailAccount = mailSecret ? await createFirstMailAccount(trx, contract, tariff.mailQuotaMb, mailSecret, now) : null;
      await insertOrder(trx, {
        kind: 'first',
        channel: by.channel,
        placedBy: by.actor,
        customerId: customer.id,
        contractId: contract.id,
        request: JSON.stringify({ tariff: tariff.code, domains: domains.map((d) => d.ascii), email, customerNumber: input.customerNumber ?? null, masterData: Object.keys(masterData) }),
        createdAt: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          actor: by.actor,
          event: 'order.placed',
          subject: `contract:${contract.contractNumber}`,
          ip: by.ip ?? null,
          details: {
            channel: by.channel,
            customer: customer.customerNumber,
            tariff: tariff.code,
            newCustomer: !existing,
            // Which master data the order brought; the values themselves live on the customer only.
            masterData: Object.keys(masterData),
            mailAccount: mailAccount?.name ?? null,
            // Who said yes to which warning stays on record beside the order.
            ...(lookalikes.length > 0 ? { lookalikesAccepted: lookalikes.map((l) => ({ domain: l.domain.ascii, mixedScripts: l.mixedScripts, similarTo: l.similar?.ascii ?? null })) } : {}),
          },
        },
        now,
      );
      return {
        customerNumber: customer.customerNumber,
        customerPassword,
        contractNumber: contract.contractNumber,
        domains: rows.map((d) => d.nameUnicode),
        mailAccount,
      };
    });
  } catch (error) {
    // A concurrent order took a domain or the e-mail between the checks and the insert.
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'domain.duplicate', { domains: { key: 'domain.duplicate', params: { domain: domains.map((d) => d.unicode).join(', ') } } }, { domain: domains.map((d) => d.unicode).join(', ') });
    throw error;
  }
}
