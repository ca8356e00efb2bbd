import { hash, randomBytes, randomInt } from 'node:crypto';
import { hashOnPool, verifyOnPool } from './hash-pool.ts';

// Algorithm.Argon2id; the enum is `const` in the typings, which isolatedModules cannot inline.
const ARGON2ID = 2;
/** OWASP's argon2id baseline; Dovecot's libsodium verifies PHC strings with these parameters. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password to an argon2id PHC string (on low-priority worker threads, never the event loop). */
export function hashPassword(password: string): Promise<string> {
  return hashOnPool(password, ARGON2_OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verifyOnPool(phc.replace(/^\{ARGON2ID\}/, ''), password);
  } catch {
    return false;
  }
}

/** A hash in the form Dovecot reads from its passdb: `{ARGON2ID}$argon2id$v=19$…`. */
export async function hashMailPassword(password: string): Promise<string> {
  return `{ARGON2ID}${await hashPassword(password)}`;
}

/** A fixed hash to verify against when an account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

// No 0/O, 1/l/I: generated passwords are read off screens and typed into phones.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.:!?#+';

/** A random password of `length` characters (about 6 bits each) holding every character class. */
export function generatePassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += all[randomInt(all.length)];
    if ([LOWER, UPPER, DIGITS, SYMBOLS].every((set) => [...out].some((ch) => set.includes(ch)))) return out;
  }
}
