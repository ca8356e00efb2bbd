export { createFirstMailAccount, generateMailSecret, mailAccountName, type GeneratedMailSecret } from './mail-account.service.ts';
export { listMailAccountsOfContracts } from './mail-account.repository.ts';
