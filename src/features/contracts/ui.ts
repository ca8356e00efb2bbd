/** Contracts' components that other features' pages embed (views stay out of index.ts). */
export { DomainLabel } from './domain-label.views.tsx';
export { ContractStatusBadge, panelLabel, tariffLabel } from './contracts.parts.tsx';
