import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { openDatabase } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createMailer } from './integrations/smtp/mailer.ts';
import { demoBanner, isEmpty, seedDemo, DEMO_LOGINS } from './demo.ts';
import { pruneSessions } from './platform/http/session-store.ts';
import { pruneThrottles } from './platform/throttle.ts';
import { loadPanelConfig, startDemoPleskSimulators } from './features/panel/index.ts';
import { completeSearchIndex, updateSeededHelp } from './features/help/index.ts';
import { pruneLoginRecords } from './features/accounts/index.ts';
import { pruneMailLoginActivity } from './features/mail/index.ts';

/** Process entry: config → database → migrations → (demo data) → listen; graceful shutdown. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  await completeSearchIndex(database.db);
  await updateSeededHelp(database);
  let banner: string | null = null;
  if (config.demoData && (await isEmpty(database))) banner = demoBanner(await seedDemo(database), config.publicUrl);

  const pleskSimulators = await startDemoPleskSimulators(database.db, loadPanelConfig(config));
  const app = await buildApp({ config, database, mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.smtpFrom, outboxDir: config.mailOutboxDir }) });
  const housekeeping = setInterval(() => {
    const now = new Date();
    Promise.all([pruneSessions(database.db, now), pruneThrottles(database.db, now), pruneLoginRecords(database.db, now), pruneMailLoginActivity(database.db, now, config.mailPolicy.activityDays)]).catch((err: unknown) => app.log.error({ err }, 'housekeeping failed'));
  }, 10 * 60_000);
  housekeeping.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(housekeeping);
    await app.close();
    await pleskSimulators?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // Retries queued credential changes for the Dovecot servers (DOVEADM_URLS) every second.
  app.dovecotSync.start();
  app.quotaWarnings.start();
  if (banner) process.stdout.write(`${banner}\n`);
  else if (config.demoData) process.stdout.write(`\nHostdesk is running at ${config.publicUrl} (demo logins, if the demo data is still there: see README; staff ${DEMO_LOGINS.staffLogin})\n\n`);
}

