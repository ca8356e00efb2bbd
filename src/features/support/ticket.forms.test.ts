import { describe, expect, it } from 'vitest';
import { readQueueFilter, readTicketPrefill, StaffUpdateForm } from './ticket.forms.ts';

const contracts = [
  { contractNumber: '500001', panel: 'mailadmin' },
  { contractNumber: '500002', panel: 'plesk' },
];

describe('readTicketPrefill', () => {
  it('takes a known category and one of the customer’s own contracts, nothing else', () => {
    expect(readTicketPrefill({ subject: 'Hallo\nWelt', category: 'email', contract: '500002' }, contracts)).toEqual({ subject: 'Hallo Welt', category: 'email', link: 'contract:500002' });
    expect(readTicketPrefill({ category: 'nonsense', contract: '999999' }, contracts)).toEqual({});
    expect(readTicketPrefill({ subject: ['a', 'b'], category: { x: 1 } }, contracts)).toEqual({});
  });

  it('points a request for a new administration password at the only contract with an administration', () => {
    expect(readTicketPrefill({ category: 'admin_password' }, contracts)).toEqual({ category: 'admin_password', link: 'contract:500001' });
    expect(readTicketPrefill({ category: 'admin_password' }, [...contracts, { contractNumber: '500003', panel: 'mailadmin' }])).toEqual({ category: 'admin_password' });
  });
});

describe('readQueueFilter', () => {
  it('falls back to the defaults field by field', () => {
    expect(readQueueFilter({ state: 'waiting', category: 'bogus', assignee: 'me', q: 'a\u0000b' })).toEqual({ state: 'waiting', category: '', priority: '', assignee: 'me', q: 'ab' });
    expect(readQueueFilter(undefined)).toEqual({ state: 'active', category: '', priority: '', assignee: '', q: '' });
  });
});

describe('StaffUpdateForm', () => {
  it('reads the assignee as a staff id or nobody', () => {
    expect(StaffUpdateForm.parse({ state: 'open', priority: 'high', assignee: '', category: 'email' }).assignee).toBeNull();
    expect(StaffUpdateForm.parse({ state: 'open', priority: 'high', assignee: '7', category: 'email' }).assignee).toBe(7);
    expect(StaffUpdateForm.safeParse({ state: 'open', priority: 'high', assignee: 'x', category: 'email' }).success).toBe(false);
  });
});
