import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { panelPolicy } from './panel.policies.ts';

const owner: Actor = { kind: 'customer', customerId: 7 };
const stranger: Actor = { kind: 'customer', customerId: 8 };
const mailAdmin: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true };
const agent: Actor = { kind: 'staff', staffId: 1, role: 'agent' };
const admin: Actor = { kind: 'staff', staffId: 2, role: 'admin' };
const everyone = [{ kind: 'anonymous' } as Actor, owner, stranger, mailAdmin, agent, admin];

describe('panel policies', () => {
  it('gives a subscription to its customer alone, not to staff or a mail administrator', () => {
    expect(everyone.map((actor) => panelPolicy.can(actor, 'useSubscription', { customerId: 7 }))).toEqual([false, true, false, false, false, false]);
    expect(() => panelPolicy.authorize(stranger, 'useSubscription', { customerId: 7 })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('lets only admins manage panel servers', () => {
    expect(everyone.map((actor) => panelPolicy.can(actor, 'manageServer', null))).toEqual([false, false, false, false, false, true]);
    expect(() => panelPolicy.authorize(agent, 'manageServer', null, { reveal: true })).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
