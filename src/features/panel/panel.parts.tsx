import type { ViewContext } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { PLESK_CODES, customerFailureOf, type CustomerFailure, type PanelError } from '../../integrations/plesk/index.ts';

/** The SupportCenter's "Neues Ticket erstellen", prefilled (the SupportCenter serves /support/tickets/new). */
export function ticketLink(subject: string, category: string, contract: string): string {
  const q = new URLSearchParams({ subject, category, contract });
  return `/support/tickets/new?${q.toString()}`;
}

export function TicketButton({ ctx, href }: { ctx: ViewContext; href: string }) {
  return (
    <a class="button primary" href={href} id="new-ticket">
      {ctx.t('plesk.failure.newTicket')}
    </a>
  );
}

const CUSTOMER_FAILURE_LABEL: Record<CustomerFailure, MessageKey> = {
  unavailable: 'plesk.failure.unavailable',
  misconfigured: 'plesk.failure.misconfigured',
  notFound: 'plesk.failure.notFound',
  invalidValue: 'plesk.failure.invalidValue',
  failed: 'plesk.failure.failed',
};

/** What a customer is told about a failed panel call: one of five plain messages, no internals. */
export function CustomerFailure({ ctx, error }: { ctx: ViewContext; error: PanelError }) {
  return (
    <div class="error-summary" role="alert">
      <p>{ctx.t(CUSTOMER_FAILURE_LABEL[customerFailureOf(error)])}</p>
    </div>
  );
}

type PleskCode = (typeof PLESK_CODES)[keyof typeof PLESK_CODES];

const PLESK_CODE_LABEL: Record<PleskCode, MessageKey> = {
  1001: 'plesk.staff.1001',
  1005: 'plesk.staff.1005',
  1006: 'plesk.staff.1006',
  1013: 'plesk.staff.1013',
  1014: 'plesk.staff.1014',
  1017: 'plesk.staff.1017',
  1019: 'plesk.staff.1019',
  1023: 'plesk.staff.1023',
  11003: 'plesk.staff.11003',
};

const FAILURE_KIND_LABEL: Record<Exclude<PanelError['kind'], 'api'>, MessageKey> = {
  transport: 'plesk.staff.transport',
  tls: 'plesk.staff.tls',
  timeout: 'plesk.staff.timeout',
  http: 'plesk.staff.http',
  malformed: 'plesk.staff.malformed',
  config: 'plesk.staff.config',
};

const isKnownCode = (code: number | null): code is PleskCode => code !== null && Object.hasOwn(PLESK_CODE_LABEL, code);

/** What staff are told: the Plesk code where Hostdesk knows it, else the kind of failure. */
export function staffFailureLabel(error: PanelError): MessageKey {
  if (error.kind !== 'api') return FAILURE_KIND_LABEL[error.kind];
  return isKnownCode(error.code) ? PLESK_CODE_LABEL[error.code] : 'plesk.staff.other';
}
