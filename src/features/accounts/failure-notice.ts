import type { Db } from '../../platform/db/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { formatDateTime, translator } from '../../platform/views/i18n.ts';
import type { OutgoingMail } from '../../integrations/smtp/mailer.ts';
import type { FailureNotice } from './login-throttle.ts';
import { findCustomerById } from './customer.repository.ts';

/**
 * The one mail per burst of failed attempts, in the owner's language. It names the account,
 * the count, the last address and time — never a password, and no link at all: a mail that
 * says "someone tried to log in" is what phishing imitates, so this one gives nothing to click.
 */
export function failureNoticeMail(notice: FailureNotice, to: { email: string; language: Language }, account: { kind: 'customer' | 'mailAccount'; name: string }): OutgoingMail {
  const t = translator(to.language);
  const label = t(account.kind === 'customer' ? 'limits.notice.customer' : 'limits.notice.mailAccount', { name: account.name });
  const more = notice.addresses > 1 ? t('limits.notice.more', { count: notice.addresses }) : '';
  const params = {
    account: label,
    since: formatDateTime(notice.since, to.language),
    count: notice.failures,
    time: formatDateTime(notice.lastAt, to.language),
    address: notice.lastAddress,
    more,
  };
  return { to: to.email, subject: t('limits.notice.subject', { account: label }), text: t(notice.kind === 'code' ? 'limits.notice.code' : 'limits.notice.password', params) };
}

/** The notice for a customer's own account (`customer:<id>`); staff have no mail address on file. */
export async function customerFailureNotice(db: Db, notice: FailureNotice | null): Promise<OutgoingMail | null> {
  const id = notice && /^customer:(\d+)$/.exec(notice.subject)?.[1];
  if (!notice || !id) return null;
  const customer = await findCustomerById(db, Number(id));
  return customer ? failureNoticeMail(notice, customer, { kind: 'customer', name: customer.customerNumber }) : null;
}
