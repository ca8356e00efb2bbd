import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for the one secret a staff action leaves for the customer. The key is derived
 * (HKDF-SHA256) from key material outside the database; the additional data binds a sealed
 * value to its action, ticket and customer, so it cannot be copied to another row and read there.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class SealError extends Error {}

function keyOf(material: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'hostdesk', 'support-reveal-once-v1', 32));
}

export function sealSecret(material: string, plain: string, binding: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(material), iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function openSecret(material: string, sealed: string, binding: string): string {
  const [v, iv, tag, data] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || data === undefined) throw new SealError('not a sealed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(material), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('the secret was sealed with another key or for another action');
  }
}
