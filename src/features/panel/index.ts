export { loadPanelConfig, type PanelConfig } from './panel.config.ts';
export { startDemoPleskSimulators, flagDemoPanelServers, simulatorBrowserUrl, DEMO_MAILBOXES } from './demo-simulators.ts';
export { effectiveVersion, requirePanelContract } from './panel.service.ts';
/** For the help center: the menu path of a mailbox's settings per Plesk version. */
export { mailSettingsPath, formatMenuPath, displayName as pleskDisplayName } from '../../integrations/plesk/index.ts';
