import type { Db } from '../../platform/db/index.ts';
import { SIMULATED_VERSIONS, startPleskSimulator, type PleskSimulator, type SimulatedVersion } from '../../integrations/plesk/index.ts';
import type { PanelConfig } from './panel.config.ts';
import { listSimulatedPanelServers, listSubscriptionsOnServer, updatePanelServer } from '../contracts/index.ts';

/**
 * The http origin of each running demo simulator's browser pages, by panel server id. In memory
 * and only for servers flagged `simulator`: a real Plesk server's browser URL is always its https URL.
 */
const browserOrigins = new Map<number, string>();

/** Where the browser opens a simulator-backed server's pages, if its simulator runs in this process. */
export function simulatorBrowserUrl(server: { id: number; simulator: number }): string | undefined {
  return server.simulator === 1 ? browserOrigins.get(server.id) : undefined;
}

/** Mailboxes every simulated subscription domain starts with. */
export const DEMO_MAILBOXES = ['info', 'kontakt'];

/**
 * The demo's Plesk: one simulator per panel server flagged `simulator`, on a free loopback port.
 * Each start rewrites those servers' URL, pinned CA and secret key (sealed with the app's
 * secret key), and each API request first loads subscriptions ordered since.
 */
export async function startDemoPleskSimulators(db: Db, panel: PanelConfig): Promise<{ simulators: PleskSimulator[]; close(): Promise<void> } | null> {
  if (!panel.simulator) return null;
  const simulators: PleskSimulator[] = [];
  for (const server of await listSimulatedPanelServers(db)) {
    const version = SIMULATED_VERSIONS.find((v) => v === server.version) as SimulatedVersion | undefined;
    if (!version) continue;
    const sync = async (sim: PleskSimulator) => {
      for (const s of await listSubscriptionsOnServer(db, server.id)) {
        if (sim.customers.some((c) => c.login === s.login)) continue;
        sim.addSubscription(s.login, s.domains, DEMO_MAILBOXES);
      }
    };
    // On loopback the browser pages are plain http: no certificate warning for the demo's visitor.
    const sim = await startPleskSimulator({ version, host: panel.simulatorHost, browserHttp: isLoopbackHost(panel.simulatorHost), beforeRequest: sync });
    await sync(sim);
    if (sim.browserUrl !== sim.url) browserOrigins.set(server.id, sim.browserUrl);
    await updatePanelServer(db, server.id, { url: sim.url, caPem: sim.caPem, authKind: 'key', apiLogin: null, secretEnc: panel.box.seal(sim.key), detectedVersion: null, protocol: null, detectedAt: null });
    simulators.push(sim);
  }
  return {
    simulators,
    close: async () => {
      for (const server of await listSimulatedPanelServers(db)) browserOrigins.delete(server.id);
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
}

/** Flags the demo catalog's Plesk servers as simulator-backed, with mailbox passwords enabled. */
export async function flagDemoPanelServers(db: Db, ids: number[]): Promise<void> {
  for (const id of ids) await updatePanelServer(db, id, { simulator: 1, mailPasswordEnabled: 1 });
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
