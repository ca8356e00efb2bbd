import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { accountsPolicy } from './accounts.policies.ts';

const owner: Actor = { kind: 'customer', customerId: 1 };
const stranger: Actor = { kind: 'customer', customerId: 2 };
const agent: Actor = { kind: 'staff', staffId: 7, role: 'agent' };
const admin: Actor = { kind: 'staff', staffId: 8, role: 'admin' };
const mailAdmin: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true };
const apiToken: Actor = { kind: 'api-token', tokenId: 4 };
const anonymous: Actor = { kind: 'anonymous' };
const everyone = [anonymous, owner, stranger, mailAdmin, agent, admin, apiToken];
const customer = { id: 1 };

describe('accountsPolicy', () => {
  it('gives a customer’s own account to that customer alone', () => {
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'manageOwnAccount', customer))).toEqual([false, true, false, false, false, false, false]);
    expect(() => accountsPolicy.authorize(stranger, 'manageOwnAccount', customer)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('gives a staff user’s own account to that staff user alone', () => {
    expect(accountsPolicy.can(agent, 'manageOwnStaffAccount', { id: 7 })).toBe(true);
    expect(accountsPolicy.can(admin, 'manageOwnStaffAccount', { id: 7 })).toBe(false);
    expect(accountsPolicy.can({ kind: 'customer', customerId: 7 }, 'manageOwnStaffAccount', { id: 7 })).toBe(false);
  });

  it('shows customers to both staff roles and to no customer', () => {
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'viewCustomer', customer))).toEqual([false, false, false, false, true, true, false]);
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'findCustomers', 'customers'))).toEqual([false, false, false, false, true, true, false]);
  });

  it('leaves the recovery of a customer’s second factor to admins, refused to agents with a 403', () => {
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'resetTwoFactor', customer))).toEqual([false, false, false, false, false, true, false]);
    expect(() => accountsPolicy.authorize(agent, 'resetTwoFactor', customer, { reveal: true })).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('lets a second factor be removed by its owner, or a customer’s by an admin, and by no one else', () => {
    expect(accountsPolicy.can(owner, 'removeSecondFactor', 'customer:1')).toBe(true);
    expect(accountsPolicy.can(stranger, 'removeSecondFactor', 'customer:1')).toBe(false);
    expect(accountsPolicy.can(agent, 'removeSecondFactor', 'customer:1')).toBe(false);
    expect(accountsPolicy.can(admin, 'removeSecondFactor', 'customer:1')).toBe(true);
    expect(accountsPolicy.can(agent, 'removeSecondFactor', 'staff:7')).toBe(true);
    expect(accountsPolicy.can(admin, 'removeSecondFactor', 'staff:7')).toBe(false);
    // A customer whose id is a staff user's id is not that staff user.
    expect(accountsPolicy.can({ kind: 'customer', customerId: 7 }, 'removeSecondFactor', 'staff:7')).toBe(false);
    expect(accountsPolicy.can(anonymous, 'removeSecondFactor', 'anonymous')).toBe(false);
  });

  it('keeps API tokens, the audit log and the admin pages for admins', () => {
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'manageApiTokens', 'api-tokens'))).toEqual([false, false, false, false, false, true, false]);
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'readAuditLog', 'audit-log'))).toEqual([false, false, false, false, false, true, false]);
    expect(everyone.map((actor) => accountsPolicy.can(actor, 'enterAdminArea', 'admin'))).toEqual([false, false, false, false, false, true, false]);
  });
});
