import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config.ts';

const SupportEnv = z.object({
  /** Days a revealable password waits for the customer before it is wiped unread. */
  SUPPORT_REVEAL_DAYS: z.coerce.number().int().min(1).max(60).default(14),
});

export interface SupportConfig {
  /** Returns the sealing key material; reads or creates the key file on first use. */
  keyMaterial(): string;
  keySource: 'SECRET_KEY' | 'SECRET_KEY_FILE';
  revealDays: number;
}

/**
 * The SupportCenter's part of the configuration, read from the environment next to config.ts.
 * The sealing key never lives in the database it protects: it is the app's SECRET_KEY or, for a
 * single host, the key file SECRET_KEY_FILE (the same file platform/secret-box.ts creates, mode
 * 0600). The support key is derived from it with HKDF under its own label.
 */
export function loadSupportConfig(app: Pick<Config, 'secretKey' | 'secretKeyFile'>, env: NodeJS.ProcessEnv = process.env): SupportConfig {
  const parsed = SupportEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`Invalid SupportCenter configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  let cached = app.secretKey;
  return {
    keySource: app.secretKey ? 'SECRET_KEY' : 'SECRET_KEY_FILE',
    revealDays: e.SUPPORT_REVEAL_DAYS,
    keyMaterial() {
      cached ??= readOrCreateKeyFile(app.secretKeyFile);
      return cached;
    },
  };
}

function readOrCreateKeyFile(path: string): string {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(path, 'utf8').trim();
  if (key.length < 32) throw new Error(`${path} must hold at least 32 characters of key material`);
  return key;
}
