import type { Db, Dialect } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { generatePassword, hashPassword } from '../../platform/crypto.ts';
import type { OrderChannel } from './orders.tables.ts';
import { EMAIL, createCustomer, findCustomerByEmail, findCustomerByNumber } from '../accounts/index.ts';
import { createContract, findLookalikeDomains, requireTariff, validateNewDomains, type LookalikeDomain } from '../contracts/index.ts';
import { createFirstMailAccount, generateMailSecret } from '../mail/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { FirstOrderInput } from './order.forms.ts';

export interface OrderDeps {
  db: Db;
  dialect: Dialect;
  clock: () => Date;
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
    const first = lookalikes[0]!;
    const list = lookalikes.map((l) => (l.domain.unicode === l.domain.ascii ? l.domain.ascii : `${l.domain.unicode} (${l.domain.ascii})`)).join(', ');
    super('confirmation_required', 'order.lookalikesNeedConfirmation', { domains: lookalikeMessage(first), acceptConfusableDomains: { key: 'order.confirmLookalikesRequired' } }, { domains: list });
  }
}

/** The warning for one lookalike, as a message key with its values. */
export function lookalikeMessage(l: LookalikeDomain): { key: MessageKey; params: Record<string, string> } {
  return l.similar
    ? { key: 'domain.lookalike', params: { domain: l.domain.unicode, ascii: l.domain.ascii, similar: l.similar.unicode, similarAscii: l.similar.ascii } }
    : { key: 'domain.mixedScripts', params: { domain: l.domain.unicode, ascii: l.domain.ascii, scripts: (l.mixedScripts ?? []).join(', ') } };
}

/**
 * Erstbestellung: creates the customer when new, the contract, its domains and, for tariffs
 * without Plesk, mail account `.001`, in one transaction. Generated passwords are hashed before
 * the transaction opens and returned exactly once.
 */
export async function placeFirstOrder(
  deps: OrderDeps,
  input: FirstOrderInput,
  by: { channel: OrderChannel; actor: string; ip?: string | null },
): Promise<FirstOrderResult> {
  const { db, dialect } = deps;
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new DomainError('validation', 'common.invalidEmail', { email: { key: 'common.invalidEmail' } });
  const tariff = await requireTariff(db, input.tariff.trim());
  const domains = await validateNewDomains(db, input.domains);
  const lookalikes = await findLookalikeDomains(db, domains);
  const confirmed = (l: LookalikeDomain) => input.acceptConfusableDomains === true || (input.confirmedLookalikes ?? []).includes(l.domain.ascii);
  if (!lookalikes.every(confirmed)) throw new LookalikeDomainsError(lookalikes);

  let existing = undefined;
  if (input.customerNumber) {
    existing = await findCustomerByNumber(db, input.customerNumber);
    if (!existing) {
      throw new DomainError('validation', 'customer.unknown', { customerNumber: { key: 'customer.unknown', params: { number: input.customerNumber } } }, { number: input.customerNumber });
    }
    if (existing.email !== email) {
      throw new DomainError('validation', 'customer.emailMismatch', { email: { key: 'customer.emailMismatch', params: { number: existing.customerNumber } } }, { number: existing.customerNumber });
    }
  } else if (await findCustomerByEmail(db, email)) {
    // An e-mail address alone never attaches a contract to someone's existing account.
    throw new DomainError('conflict', 'customer.emailTaken', { email: { key: 'customer.emailTaken', params: { hint: email } } }, { hint: email });
  }

  const customerPassword = existing ? null : generatePassword();
  const customerHash = customerPassword ? await hashPassword(customerPassword) : null;
  const mailSecret = tariff.panel === 'mailadmin' ? await generateMailSecret() : null;

  try {
    return await db.transaction().execute(async (trx) => {
      const customer = existing ?? (await createCustomer(trx, dialect, { email, passwordHash: customerHash! }, now));
      const { contract, domains: rows } = await createContract(trx, dialect, { customerId: customer.id, tariff, domains }, now);
      const mailAccount = mailSecret ? await createFirstMailAccount(trx, contract, tariff.mailQuotaMb, mailSecret, now) : null;
      await trx
        .insertInto('orders')
        .values({
          kind: 'first',
          channel: by.channel,
          placedBy: by.actor,
          customerId: customer.id,
          contractId: contract.id,
          request: JSON.stringify({ tariff: tariff.code, domains: domains.map((d) => d.ascii), email, customerNumber: input.customerNumber ?? null }),
          createdAt: now.toISOString(),
        })
        .execute();
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
