import { z } from 'zod';
import type { Config } from '../../config.ts';
import { createSecretBox, secretKeyMaterial, type SecretBox } from '../../platform/secret-box.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const PanelEnv = z.object({
  /** Start the demo's Plesk simulators (default: whenever demo data is on). */
  PLESK_SIMULATOR: bool.optional(),
  PLESK_SIMULATOR_HOST: z.string().default('127.0.0.1'),
  PLESK_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export interface PanelConfig {
  /** Seals the Plesk API credentials (platform/secret-box.ts, own purpose). */
  box: SecretBox;
  simulator: boolean;
  simulatorHost: string;
  timeoutMs: number;
}

const cache = new Map<string, PanelConfig>();

/**
 * The Plesk part of the configuration, read from the environment next to config.ts. Credentials
 * are sealed with a key derived from the app's one secret key (SECRET_KEY or its key file).
 */
export function loadPanelConfig(app: Pick<Config, 'secretKey' | 'secretKeyFile' | 'demoData'>, env: NodeJS.ProcessEnv = process.env): PanelConfig {
  const cacheKey = `${app.secretKey ?? app.secretKeyFile}|${env.PLESK_SIMULATOR ?? ''}|${env.PLESK_SIMULATOR_HOST ?? ''}|${env.PLESK_TIMEOUT_MS ?? ''}|${app.demoData}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const parsed = PanelEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`Invalid Plesk configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  const config = {
    box: createSecretBox(secretKeyMaterial(app), 'panel-credentials-v1'),
    simulator: e.PLESK_SIMULATOR ?? app.demoData,
    simulatorHost: e.PLESK_SIMULATOR_HOST,
    timeoutMs: e.PLESK_TIMEOUT_MS,
  };
  cache.set(cacheKey, config);
  return config;
}
