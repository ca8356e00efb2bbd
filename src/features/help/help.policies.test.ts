import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { helpPolicy } from './help.policies.ts';

const visitor: Actor = { kind: 'anonymous' };
const reader: Actor = { kind: 'customer', customerId: 7 };
const mailbox: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true };
const agent: Actor = { kind: 'staff', staffId: 1, role: 'agent' };
const admin: Actor = { kind: 'staff', staffId: 2, role: 'admin' };

describe('help policies', () => {
  it('lets anyone read published text and only staff drafts, reviews and old revisions', () => {
    for (const actor of [visitor, reader, mailbox, agent, admin]) expect(helpPolicy.can(actor, 'readRevision', { state: 'published' })).toBe(true);
    for (const state of ['draft', 'review', 'superseded'] as const) {
      expect([visitor, reader, mailbox].map((actor) => helpPolicy.can(actor, 'readRevision', { state }))).toEqual([false, false, false]);
      expect([agent, admin].map((actor) => helpPolicy.can(actor, 'readRevision', { state }))).toEqual([true, true]);
    }
  });

  it('personalizes answers only with the reader’s own contracts that are not cancelled', () => {
    expect(helpPolicy.can(reader, 'personalizeWith', { customerId: 7, status: 'active' })).toBe(true);
    expect(helpPolicy.can(reader, 'personalizeWith', { customerId: 7, status: 'suspended' })).toBe(true);
    expect(helpPolicy.can(reader, 'personalizeWith', { customerId: 7, status: 'cancelled' })).toBe(false);
    expect(helpPolicy.can(reader, 'personalizeWith', { customerId: 8, status: 'active' })).toBe(false);
    for (const actor of [visitor, mailbox, agent, admin]) expect(helpPolicy.can(actor, 'personalizeWith', { customerId: 7, status: 'active' })).toBe(false);
  });

  it('lets staff of both roles edit and handle questions, and only admins publish and manage categories', () => {
    const allowed = (rule: (actor: Actor) => boolean) => [visitor, reader, mailbox, agent, admin].map(rule);
    expect(allowed((actor) => helpPolicy.can(actor, 'editEntry', { id: 1000 }))).toEqual([false, false, false, true, true]);
    expect(allowed((actor) => helpPolicy.can(actor, 'handleQuestion', null))).toEqual([false, false, false, true, true]);
    expect(allowed((actor) => helpPolicy.can(actor, 'publishRevision', { entryId: 1000 }))).toEqual([false, false, false, false, true]);
    expect(allowed((actor) => helpPolicy.can(actor, 'manageCategories', null))).toEqual([false, false, false, false, true]);
  });

  it('refuses an agent’s publishing with 403 and a visitor’s draft with the 404 of a missing one', () => {
    expect(() => helpPolicy.authorize(agent, 'publishRevision', { entryId: 1000 }, { reveal: true })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => helpPolicy.authorize(visitor, 'readRevision', { state: 'draft' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
