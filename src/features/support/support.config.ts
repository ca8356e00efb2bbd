import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const SupportEnv = z.object({
  /** Key material (≥ 32 characters) for the secrets a customer reveals once. */
  SUPPORT_SECRET_KEY: z.string().min(32).optional(),
  /** Where a generated key is kept when SUPPORT_SECRET_KEY is not set (single-host installs). */
  SUPPORT_SECRET_KEY_FILE: z.string().default('data/support-secret.key'),
  /** Days a revealable password waits for the customer before it is wiped unread. */
  SUPPORT_REVEAL_DAYS: z.coerce.number().int().min(1).max(60).default(14),
});

export interface SupportConfig {
  /** Returns the sealing key material; reads or creates the key file on first use. */
  keyMaterial(): string;
  keySource: 'env' | 'file';
  revealDays: number;
}

/**
 * The SupportCenter's part of the configuration, read from the environment next to config.ts.
 * The sealing key never lives in the database it protects: it comes from SUPPORT_SECRET_KEY
 * or, for a single host, from a file created with mode 0600 on first use.
 */
export function loadSupportConfig(env: NodeJS.ProcessEnv = process.env): SupportConfig {
  const parsed = SupportEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`Invalid SupportCenter configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  let cached = e.SUPPORT_SECRET_KEY;
  return {
    keySource: e.SUPPORT_SECRET_KEY ? 'env' : 'file',
    revealDays: e.SUPPORT_REVEAL_DAYS,
    keyMaterial() {
      cached ??= readOrCreateKeyFile(e.SUPPORT_SECRET_KEY_FILE);
      return cached;
    },
  };
}

function readOrCreateKeyFile(path: string): string {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(path, 'utf8').trim();
  if (key.length < 32) throw new Error(`${path} must hold at least 32 characters of key material`);
  return key;
}
