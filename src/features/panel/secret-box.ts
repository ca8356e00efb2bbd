import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Panel credentials at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * PANEL_SECRET_KEY, which lives in the environment, never in the database it protects.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretBoxError extends Error {}

export const MIN_SECRET_KEY_LENGTH = 32;

export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < MIN_SECRET_KEY_LENGTH) throw new SecretBoxError(`PANEL_SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} characters`);
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'hostdesk', 'panel-credentials-v1', 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [v, iv, tag, data] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || data === undefined) throw new SecretBoxError('not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the secret was sealed with another PANEL_SECRET_KEY');
      }
    },
  };
}
