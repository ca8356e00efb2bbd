import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.ts';
import { supportPolicy } from './support.policies.ts';

const owner: Actor = { kind: 'customer', customerId: 1 };
const stranger: Actor = { kind: 'customer', customerId: 2 };
const agent: Actor = { kind: 'staff', staffId: 7, role: 'agent' };
const admin: Actor = { kind: 'staff', staffId: 8, role: 'admin' };
const mailAdmin: Actor = { kind: 'mail-account', accountId: 3, contractId: 9, accountName: '500001.001', admin: true };
const ticket = { customerId: 1 };

describe('supportPolicy', () => {
  it('lets a customer read, answer and close only their own tickets', () => {
    for (const action of ['readTicket', 'replyAsCustomer', 'closeAsCustomer'] as const) {
      expect(supportPolicy.can(owner, action, ticket), action).toBe(true);
      expect(supportPolicy.can(stranger, action, ticket), action).toBe(false);
      expect(supportPolicy.can(mailAdmin, action, ticket), action).toBe(false);
      expect(supportPolicy.can({ kind: 'anonymous' }, action, ticket), action).toBe(false);
    }
    expect(() => supportPolicy.authorize(stranger, 'readTicket', ticket)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('keeps the one-time reveal for the ticket’s customer: not for another customer, not for staff', () => {
    expect(supportPolicy.can(owner, 'revealSecret', ticket)).toBe(true);
    expect(supportPolicy.can(stranger, 'revealSecret', ticket)).toBe(false);
    expect(supportPolicy.can(agent, 'revealSecret', ticket)).toBe(false);
    expect(supportPolicy.can(admin, 'revealSecret', ticket)).toBe(false);
  });

  it('gives the staff actions to both staff roles and to no customer', () => {
    for (const action of ['workTicket', 'setAdminPassword', 'readInternal'] as const) {
      expect(supportPolicy.can(agent, action, ticket), action).toBe(true);
      expect(supportPolicy.can(admin, action, ticket), action).toBe(true);
      expect(supportPolicy.can(owner, action, ticket), action).toBe(false);
      expect(supportPolicy.can(mailAdmin, action, ticket), action).toBe(false);
    }
    expect(supportPolicy.can(agent, 'manageCannedReplies', 'canned-replies')).toBe(true);
    expect(supportPolicy.can(owner, 'manageCannedReplies', 'canned-replies')).toBe(false);
  });

  it('leaves the settings to administrators', () => {
    expect(supportPolicy.can(admin, 'changeSettings', 'support-settings')).toBe(true);
    expect(supportPolicy.can(agent, 'changeSettings', 'support-settings')).toBe(false);
    expect(supportPolicy.can(owner, 'changeSettings', 'support-settings')).toBe(false);
  });

  it('shows internal attachments to staff only, and customers only their own tickets’ files', () => {
    expect(supportPolicy.can(owner, 'downloadAttachment', { customerId: 1, internal: false })).toBe(true);
    expect(supportPolicy.can(owner, 'downloadAttachment', { customerId: 1, internal: true })).toBe(false);
    expect(supportPolicy.can(stranger, 'downloadAttachment', { customerId: 1, internal: false })).toBe(false);
    expect(supportPolicy.can(agent, 'downloadAttachment', { customerId: 1, internal: true })).toBe(true);
  });

  it('lets a customer open tickets for themselves and staff record them for anyone', () => {
    expect(supportPolicy.can(owner, 'openTicket', ticket)).toBe(true);
    expect(supportPolicy.can(stranger, 'openTicket', ticket)).toBe(false);
    expect(supportPolicy.can(agent, 'openTicket', ticket)).toBe(true);
  });
});
