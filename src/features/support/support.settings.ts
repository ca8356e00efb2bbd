import { inTransaction, type Db } from '../../platform/db/index.ts';
import { auditActor, type Actor } from '../../platform/policy.ts';
import { recordAudit } from '../audit/index.ts';
import { supportPolicy } from './support.policies.ts';

/** Settings an administrator changes in the back office; kept in the shared settings table. */
export interface SupportSettings {
  /** Whether customers may set a new administration password themselves. */
  selfServiceAdminPassword: boolean;
  /** Days after which a resolved ticket closes by itself. */
  autoCloseDays: number;
  /** Where "new ticket" notifications go; empty: only the outbox. */
  notifyTo: string;
}

const KEYS = {
  selfServiceAdminPassword: 'support.self_service_admin_password',
  autoCloseDays: 'support.auto_close_days',
  notifyTo: 'support.notify_to',
} as const;

export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = { selfServiceAdminPassword: true, autoCloseDays: 7, notifyTo: '' };

export async function getSupportSettings(db: Db): Promise<SupportSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const days = Number(value(KEYS.autoCloseDays));
  return {
    selfServiceAdminPassword: (value(KEYS.selfServiceAdminPassword) ?? 'on') === 'on',
    autoCloseDays: Number.isInteger(days) && days >= 1 ? days : DEFAULT_SUPPORT_SETTINGS.autoCloseDays,
    notifyTo: value(KEYS.notifyTo) ?? '',
  };
}

export async function saveSupportSettings(db: Db, settings: SupportSettings): Promise<void> {
  const values: [string, string][] = [
    [KEYS.selfServiceAdminPassword, settings.selfServiceAdminPassword ? 'on' : 'off'],
    [KEYS.autoCloseDays, String(settings.autoCloseDays)],
    [KEYS.notifyTo, settings.notifyTo],
  ];
  await inTransaction(db, async (trx) => {
    for (const [key, value] of values) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
  });
}

/** An administrator's change of the settings, audited with what they were before. */
export async function changeSupportSettings(db: Db, request: { actor: Actor; settings: SupportSettings; ip: string | null }, now: Date): Promise<void> {
  supportPolicy.authorize(request.actor, 'changeSettings', 'support-settings');
  await inTransaction(db, async (trx) => {
    const current = await getSupportSettings(trx);
    await saveSupportSettings(trx, request.settings);
    await recordAudit(trx, { actor: auditActor(request.actor), event: 'support.settings_changed', subject: 'support', ip: request.ip, details: { from: current, to: request.settings } }, now);
  });
}
