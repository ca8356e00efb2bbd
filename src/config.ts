import { z } from 'zod';
import { envFlag } from './platform/env.ts';
import { BrandingEnv, brandingConfigOf, type BrandingConfig } from './platform/branding.ts';
import { AccountsEnv, accountsConfigOf, type AccountsConfig } from './features/accounts/accounts.config.ts';
import { MailEnv, mailConfigOf, type MailConfig } from './features/mail/mail.config.ts';
import { checkDovecotSyncEnv } from './features/mail/dovecot-sync.config.ts';
import { PanelEnv, panelEnvConfigOf, type PanelEnvConfig } from './features/panel/panel.config.ts';
import { DnsCheckEnv, dnsCheckConfigOf, type DnsCheckConfig } from './features/dns-check/dns-check.config.ts';
import { SupportEnv, supportEnvConfigOf, type SupportEnvConfig } from './features/support/support.config.ts';

/** The app's own settings; each feature declares its own schema, and this file composes them. */
const CoreEnv = z.object({
  DATABASE_URL: z
    .string()
    .default('file:data/hostdesk.db')
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be file:<path> or postgres://…',
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  /** Default: the host's name (HOST_NAME, else Hostdesk) <noreply@localhost>. */
  SMTP_FROM: z.string().optional(),
  MAIL_OUTBOX_DIR: z.string().default('data/outbox'),
  SESSION_SECRET: z.string().min(32).optional(),
  SECRET_KEY: z.string().min(32).optional(),
  SECRET_KEY_FILE: z.string().default('data/secret.key'),
  DEMO_DATA: envFlag.default(true),
  TRUST_PROXY: envFlag.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

const EnvSchema = CoreEnv.extend(AccountsEnv.shape).extend(MailEnv.shape).extend(PanelEnv.shape).extend(SupportEnv.shape).extend(DnsCheckEnv.shape).extend(BrandingEnv.shape).superRefine(checkDovecotSyncEnv);

interface CoreConfig {
  databaseUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: z.infer<typeof CoreEnv>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  smtpFrom: string;
  mailOutboxDir: string;
  sessionSecret: string | undefined;
  /** Encrypts secrets that must be readable again (TOTP seeds, panel credentials); see secret-box.ts. */
  secretKey: string | undefined;
  secretKeyFile: string;
  demoData: boolean;
  trustProxy: boolean;
  /** Requests per minute and client IP before 429, over all routes (logins have stricter limits). */
  rateLimitPerMinute: number;
}

export type Config = Readonly<CoreConfig & BrandingConfig & AccountsConfig & MailConfig & PanelEnvConfig & SupportEnvConfig & DnsCheckConfig>;

export class ConfigError extends Error {}

/** Reads and validates the environment once; every other module receives the frozen result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  const branding = brandingConfigOf(e);
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? `${senderName(branding.branding.name)} <noreply@localhost>`,
    mailOutboxDir: e.MAIL_OUTBOX_DIR,
    sessionSecret: e.SESSION_SECRET,
    secretKey: e.SECRET_KEY,
    secretKeyFile: e.SECRET_KEY_FILE,
    demoData: e.DEMO_DATA,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    ...branding,
    ...accountsConfigOf(e),
    ...mailConfigOf(e),
    ...panelEnvConfigOf(e, e.DEMO_DATA),
    ...supportEnvConfigOf(e),
    ...dnsCheckConfigOf(e, { publicUrl, smtpHost: e.MAIL_SMTP_HOST }),
  });
}

/** A display name for the From header: quoted unless it is plain words. */
function senderName(name: string): string {
  return /^[\p{L}\p{N} .-]+$/u.test(name) ? name : `"${name.replace(/["\\\r\n]/g, '')}"`;
}
