import { defineConfig } from 'vitest/config';

/**
 * Three tiers, each runnable alone (`vitest run --project <name>`), all of them by `npm test`:
 * - unit: pure functions beside their code; any socket or SQLite database fails the test.
 * - medium: services and routes in process (app.inject) on SQLite and PostgreSQL.
 * - integration: real processes: the bundled server, the `hostdesk` command, Dovecot, Postfix,
 *   Chromium. Only this tier builds the bundle (its global setup).
 */
const INTEGRATION = [
  'test/e2e/**/*.test.ts',
  'test/*-browser.test.ts',
  'test/crash-safety.test.ts',
  'test/password-crash-safety.test.ts',
  'test/mail-servers.test.ts',
  'test/mail-auto-reply.test.ts',
  'test/mail-quota.test.ts',
  'test/mail-auth-policy-dovecot.test.ts',
  'test/dovecot-sync.test.ts',
  'test/app-passwords-dovecot.test.ts',
  'test/mail-config.test.ts',
  'test/mail-passdb-workers.test.ts',
  'test/supportcenter-dovecot.test.ts',
  'test/cli.test.ts',
  'test/backup.test.ts',
  'test/plesk-connector.test.ts',
  'test/dns-check-dnsmasq.test.ts',
];

const common = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        test: { ...common, name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts'], setupFiles: ['test/support/setup-unit.ts'] },
      },
      {
        test: { ...common, name: 'medium', include: ['test/*.test.{ts,tsx}'], exclude: INTEGRATION, setupFiles: ['test/support/setup.ts'] },
      },
      {
        test: { ...common, name: 'integration', include: INTEGRATION, setupFiles: ['test/support/setup.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
    ],
  },
});
