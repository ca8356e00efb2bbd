import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface RunningDns {
  /** For DNS_SERVERS: `127.0.0.1:<port>`. */
  servers: string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * Debian's dnsmasq (package dnsmasq-base) on a free loopback port, serving the records given on
 * its command line (`--mx-host`, `--txt-record`, `--srv-host`, `--host-record`, `--cname`, …) and
 * nothing else: no /etc/hosts, no upstream. `probe` is a name with an A record in the zone, asked
 * until it answers. `silent` names a domain forwarded to a server that never answers.
 */
export async function startDnsmasq(zone: string[], options: { probe: string; silent?: string }): Promise<RunningDns> {
  if (!existsSync(DNSMASQ)) throw new Error(`${DNSMASQ} is missing: apt-get install dnsmasq-base (.ci/run does)`);
  const blackhole = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve));
  const port = await freeUdpPort();
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--pid-file=',
    `--user=${userInfo().username}`,
    ...(options.silent ? [`--server=/${options.silent}/127.0.0.1#${blackhole.address().port}`] : []),
    ...zone,
  ];
  let stderr = '';
  const child: ChildProcess = spawn(DNSMASQ, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const servers = `127.0.0.1:${port}`;
  const probe = new Resolver({ timeout: 200, tries: 1 });
  probe.setServers([servers]);
  for (let i = 0; ; i++) {
    try {
      if ((await probe.resolve4(options.probe)).length > 0) break;
    } catch (error) {
      if (i > 50 || child.exitCode !== null) {
        child.kill();
        blackhole.close();
        throw new Error(`dnsmasq did not start: ${stderr}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    servers,
    stop: () =>
      new Promise<void>((resolve) => {
        blackhole.close();
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
