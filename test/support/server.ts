import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// Built by the test run's global setup (and by `npm start` itself).
const BUNDLE = fileURLToPath(new URL('../../dist/hostdesk.mjs', import.meta.url));
/** Node's flags as `npm start` passes them (package.json); docs/performance.md, "Memory", says why. */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=2'];

/** Ports this process handed out: a port is never handed out twice (the kernel may offer it again once it is closed). */
const handedOut = new Set<number>();

/** A port free now on 127.0.0.1, different from every other this process got from here. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export interface RunningServer {
  url: string;
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `hostdesk serve` as its own process from the bundle, as `npm start` does, and waits until
 * it answers. `env.HOST` and `env.PORT`, when given, are where it listens (default: 127.0.0.1 and a free port).
 */
export async function startServer(env: Record<string, string>, options: { logFile?: string } = {}): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const host = env.HOST ?? '127.0.0.1';
  let output = '';
  // With a log file (the benchmarks), the logs go there as a service's go to its journal.
  const log = options.logFile ? openSync(options.logFile, 'a') : 'pipe';
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, BUNDLE, 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: host, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', log, log],
  });
  if (typeof log === 'number') closeSync(log);
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${options.logFile ? readFileSync(options.logFile, 'utf8').slice(-4000) : output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // A killed process has a signalCode and no exitCode: it is gone all the same.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
