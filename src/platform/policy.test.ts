import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { auditActor, definePolicy, type Actor } from './policy.ts';

const owner: Actor = { kind: 'customer', customerId: 1 };
const stranger: Actor = { kind: 'customer', customerId: 2 };
const agent: Actor = { kind: 'staff', staffId: 7, role: 'agent' };

const ticketPolicy = definePolicy({
  read: (actor, ticket: { customerId: number }) => (actor.kind === 'customer' && actor.customerId === ticket.customerId) || actor.kind === 'staff',
  delete: (actor, _ticket: { customerId: number }) => actor.kind === 'staff' && actor.role === 'admin',
});

describe('definePolicy', () => {
  it('answers each rule for each actor', () => {
    expect(ticketPolicy.can(owner, 'read', { customerId: 1 })).toBe(true);
    expect(ticketPolicy.can(stranger, 'read', { customerId: 1 })).toBe(false);
    expect(ticketPolicy.can(agent, 'read', { customerId: 1 })).toBe(true);
    expect(ticketPolicy.can(agent, 'delete', { customerId: 1 })).toBe(false);
  });

  it('refuses with the 404 of a missing object unless told to reveal', () => {
    expect(() => ticketPolicy.authorize(owner, 'read', { customerId: 1 })).not.toThrow();
    const hidden = (() => {
      try {
        ticketPolicy.authorize(stranger, 'read', { customerId: 1 });
      } catch (error) {
        return error;
      }
    })();
    expect(hidden).toBeInstanceOf(DomainError);
    expect((hidden as DomainError).code).toBe('not_found');
    expect(() => ticketPolicy.authorize(agent, 'delete', { customerId: 1 }, { reveal: true })).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('names actors as the audit log does', () => {
    expect(auditActor(owner)).toBe('customer:1');
    expect(auditActor(agent)).toBe('staff:7');
    expect(auditActor({ kind: 'mail-account', accountId: 3, contractId: 9, accountName: '10001.001', admin: true })).toBe('mail-account:10001.001');
    expect(auditActor({ kind: 'anonymous' })).toBe('anonymous');
  });
});
