import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { mailPolicy } from './mail.policies.ts';

const contract = { id: 9, customerId: 1, panel: 'mailadmin' };
const pleskContract = { id: 10, customerId: 1, panel: 'plesk' };
const owner: Actor = { kind: 'customer', customerId: 1 };
const stranger: Actor = { kind: 'customer', customerId: 2 };
const mailAdmin: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500009.001', admin: true };
const otherMailAdmin: Actor = { kind: 'mail-account', accountId: 4, contractId: 11, accountName: '500011.001', admin: true };
const mailboxUser: Actor = { kind: 'mail-account', accountId: 5, contractId: 9, accountName: '500009.002', admin: false };
const agent: Actor = { kind: 'staff', staffId: 7, role: 'agent' };
const staffAdmin: Actor = { kind: 'staff', staffId: 8, role: 'admin' };

describe('mailPolicy', () => {
  it('gives the administration to the contract’s .001 login and the contract’s owner alone', () => {
    expect(mailPolicy.can(mailAdmin, 'administerMail', contract)).toBe(true);
    expect(mailPolicy.can(owner, 'administerMail', contract)).toBe(true);
    for (const actor of [stranger, otherMailAdmin, mailboxUser, agent, staffAdmin, { kind: 'anonymous' } as const, { kind: 'api-token', tokenId: 1 } as const]) {
      expect(mailPolicy.can(actor, 'administerMail', contract), actor.kind).toBe(false);
    }
    expect(() => mailPolicy.authorize(stranger, 'administerMail', contract)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('has no administration for a tariff without it, not even for the owner', () => {
    expect(mailPolicy.can(owner, 'administerMail', pleskContract)).toBe(false);
    expect(mailPolicy.can({ ...mailAdmin, contractId: 10 }, 'administerMail', pleskContract)).toBe(false);
  });

  it('lets an administrator manage only what belongs to the contract being administered', () => {
    expect(mailPolicy.can(mailAdmin, 'manageMailObject', { contract, object: { contractId: 9 } })).toBe(true);
    expect(mailPolicy.can(owner, 'manageMailObject', { contract, object: { contractId: 9 } })).toBe(true);
    expect(mailPolicy.can(mailAdmin, 'manageMailObject', { contract, object: { contractId: 11 } })).toBe(false);
    expect(mailPolicy.can(owner, 'manageMailObject', { contract, object: { contractId: 12 } })).toBe(false);
    expect(mailPolicy.can(mailboxUser, 'manageMailObject', { contract, object: { contractId: 9 } })).toBe(false);
  });

  it('lets a mail login use its own mailbox’s page, and no other', () => {
    expect(mailPolicy.can(mailboxUser, 'useOwnMailbox', { id: 5, contractId: 9 })).toBe(true);
    expect(mailPolicy.can(mailAdmin, 'useOwnMailbox', { id: 3, contractId: 9 })).toBe(true);
    expect(mailPolicy.can(mailboxUser, 'useOwnMailbox', { id: 3, contractId: 9 })).toBe(false);
    expect(mailPolicy.can(mailboxUser, 'useOwnMailbox', { id: 5, contractId: 11 })).toBe(false);
    expect(mailPolicy.can(owner, 'useOwnMailbox', { id: 5, contractId: 9 })).toBe(false);
    expect(mailPolicy.can(agent, 'useOwnMailbox', { id: 5, contractId: 9 })).toBe(false);
  });

  it('lets a mailbox’s password be set by its contract’s administration or changed by its own login', () => {
    const mailbox = { id: 5, contractId: 9 };
    expect(mailPolicy.can(owner, 'changeMailPassword', { contract, account: mailbox })).toBe(true);
    expect(mailPolicy.can(mailAdmin, 'changeMailPassword', { contract, account: mailbox })).toBe(true);
    expect(mailPolicy.can(mailboxUser, 'changeMailPassword', { contract, account: mailbox })).toBe(true);
    expect(mailPolicy.can(mailboxUser, 'changeMailPassword', { contract, account: { id: 3, contractId: 9 } })).toBe(false);
    expect(mailPolicy.can(stranger, 'changeMailPassword', { contract, account: mailbox })).toBe(false);
    expect(mailPolicy.can(otherMailAdmin, 'changeMailPassword', { contract, account: mailbox })).toBe(false);
    expect(mailPolicy.can(agent, 'changeMailPassword', { contract, account: mailbox })).toBe(false);
    // An account of another contract, under this contract's URL: not through this administration.
    expect(mailPolicy.can(owner, 'changeMailPassword', { contract, account: { id: 6, contractId: 11 } })).toBe(false);
  });

  it('keeps a login after a password change only when it is the changed account’s own', () => {
    expect(mailPolicy.can(mailAdmin, 'keepLoginAfterPasswordChange', { id: 3, contractId: 9 })).toBe(true);
    expect(mailPolicy.can(mailAdmin, 'keepLoginAfterPasswordChange', { id: 5, contractId: 9 })).toBe(false);
    expect(mailPolicy.can(owner, 'keepLoginAfterPasswordChange', { id: 3, contractId: 9 })).toBe(false);
  });
});
