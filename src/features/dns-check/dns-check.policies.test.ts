import { describe, expect, it } from 'vitest';
import { dnsCheckPolicy } from './dns-check.policies.ts';

describe('dnsCheckPolicy', () => {
  const domain = { customerId: 7 };
  it('lets the holder and staff check a domain, and nobody else', () => {
    expect(dnsCheckPolicy.can({ kind: 'customer', customerId: 7 }, 'checkDomain', domain)).toBe(true);
    expect(dnsCheckPolicy.can({ kind: 'staff', staffId: 1, role: 'agent' }, 'checkDomain', domain)).toBe(true);
    expect(dnsCheckPolicy.can({ kind: 'customer', customerId: 8 }, 'checkDomain', domain)).toBe(false);
    expect(dnsCheckPolicy.can({ kind: 'mail-account', accountId: 1, contractId: 1, accountName: '500001.001', admin: true }, 'checkDomain', domain)).toBe(false);
    expect(dnsCheckPolicy.can({ kind: 'anonymous' }, 'checkDomain', domain)).toBe(false);
    expect(() => dnsCheckPolicy.authorize({ kind: 'customer', customerId: 8 }, 'checkDomain', domain)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
