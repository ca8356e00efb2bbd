import { z } from 'zod';
import type { Config } from '../../config.ts';
import { createSecretBox, secretKeyMaterial, type SecretBox } from '../../platform/secret-box.ts';

const SupportEnv = z.object({
  /** Days a revealable password waits for the customer before it is wiped unread. */
  SUPPORT_REVEAL_DAYS: z.coerce.number().int().min(1).max(60).default(14),
});

export interface SupportConfig {
  /** Seals the one-time reveal of a staff-set password (platform/secret-box.ts, own purpose). */
  box: SecretBox;
  revealDays: number;
}

/**
 * The SupportCenter's part of the configuration, read from the environment next to config.ts.
 * The sealing key never lives in the database it protects: it derives from the app's one secret
 * key (SECRET_KEY, or the key file beside the database).
 */
export function loadSupportConfig(app: Pick<Config, 'secretKey' | 'secretKeyFile'>, env: NodeJS.ProcessEnv = process.env): SupportConfig {
  const parsed = SupportEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`Invalid SupportCenter configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return { box: createSecretBox(secretKeyMaterial(app), 'support-reveal-once-v1'), revealDays: parsed.data.SUPPORT_REVEAL_DAYS };
}
