import { randomInt } from 'node:crypto';

/**
 * What an app password looks like: five groups of four characters, `abcd-efgh-ijkm-npqr-stuv`,
 * lower-case letters and digits without the ones misread off a screen (l, o, 0, 1). The first
 * group names it among its mailbox's app passwords (`publicId`), so Dovecot's passdb checks one
 * hash per login, never all of them; the other four carry 80 random bits. Dovecot's Lua passdb
 * matches the same shape (server-config.ts builds its pattern from these constants).
 */
export const APP_PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const APP_PASSWORD_GROUPS = 5;
const GROUP_LENGTH = 4;

export function generateAppPassword(): { secret: string; publicId: string } {
  const group = () => Array.from({ length: GROUP_LENGTH }, () => APP_PASSWORD_ALPHABET[randomInt(APP_PASSWORD_ALPHABET.length)]).join('');
  const groups = Array.from({ length: APP_PASSWORD_GROUPS }, group);
  return { secret: groups.join('-'), publicId: groups[0]! };
}

/** The group pattern as a regular expression's character class and a Lua pattern's. */
export const appPasswordGroup = `[${APP_PASSWORD_ALPHABET}]`.repeat(GROUP_LENGTH);

/** The first group of a typed app password (case-insensitive, as the passdb takes it), or null. */
export function publicIdOf(typed: string): string | null {
  const match = new RegExp(`^(${appPasswordGroup})(?:-${appPasswordGroup}){${APP_PASSWORD_GROUPS - 1}}$`).exec(typed.toLowerCase());
  return match ? match[1]! : null;
}
