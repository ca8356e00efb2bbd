import { describe, expect, it } from 'vitest';
import { diagnoseMailLogin, type DiagnosisFacts, type DiagnosisQuestion } from './login-diagnosis.ts';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const server = {
  imap: { host: 'mail.example.net', port: 993, security: 'tls' as const },
  pop3: { host: 'mail.example.net', port: 995, security: 'tls' as const },
  smtp: { host: 'mail.example.net', port: 587, security: 'starttls' as const },
};

function facts(overrides: Partial<DiagnosisFacts> = {}, account: Partial<DiagnosisFacts['account']> = {}): DiagnosisFacts {
  return {
    account: { name: '500001.002', active: true, protocols: { imap: true, pop3: true, smtp: true }, passwordChangedAt: '2026-11-30T08:00:00.000Z', appPasswordsOnly: false, ...account },
    logins: ['500001.002', 'anna@example.com'],
    server,
    failures: [],
    successes: [],
    throttled: [],
    ...overrides,
  };
}
const ask = (question: Partial<DiagnosisQuestion> = {}): DiagnosisQuestion => ({ protocol: null, login: null, server: null, ...question });
const kinds = (d: ReturnType<typeof diagnoseMailLogin>) => d.findings.map((f) => f.finding.kind);

describe('diagnoseMailLogin', () => {
  it('finds nothing wrong with a healthy mailbox and says so', () => {
    const d = diagnoseMailLogin(facts(), ask({ protocol: 'imap', login: 'Anna@Example.com', server: 'MAIL.example.net.' }), NOW);
    expect(d.next).toEqual({ kind: 'nothing-found' });
    expect(d.findings.every((f) => f.severity !== 'problem')).toBe(true);
    expect(kinds(d)).toEqual(['account-active', 'protocol-on', 'login-right', 'server-right', 'no-failures']);
  });

  it('sends a mailbox that takes app passwords only to an app password, not to a new mailbox password', () => {
    const failure = { channel: 'imap' as const, reason: 'password' as const, address: '203.0.113.7', count: 2, firstAt: '2026-12-01T09:00:00.000Z', lastAt: '2026-12-01T09:30:00.000Z' };
    const d = diagnoseMailLogin(facts({ failures: [failure] }, { appPasswordsOnly: true }), ask({ protocol: 'imap' }), NOW);
    expect(d.next).toEqual({ kind: 'use-app-password' });
    expect(kinds(d)).toContain('app-passwords-only');
    expect(diagnoseMailLogin(facts({ failures: [failure] }), ask({ protocol: 'imap' }), NOW).next).toEqual({ kind: 'new-password' });
  });

  it('puts a deactivated account before every other cause', () => {
    const failure = { channel: 'imap' as const, reason: 'password' as const, address: '203.0.113.7', count: 3, firstAt: '2026-12-01T09:00:00.000Z', lastAt: '2026-12-01T09:30:00.000Z' };
    const d = diagnoseMailLogin(facts({ failures: [failure] }, { active: false, protocols: { imap: false, pop3: true, smtp: true } }), ask({ protocol: 'imap', login: 'nobody' }), NOW);
    expect(d.next).toEqual({ kind: 'activate' });
    expect(kinds(d)).toEqual(expect.arrayContaining(['account-inactive', 'protocol-off', 'login-wrong', 'failures']));
  });

  it('asks to switch on the protocol the mail program uses, and only mentions the others', () => {
    const off = facts({}, { protocols: { imap: true, pop3: false, smtp: true } });
    expect(diagnoseMailLogin(off, ask({ protocol: 'pop3' }), NOW).next).toEqual({ kind: 'enable-protocol', protocol: 'pop3' });
    const general = diagnoseMailLogin(off, ask(), NOW);
    expect(general.next).toEqual({ kind: 'nothing-found' });
    expect(general.findings.find((f) => f.finding.kind === 'protocol-off')?.severity).toBe('info');
  });

  it('names the right user names when the typed one belongs to no login', () => {
    const d = diagnoseMailLogin(facts(), ask({ login: 'anna@example.org' }), NOW);
    expect(d.next).toEqual({ kind: 'fix-login', login: '500001.002' });
    expect(d.findings.find((f) => f.finding.kind === 'login-wrong')?.finding).toMatchObject({ typed: 'anna@example.org', logins: ['500001.002', 'anna@example.com'] });
  });

  it('corrects a wrong server name with the one to use', () => {
    const d = diagnoseMailLogin(facts(), ask({ protocol: 'smtp', server: 'smtp.example.com' }), NOW);
    expect(d.next).toEqual({ kind: 'fix-server', protocol: 'smtp', endpoint: server.smtp });
  });

  it('recognises a device that still holds the password from before the change', () => {
    const d = diagnoseMailLogin(
      facts({
        successes: [{ channel: 'imap', address: '203.0.113.7', at: '2026-11-29T20:00:00.000Z', tls: true }],
        failures: [{ channel: 'imap', reason: 'password', address: '203.0.113.7', count: 41, firstAt: '2026-11-30T08:05:00.000Z', lastAt: '2026-12-01T09:55:00.000Z' }],
      }),
      ask(),
      NOW,
    );
    expect(d.findings[d.findings.length - 2]?.finding).toEqual({ kind: 'old-password', channel: 'imap', address: '203.0.113.7', count: 41, since: '2026-11-30T08:05:00.000Z', changedAt: '2026-11-30T08:00:00.000Z' });
    expect(d.next).toEqual({ kind: 'new-password' });
  });

  it('reports failures from elsewhere as failures, and ignores old ones', () => {
    const d = diagnoseMailLogin(
      facts({
        failures: [
          { channel: 'pop3', reason: 'password', address: '198.51.100.2', count: 2, firstAt: '2026-12-01T09:00:00.000Z', lastAt: '2026-12-01T09:01:00.000Z' },
          { channel: 'imap', reason: 'password', address: '198.51.100.3', count: 9, firstAt: '2026-10-01T09:00:00.000Z', lastAt: '2026-10-01T09:01:00.000Z' },
        ],
      }),
      ask({ protocol: 'imap' }),
      NOW,
    );
    // The POP3 line is another protocol, the IMAP line two months old.
    expect(kinds(d)).toContain('no-failures');
    expect(d.next).toEqual({ kind: 'nothing-found' });
  });

  it('tells until when an address is throttled, after the cause itself', () => {
    const d = diagnoseMailLogin(
      facts({
        failures: [{ channel: 'imap', reason: 'password', address: '198.51.100.2', count: 6, firstAt: '2026-12-01T09:40:00.000Z', lastAt: '2026-12-01T09:50:00.000Z' }],
        throttled: [
          { address: '198.51.100.2', until: '2026-12-01T10:05:00.000Z' },
          { address: '198.51.100.9', until: '2026-12-01T09:05:00.000Z' },
        ],
      }),
      ask(),
      NOW,
    );
    expect(d.findings.filter((f) => f.finding.kind === 'throttled')).toHaveLength(1);
    expect(d.next).toEqual({ kind: 'new-password' });
    const onlyLocked = diagnoseMailLogin(facts({ throttled: [{ address: '198.51.100.2', until: '2026-12-01T10:05:00.000Z' }] }), ask(), NOW);
    expect(onlyLocked.next).toEqual({ kind: 'wait', until: '2026-12-01T10:05:00.000Z' });
  });
});
