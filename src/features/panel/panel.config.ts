import { z } from 'zod';
import { envFlag } from '../../platform/env.ts';
import { createSecretBox, secretKeyMaterial, type SecretBox, type SecretKeySettings } from '../../platform/secret-box.ts';

export const PanelEnv = z.object({
  /** Start the demo's Plesk simulators (default: whenever demo data is on). */
  PLESK_SIMULATOR: envFlag.optional(),
  PLESK_SIMULATOR_HOST: z.string().default('127.0.0.1'),
  PLESK_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

/** The Plesk part of the configuration that config.ts composes from the environment. */
export interface PanelEnvConfig {
  pleskSimulator: boolean;
  pleskSimulatorHost: string;
  pleskTimeoutMs: number;
}

export function panelEnvConfigOf(e: z.infer<typeof PanelEnv>, demoData: boolean): PanelEnvConfig {
  return { pleskSimulator: e.PLESK_SIMULATOR ?? demoData, pleskSimulatorHost: e.PLESK_SIMULATOR_HOST, pleskTimeoutMs: e.PLESK_TIMEOUT_MS };
}

export interface PanelConfig {
  /** Seals the Plesk API credentials (platform/secret-box.ts, own purpose). */
  box: SecretBox;
  simulator: boolean;
  simulatorHost: string;
  timeoutMs: number;
}

/** Credentials are sealed with a key derived from the app's one secret key (SECRET_KEY or its key file). */
export function loadPanelConfig(config: PanelEnvConfig & SecretKeySettings): PanelConfig {
  return {
    box: createSecretBox(secretKeyMaterial(config), 'panel-credentials-v1'),
    simulator: config.pleskSimulator,
    simulatorHost: config.pleskSimulatorHost,
    timeoutMs: config.pleskTimeoutMs,
  };
}
