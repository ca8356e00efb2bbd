import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPleskSimulator } from './simulator.ts';
import { SIMULATED_VERSIONS, type SimulatedVersion } from './versions.ts';

export const PLESK_SIM_USAGE = `plesk-sim --version 8.6|9.5|10.4|12.5|18.0 [--port N] [--host H] [--key K]
          [--customer LOGIN --domain NAME [--domain NAME …]]
                                          run the Plesk XML API simulator (development tool)`;

/** `hostdesk plesk-sim`: a simulator on a fixed port, printing what Hostdesk needs to reach it. */
export async function runPleskSimulatorCommand(args: string[], out: (line: string) => void): Promise<() => Promise<void>> {
  const { values } = parseArgs({
    args,
    options: {
      version: { type: 'string' },
      port: { type: 'string', default: '8443' },
      host: { type: 'string', default: '127.0.0.1' },
      key: { type: 'string' },
      customer: { type: 'string' },
      domain: { type: 'string', multiple: true },
    },
  });
  if (!SIMULATED_VERSIONS.includes(values.version as SimulatedVersion)) throw new Error(`--version must be one of ${SIMULATED_VERSIONS.join(', ')}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const sim = await startPleskSimulator({ version: values.version as SimulatedVersion, port, host: values.host, key: values.key });
  if (values.customer) sim.addSubscription(values.customer, values.domain ?? []);
  const caFile = join(tmpdir(), `plesk-sim-${sim.port}-ca.pem`);
  writeFileSync(caFile, sim.caPem, { mode: 0o644 });
  out(`Plesk simulator ${sim.version} (not a real Plesk) at ${sim.url}`);
  out(`  XML API:  ${sim.url}/enterprise/control/agent.php`);
  out(`  KEY:      ${sim.key}`);
  out(`  login:    ${sim.login} / ${sim.password}`);
  out(`  CA (pin this in Hostdesk): ${caFile}`);
  if (values.customer) out(`  customer ${values.customer}: ${(values.domain ?? []).join(', ') || 'no domains'} (mailboxes info@ each)`);
  out('Stop with Ctrl+C.');
  return () => sim.close();
}
