import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Authenticated encryption (AES-256-GCM) for the secrets Hostdesk must read again — TOTP seeds,
 * Plesk API credentials, the one-time reveal of a staff-set password — so that a copy of the
 * database alone reveals none of them. One key material (SECRET_KEY, or else a key file created
 * beside the database with mode 0600) feeds every box; each purpose derives its own key with
 * HKDF-SHA256, and an optional binding (authenticated, not stored) ties a sealed value to the
 * row it belongs to, so it cannot be copied into another row and opened there.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export interface SecretBox {
  seal(plaintext: string, binding?: string): string;
  open(sealed: string, binding?: string): string;
}

export class SecretBoxError extends Error {}

export const MIN_SECRET_KEY_LENGTH = 32;
const fromFiles = new Map<string, string>();

/** Where the key material comes from: SECRET_KEY, or else the key file. */
export interface SecretKeySettings {
  secretKey?: string | undefined;
  secretKeyFile: string;
}

/** SECRET_KEY when set; otherwise the key file, created on first use. */
export function secretKeyMaterial(options: SecretKeySettings): string {
  if (options.secretKey) return options.secretKey;
  let material = fromFiles.get(options.secretKeyFile);
  if (!material) {
    material = readOrCreateKeyFile(options.secretKeyFile);
    fromFiles.set(options.secretKeyFile, material);
  }
  return material;
}

/** A 32-byte key of its own for one purpose (HKDF-SHA256), e.g. to sign cookies. */
export function deriveKey(material: string, purpose: string): Buffer {
  if (material.length < MIN_SECRET_KEY_LENGTH) throw new SecretBoxError(`The secret key must be at least ${MIN_SECRET_KEY_LENGTH} characters`);
  return Buffer.from(hkdfSync('sha256', material, 'hostdesk', purpose, 32));
}

export function createSecretBox(material: string, purpose: string): SecretBox {
  const key = deriveKey(material, purpose);
  return {
    seal(plaintext, binding = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed, binding = '') {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new SecretBoxError('not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(binding, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the secret was sealed with another key or for another record');
      }
    },
  };
}

function readOrCreateKeyFile(path: string): string {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const material = readFileSync(path, 'utf8').trim();
  if (material.length < MIN_SECRET_KEY_LENGTH) throw new SecretBoxError(`${path} must hold at least ${MIN_SECRET_KEY_LENGTH} characters of key material`);
  return material;
}
