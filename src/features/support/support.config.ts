import { z } from 'zod';
import { createSecretBox, secretKeyMaterial, type SecretBox, type SecretKeySettings } from '../../platform/secret-box.ts';

export const SupportEnv = z.object({
  /** Days a revealable password waits for the customer before it is wiped unread. */
  SUPPORT_REVEAL_DAYS: z.coerce.number().int().min(1).max(60).default(14),
});

/** The SupportCenter's part of the configuration that config.ts composes from the environment. */
export interface SupportEnvConfig {
  supportRevealDays: number;
}

export function supportEnvConfigOf(e: z.infer<typeof SupportEnv>): SupportEnvConfig {
  return { supportRevealDays: e.SUPPORT_REVEAL_DAYS };
}

export interface SupportConfig {
  /** Seals the one-time reveal of a staff-set password (platform/secret-box.ts, own purpose). */
  box: SecretBox;
  revealDays: number;
}

/**
 * The sealing key never lives in the database it protects: it derives from the app's one secret
 * key (SECRET_KEY, or the key file beside the database).
 */
export function loadSupportConfig(config: SupportEnvConfig & SecretKeySettings): SupportConfig {
  return { box: createSecretBox(secretKeyMaterial(config), 'support-reveal-once-v1'), revealDays: config.supportRevealDays };
}
