export {
  EMAIL,
  createCustomer,
  authenticateCustomer,
  getCustomer,
  confirmMasterData,
  correctMasterData,
  changeMasterDataByStaff,
  createPasswordResetByStaff,
  masterDataHistory,
  setCustomerLanguage,
  createPasswordReset,
  findValidReset,
  resetPassword,
  searchCustomers,
  requestPasswordReset,
  type LoginInput,
  type LoginResult,
} from './customer.service.ts';
export { findCustomerByEmail, findCustomerByNumber } from './customer.repository.ts';
export { masterDataOf, isConfirmationDue } from './master-data.ts';
export { checkPostcodeOfCountry, MasterDataShape, MasterDataForm, POSTCODE_CHECK, SALUTATIONS, COUNTRIES, type MasterData } from './master-data.forms.ts';
export { addStaffUser, authenticateStaff, getStaffUser, listActiveStaffNames } from './staff.service.ts';
export { createApiToken, revokeApiToken, listApiTokens, verifyApiToken } from './api-token.service.ts';
export { isTwoFactorEnabled, disableTwoFactor } from './two-factor.service.ts';
export type { Customer, StaffRole, StaffUser } from './accounts.tables.ts';
export { customerDirectory, staffDirectory } from './read-models.ts';
export {
  admitLoginAttempt,
  settleLoginFailure,
  settleLoginSuccess,
  rememberLoginSource,
  listFailedLogins,
  lockedLoginSources,
  pruneLoginRecords,
  addressKeyOf,
  type LoginAttempt,
  type LoginGate,
  type LoginTicket,
  type FailureNotice,
  type FailedLogins,
} from './login-throttle.ts';
export { failureNoticeMail } from './failure-notice.ts';
export { refusalMessage, waitText } from './login-refusal.ts';
export { createDeviceMemory, type DeviceMemory } from './device-session.ts';
export { actorOf } from './actor.ts';
export { accountsPolicy } from './accounts.policies.ts';
export { COUNTRY_LABELS, SALUTATION_LABELS, labelOf } from './master-data.labels.ts';
export { partyNamesOf } from './party-names.ts';
