export {
  EMAIL,
  createCustomer,
  authenticateCustomer,
  getCustomer,
  confirmMasterData,
  correctMasterData,
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
export { MasterDataForm, SALUTATIONS, COUNTRIES, masterDataOf, isConfirmationDue, type MasterData } from './master-data.ts';
export { addStaffUser, authenticateStaff, getStaffUser } from './staff.service.ts';
export { createApiToken, revokeApiToken, listApiTokens, verifyApiToken } from './api-token.service.ts';
export { isTwoFactorEnabled, disableTwoFactor } from './two-factor.service.ts';
export {
  admitLoginAttempt,
  settleLoginFailure,
  settleLoginSuccess,
  rememberLoginSource,
  listFailedLogins,
  pruneLoginRecords,
  addressKeyOf,
  type LoginAttempt,
  type LoginGate,
  type LoginTicket,
  type FailureNotice,
  type FailedLogins,
} from './login-throttle.ts';
export { failureNoticeMail } from './failure-notice.ts';
export { FailedLoginsList, refusalMessage, waitText } from './login-throttle.views.tsx';
export { createDeviceMemory, type DeviceMemory } from './device-session.ts';
