/** Accounts' components that other features' pages embed (views stay out of index.ts). */
export { FailedLoginsCard, FailedLoginsList } from './login-throttle.views.tsx';
export { MasterDataFields } from './master-data.parts.tsx';
