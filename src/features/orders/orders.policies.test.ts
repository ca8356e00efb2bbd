import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { ordersPolicy } from './orders.policies.ts';

const everyone: Actor[] = [
  { kind: 'anonymous' },
  { kind: 'customer', customerId: 1 },
  { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true },
  { kind: 'staff', staffId: 7, role: 'agent' },
  { kind: 'staff', staffId: 8, role: 'admin' },
  { kind: 'api-token', tokenId: 4 },
];

describe('ordersPolicy', () => {
  it('lets staff of both roles and API tokens place orders and read the tariffs, and nobody else', () => {
    expect(everyone.map((actor) => ordersPolicy.can(actor, 'placeOrder', 'first-order'))).toEqual([false, false, false, true, true, true]);
    expect(everyone.map((actor) => ordersPolicy.can(actor, 'readTariffs', 'tariffs'))).toEqual([false, false, false, true, true, true]);
  });
});
