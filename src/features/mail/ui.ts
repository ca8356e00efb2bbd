/** Mail's components that other features' pages embed (views stay out of index.ts). */
export { ServerTable } from './server-table.views.tsx';
export { LoginActivitySection, ContractLoginActivityDetails } from './login-activity.views.tsx';
