import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
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
  SMTP_FROM: z.string().default('Hostdesk <noreply@localhost>'),
  MAIL_OUTBOX_DIR: z.string().default('data/outbox'),
  MASTER_DATA_CONFIRM_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  SESSION_SECRET: z.string().min(32).optional(),
  SECRET_KEY: z.string().min(32).optional(),
  SECRET_KEY_FILE: z.string().default('data/secret.key'),
  DEMO_DATA: bool.default(true),
  STAFF_2FA_REQUIRED: bool.default(true),
  TRUST_PROXY: bool.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  MAIL_IMAP_HOST: z.string().default('mail.example.net'),
  MAIL_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  MAIL_POP3_HOST: z.string().default('mail.example.net'),
  MAIL_POP3_PORT: z.coerce.number().int().min(1).max(65535).default(995),
  MAIL_SMTP_HOST: z.string().default('mail.example.net'),
  MAIL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
});

export interface MailEndpoint {
  host: string;
  port: number;
  /** `tls`: encrypted from the first byte (993, 995, 465); `starttls`: upgraded after connecting. */
  security: 'tls' | 'starttls';
}
const securityOf = (port: number): MailEndpoint['security'] => ([993, 995, 465].includes(port) ? 'tls' : 'starttls');

export type Config = Readonly<{
  databaseUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  smtpFrom: string;
  mailOutboxDir: string;
  masterDataConfirmMonths: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  sessionSecret: string | undefined;
  /** Encrypts secrets that must be readable again (TOTP seeds, panel credentials); see secret-box.ts. */
  secretKey: string | undefined;
  secretKeyFile: string;
  demoData: boolean;
  /** Staff must set up and use TOTP; only a test or an emergency turns this off. */
  staff2faRequired: boolean;
  trustProxy: boolean;
  /** Requests per minute and client IP before 429, over all routes (logins have stricter limits). */
  rateLimitPerMinute: number;
  /** Login and code submissions per minute and client IP, on top of the per-account throttling. */
  loginRateLimitPerMinute: number;
  mailServer: Readonly<{ imap: MailEndpoint; pop3: MailEndpoint; smtp: MailEndpoint }>;
}>;

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
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    mailOutboxDir: e.MAIL_OUTBOX_DIR,
    masterDataConfirmMonths: e.MASTER_DATA_CONFIRM_MONTHS,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    sessionSecret: e.SESSION_SECRET,
    secretKey: e.SECRET_KEY,
    secretKeyFile: e.SECRET_KEY_FILE,
    demoData: e.DEMO_DATA,
    staff2faRequired: e.STAFF_2FA_REQUIRED,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    mailServer: Object.freeze({
      imap: { host: e.MAIL_IMAP_HOST, port: e.MAIL_IMAP_PORT, security: securityOf(e.MAIL_IMAP_PORT) },
      pop3: { host: e.MAIL_POP3_HOST, port: e.MAIL_POP3_PORT, security: securityOf(e.MAIL_POP3_PORT) },
      smtp: { host: e.MAIL_SMTP_HOST, port: e.MAIL_SMTP_PORT, security: securityOf(e.MAIL_SMTP_PORT) },
    }),
  });
}
