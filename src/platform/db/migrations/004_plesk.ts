import type { Kysely } from 'kysely';
import type { Dialect } from '../index.ts';

// Frozen in time: later changes go into new migrations, never into this file.
// Plesk servers get what Hostdesk needs to call their XML API. Secrets are stored encrypted
// (AES-256-GCM, key from PANEL_SECRET_KEY), never in plain text.
export function plesk(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const add = (name: string, type: 'text' | 'integer', notNullDefault?: string | number) =>
        db.schema
          .alterTable('panel_servers')
          .addColumn(name, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
          .execute();
      // 'key' (KEY header, secret key) or 'password' (HTTP_AUTH_LOGIN + HTTP_AUTH_PASSWD).
      await add('auth_kind', 'text', 'key');
      await add('api_login', 'text');
      await add('secret_enc', 'text');
      await add('ca_pem', 'text');
      await add('detected_version', 'text');
      await add('protocol', 'text');
      await add('detected_at', 'text');
      await add('mail_password_enabled', 'integer', 0);
      // Demo servers answered by the built-in simulator (see docs/plesk.md).
      await add('simulator', 'integer', 0);
      await add('updated_at', 'text');
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const c of ['auth_kind', 'api_login', 'secret_enc', 'ca_pem', 'detected_version', 'protocol', 'detected_at', 'mail_password_enabled', 'simulator', 'updated_at']) {
        await db.schema.alterTable('panel_servers').dropColumn(c).execute();
      }
    },
  };
}
