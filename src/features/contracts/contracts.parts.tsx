import type { ViewContext } from '../../platform/views/context.ts';
import type { Panel } from './contracts.tables.ts';
import { CONTRACT_STATUS_LABELS } from './contract.labels.ts';
import type { ContractStatus } from './contracts.tables.ts';

/** "Web Plus (Plesk 18)", "Mail S (E-Mail-Administration)". */
export function tariffLabel(ctx: ViewContext, contract: { tariffName: string; panel: Panel | string; pleskVersion: string | null }): string {
  return `${contract.tariffName} (${panelLabel(ctx, contract)})`;
}

/** "Plesk 18" or "E-Mail-Administration": how a contract's services are managed. */
export function panelLabel(ctx: ViewContext, contract: { panel: Panel | string; pleskVersion: string | null }): string {
  return contract.panel === 'plesk' ? ctx.t('panel.plesk', { version: contract.pleskVersion ?? '' }) : ctx.t('panel.mailadmin');
}

/** A contract's status as a coloured badge. */
export function ContractStatusBadge({ ctx, status }: { ctx: ViewContext; status: ContractStatus }) {
  return <span class={`badge badge-${status}`}>{ctx.t(CONTRACT_STATUS_LABELS[status])}</span>;
}
