import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../index.ts';
import { foundation } from './001_foundation.ts';
import { mail } from './002_mail.ts';
import { help } from './003_help.ts';
import { plesk } from './004_plesk.ts';
import { support } from './005_support.ts';
import { twoFactor } from './006_two_factor.ts';
import { abuseLimits } from './007_abuse_limits.ts';
import { performanceTuning } from './008_performance.ts';
import { helpSearchSpeed } from './009_help_search_speed.ts';
import { credentialGenerations } from './010_credential_generations.ts';
import { loginThrottle } from './011_login_throttle.ts';
import { mailLoginActivity } from './012_mail_login_activity.ts';
import { dovecotSync } from './013_dovecot_sync.ts';
import { appPasswords } from './014_app_passwords.ts';
import { customerNotes } from './015_customer_notes.ts';
import { deliveryRules } from './016_delivery_rules.ts';
import { mailQuotaUsage } from './017_mail_quota_usage.ts';
import { helpExcerptText } from './018_help_excerpt_text.ts';
import { portfolioVersions } from './020_portfolio_versions.ts';

/** Every migration, listed by hand in order: no file-system discovery. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001_foundation': foundation(dialect),
        '002_mail': mail(dialect),
        '003_help': help(dialect),
        '004_plesk': plesk(dialect),
        '005_support': support(dialect),
        '006_two_factor': twoFactor(dialect),
        '007_abuse_limits': abuseLimits(dialect),
        '008_performance': performanceTuning(dialect),
        '009_help_search_speed': helpSearchSpeed(dialect),
        '010_credential_generations': credentialGenerations(dialect),
        '011_login_throttle': loginThrottle(dialect),
        '012_mail_login_activity': mailLoginActivity(dialect),
        '013_dovecot_sync': dovecotSync(dialect),
        '014_app_passwords': appPasswords(dialect),
        '015_customer_notes': customerNotes(dialect),
        '016_delivery_rules': deliveryRules(dialect),
        '017_mail_quota_usage': mailQuotaUsage(dialect),
        '018_help_excerpt_text': helpExcerptText(),
        '020_portfolio_versions': portfolioVersions(dialect),
      };
    },
  };
}
