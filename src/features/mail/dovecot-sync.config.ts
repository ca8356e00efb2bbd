import { z } from 'zod';

/**
 * The Dovecot servers that hear of every credential change (dovecot-sync.service.ts): their
 * doveadm HTTP API addresses and the key `hostdesk mail-config dovecot --doveadm-listen` writes.
 */
export const DovecotSyncEnv = z.object({
  /** Comma-separated base URLs of every Dovecot's doveadm HTTP API, e.g. `http://10.0.0.5:8080`. */
  DOVEADM_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .refine((list) => list.every((u) => /^https?:\/\/[^\s/]+$/.test(u)), { message: 'must be comma-separated http:// or https:// base URLs (scheme, host and port only)' }),
  DOVEADM_API_KEY: z
    .string()
    .min(32)
    .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: 'letters, digits and ._~+/=- only (e.g. openssl rand -hex 32)' })
    .optional(),
});

type DovecotSyncEnvValues = z.infer<typeof DovecotSyncEnv>;

/** For the composed schema: servers without a key would refuse every request. */
export function checkDovecotSyncEnv(e: DovecotSyncEnvValues, ctx: z.RefinementCtx): void {
  if (e.DOVEADM_URLS.length > 0 && !e.DOVEADM_API_KEY) ctx.addIssue({ code: 'custom', path: ['DOVEADM_API_KEY'], message: 'needed with DOVEADM_URLS (the doveadm_api_key of those servers)' });
}

export interface DovecotSyncSettings {
  servers: readonly string[];
  apiKey: string | undefined;
}

export function dovecotSyncConfigOf(e: DovecotSyncEnvValues): DovecotSyncSettings {
  return Object.freeze({ servers: Object.freeze([...e.DOVEADM_URLS]), apiKey: e.DOVEADM_API_KEY });
}
