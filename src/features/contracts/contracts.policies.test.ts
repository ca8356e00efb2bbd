import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { contractsPolicy } from './contracts.policies.ts';

const owner: Actor = { kind: 'customer', customerId: 1 };
const stranger: Actor = { kind: 'customer', customerId: 2 };
const agent: Actor = { kind: 'staff', staffId: 7, role: 'agent' };
const admin: Actor = { kind: 'staff', staffId: 8, role: 'admin' };
const mailAdmin: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true };
const apiToken: Actor = { kind: 'api-token', tokenId: 4 };
const everyone = [{ kind: 'anonymous' } as Actor, owner, stranger, mailAdmin, agent, admin, apiToken];

describe('contractsPolicy', () => {
  it('shows a customer’s contracts, domains and portfolio to that customer and to staff only', () => {
    for (const action of ['readPortfolio', 'readContract', 'readDomain'] as const) {
      expect(everyone.map((actor) => contractsPolicy.can(actor, action, { customerId: 1 })), action).toEqual([false, true, false, false, true, true, false]);
    }
  });

  it('answers another customer’s contract like a missing one', () => {
    expect(() => contractsPolicy.authorize(stranger, 'readContract', { customerId: 1 })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => contractsPolicy.authorize(owner, 'readContract', { customerId: 1 })).not.toThrow();
  });
});
