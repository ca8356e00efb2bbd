export { createPleskConnector, type PanelConnector, type PanelEntry, type PanelMailbox, type PanelServerInfo, type Subscription } from './connector.ts';
export { sendPacket, type PleskAuth, type PleskEndpoint, DEFAULT_TIMEOUT_MS } from './client.ts';
export { PanelError, PLESK_CODES, customerFailureOf, staffFailureOf, type CustomerFailure } from './errors.ts';
export {
  displayName,
  formatMenuPath,
  hasSessionApi,
  isLegacy,
  loginPagePath,
  mailSettingsPath,
  manualLoginSteps,
  normalizeVersion,
  protocolForVersion,
  SIMULATED_VERSIONS,
  type SimulatedVersion,
} from './versions.ts';
export { startPleskSimulator, type PleskSimulator } from './simulator.ts';
export { generateSimulatorCertificates } from './certificates.ts';
export { runPleskSimulatorCommand, PLESK_SIM_USAGE } from './simulator.command.ts';
