import type { Db } from '../../platform/db/index.ts';
import { generatePassword, hashMailPassword } from '../../platform/crypto.ts';
import { insertMailAccount } from './mail-account.repository.ts';

/** `<contract>.NNN`: the account names Dovecot and Postfix see. */
export function mailAccountName(contractNumber: string, index: number): string {
  return `${contractNumber}.${String(index).padStart(3, '0')}`;
}

export interface GeneratedMailSecret {
  password: string;
  passwordHash: string;
}

/** A generated mail password and its `{ARGON2ID}` hash, made before a transaction opens. */
export async function generateMailSecret(): Promise<GeneratedMailSecret> {
  const password = generatePassword();
  return { password, passwordHash: await hashMailPassword(password) };
}

/**
 * Creates the contract's first mail account `.001`, whose password is also the E-Mail
 * Administration password. Only the hash is stored; the caller shows the password once.
 */
export async function createFirstMailAccount(
  trx: Db,
  contract: { id: number; contractNumber: string },
  quotaMb: number,
  secret: GeneratedMailSecret,
  now: Date,
): Promise<{ name: string; password: string }> {
  const account = await insertMailAccount(
    trx,
    { contractId: contract.id, name: mailAccountName(contract.contractNumber, 1), passwordHash: secret.passwordHash, quotaMb },
    now,
  );
  return { name: account.name, password: secret.password };
}
