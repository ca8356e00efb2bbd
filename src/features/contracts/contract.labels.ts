import type { MessageKey } from '../../platform/views/i18n.ts';
import type { ContractStatus } from './contracts.tables.ts';

/** A contract's status as its badge says it. */
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, MessageKey> = {
  active: 'contract.status.active',
  suspended: 'contract.status.suspended',
  cancelled: 'contract.status.cancelled',
};
