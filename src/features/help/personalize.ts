import type { Language } from '../../platform/db/database.ts';
import type { Panel } from '../contracts/index.ts';
import type { Translate } from '../../platform/views/i18n.ts';
import { parseAnswer, renderMarkdown, scopeMatches, type Situation } from './markdown.ts';

/** One contract of the logged-in customer, as far as the help center needs to know it. */
export interface ContractSituation extends Situation {
  contractNumber: string;
  tariffName: string;
  domain: string | null;
}

export interface AnswerContext {
  t: Translate;
  lang: Language;
  csrfToken: string;
  servers: { imap: { host: string; port: number }; pop3: { host: string; port: number }; smtp: { host: string; port: number } };
  /** null for visitors who are not logged in as a customer */
  contracts: ContractSituation[] | null;
  /** show every variant even to a customer (the "all variants" link) */
  showAll: boolean;
}

export type AnswerBlock =
  | { kind: 'common'; html: string }
  | { kind: 'variant'; title: string; html: string; contract: ContractSituation | null };

/** Where "Neues Ticket erstellen" leads; the SupportCenter owns the page. */
export const NEW_TICKET_PATH = '/support/tickets/new';
/** The SupportCenter's self-service "Administrationspasswort neu setzen" (it says so itself when switched off). */
export const ADMIN_PASSWORD_PATH = '/support/admin-password';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The answer as a customer should see it: only the variants that fit one of their contracts
 * (all of them for anyone else, or when none fits), placeholders filled with that contract's
 * values, and the direct buttons pointing at that contract.
 */
export function renderAnswer(answer: string, ctx: AnswerContext): { blocks: AnswerBlock[]; personalized: boolean } {
  const { segments } = parseAnswer(answer);
  const contracts = ctx.contracts ?? [];
  const variants = segments.filter((s) => s.kind === 'variant');
  const fitting = ctx.showAll ? [] : variants.filter((v) => contracts.some((c) => scopeMatches(v.scope, c)));
  const personalized = fitting.length > 0;
  const primary = (personalized ? contracts.find((c) => fitting.some((v) => scopeMatches(v.scope, c))) : contracts[0]) ?? null;

  const blocks: AnswerBlock[] = [];
  for (const segment of segments) {
    if (segment.kind === 'common') {
      blocks.push({ kind: 'common', html: fill(renderMarkdown(segment.markdown), primary, ctx, null) });
      continue;
    }
    if (personalized && !fitting.includes(segment)) continue;
    const contract = personalized ? contracts.find((c) => scopeMatches(segment.scope, c)) ?? null : null;
    blocks.push({ kind: 'variant', title: segment.title, html: fill(renderMarkdown(segment.markdown), contract ?? primary, ctx, segment.scope.panel), contract });
  }
  return { blocks, personalized };
}

/** `panel` is the variant's own panel: a generic account name follows it (address for Plesk, `.001` otherwise). */
function fill(html: string, contract: ContractSituation | null, ctx: AnswerContext, panel: Panel | null): string {
  const { t, servers } = ctx;
  const generic = (key: Parameters<Translate>[0]) => `<var class="placeholder">${escapeHtml(t(key))}</var>`;
  const values: Record<string, string> = {
    domain: contract?.domain ? `<strong>${escapeHtml(contract.domain)}</strong>` : generic('help.ph.domain'),
    contract: contract ? `<strong>${escapeHtml(contract.contractNumber)}</strong>` : generic('help.ph.contract'),
    account: !contract
      ? panel === 'plesk'
        ? `${generic('help.ph.mailboxName')}@${generic('help.ph.domain')}`
        : generic('help.ph.account')
      : contract.panel === 'mailadmin'
        ? `<code>${escapeHtml(contract.contractNumber)}.001</code>`
        : `<code>${escapeHtml(t('help.ph.mailboxName'))}@${escapeHtml(contract.domain ?? t('help.ph.domain'))}</code>`,
    imapHost: `<code>${escapeHtml(servers.imap.host)}</code>`,
    pop3Host: `<code>${escapeHtml(servers.pop3.host)}</code>`,
    smtpHost: `<code>${escapeHtml(servers.smtp.host)}</code>`,
    imapPort: String(servers.imap.port),
    pop3Port: String(servers.pop3.port),
    smtpPort: String(servers.smtp.port),
  };
  return html
    .replace(/<p>((?:\s*\{button:[a-z]+\}\s*)+)<\/p>/g, (_m, inner: string) => `<div class="help-buttons">${inner.replace(/\{button:([a-z]+)\}/g, (_b, kind: string) => button(kind, contract, ctx))}</div>`)
    .replace(/\{button:([a-z]+)\}/g, (_b, kind: string) => button(kind, contract, ctx, true))
    .replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(values, name) ? values[name]! : m));
}

function button(kind: string, contract: ContractSituation | null, ctx: AnswerContext, inline = false): string {
  const { t } = ctx;
  const link = (href: string, label: string) => `<a class="button" href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const own = ctx.contracts !== null && contract !== null;
  switch (kind) {
    case 'panel':
      if (own && contract.panel === 'plesk' && !inline) {
        return `<form method="post" action="/contracts/${escapeHtml(contract.contractNumber)}/panel" class="inline"><input type="hidden" name="_csrf" value="${escapeHtml(ctx.csrfToken)}"><button type="submit" class="button primary">${escapeHtml(t('domains.openPanel'))}</button></form>`;
      }
      return link('/domains', t('domains.openPanel'));
    case 'mailadmin':
      return link(own && contract.panel === 'mailadmin' ? `/mail-admin/${contract.contractNumber}` : '/domains', t('domains.mailAdmin'));
    case 'credentials':
      return link(own && contract.panel === 'mailadmin' ? `/contracts/${contract.contractNumber}/zugangsdaten` : '/domains', t('domains.credentials'));
    case 'ticket':
      return link(NEW_TICKET_PATH, t('help.button.newTicket'));
    case 'adminpassword':
      return link(ADMIN_PASSWORD_PATH, t('help.button.adminPassword'));
    case 'masterdata':
      return link('/stammdaten', t('nav.masterData'));
    default:
      return '';
  }
}
