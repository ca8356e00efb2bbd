import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createSecretBox, type SecretBox } from './secret-box.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const PanelEnv = z.object({
  PANEL_SECRET_KEY: z.string().min(32).optional(),
  /** Start the demo's Plesk simulators (default: whenever demo data is on). */
  PLESK_SIMULATOR: bool.optional(),
  PLESK_SIMULATOR_HOST: z.string().default('127.0.0.1'),
  PLESK_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export interface PanelConfig {
  /** null: no PANEL_SECRET_KEY and no demo, so credentials cannot be stored or read. */
  box: SecretBox | null;
  /** True when the key is a per-process one of the demo (credentials vanish on restart). */
  ephemeralKey: boolean;
  simulator: boolean;
  simulatorHost: string;
  timeoutMs: number;
}

let processKey: string | undefined;
const cache = new Map<string, PanelConfig>();

/**
 * The Plesk part of the configuration, read from the environment next to config.ts. Without
 * PANEL_SECRET_KEY the demo uses a key that lives only as long as the process (its simulator
 * credentials are rewritten on every start); anything else refuses to store credentials.
 */
export function loadPanelConfig(env: NodeJS.ProcessEnv = process.env, demoData = true): PanelConfig {
  const cacheKey = `${env.PANEL_SECRET_KEY ?? ''}|${env.PLESK_SIMULATOR ?? ''}|${env.PLESK_SIMULATOR_HOST ?? ''}|${env.PLESK_TIMEOUT_MS ?? ''}|${demoData}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const parsed = PanelEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`Invalid Plesk configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  let box: SecretBox | null = null;
  let ephemeralKey = false;
  if (e.PANEL_SECRET_KEY) box = createSecretBox(e.PANEL_SECRET_KEY);
  else if (demoData) {
    processKey ??= randomBytes(32).toString('base64url');
    box = createSecretBox(processKey);
    ephemeralKey = true;
  }
  const config = { box, ephemeralKey, simulator: e.PLESK_SIMULATOR ?? demoData, simulatorHost: e.PLESK_SIMULATOR_HOST, timeoutMs: e.PLESK_TIMEOUT_MS };
  cache.set(cacheKey, config);
  return config;
}
