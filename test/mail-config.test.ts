import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDovecotConfig } from '../src/features/mail/server-config.ts';
import { mailServersUnavailable } from './support/mailservers.ts';

const skipReason = mailServersUnavailable({ needsRoot: false });
if (skipReason) console.warn(`mail-config tests skipped: ${skipReason}`);

/** What Dovecot itself makes of the generated files (`doveconf -n`), included as docs/mail-setup.md says. */
function doveconf(dir: string, args: Parameters<typeof writeDovecotConfig>[2]): string {
  writeDovecotConfig('file:/srv/hostdesk/data/hostdesk.db', dir, { mailUser: 'nobody', mailGroup: 'nogroup', ...args });
  writeFileSync(join(dir, 'dovecot.conf'), `protocols = imap pop3\n!include ${join(dir, 'hostdesk.conf')}\n`);
  return execFileSync('doveconf', ['-n', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

describe.skipIf(skipReason !== null)('hostdesk mail-config dovecot: process settings', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = mkdtempSync('/tmp/hd-mail-config-');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("keeps Dovecot's high-security process model by default and sizes auth workers by cores", () => {
    const conf = doveconf(tmp(), { cores: 3 });
    expect(conf).toMatch(/^auth_worker_max_count = 3$/m);
    expect(conf).not.toMatch(/service_count/);
  });

  it('writes the high-performance login mode and reused mail processes only when asked', () => {
    const conf = doveconf(tmp(), { cores: 2, highPerformance: true });
    const service = (name: string) => new RegExp(`^service ${name} \\{\\n([^}]*)\\}`, 'm').exec(conf)?.[1] ?? '';
    expect(service('imap-login')).toMatch(/service_count = 0/);
    expect(service('imap-login')).toMatch(/process_min_avail = 2/);
    expect(service('pop3-login')).toMatch(/service_count = 0/);
    expect(service('imap')).toMatch(/service_count = 100/);
    expect(service('pop3')).toMatch(/service_count = 100/);
  });
});
