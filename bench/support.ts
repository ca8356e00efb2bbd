import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Dialect, type DbHandle } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { freePort, startServer, type RunningServer } from '../test/support/server.ts';

export const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

/** A fresh, migrated database of either kind, dropped by `drop()`. */
export async function benchDatabase(dialect: Dialect, label: string): Promise<{ url: string; handle: DbHandle; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `hostdesk-bench-${label}-`));
    const url = `file:${join(dir, 'bench.db')}`;
    const handle = openDatabase(url);
    await migrateToLatest(handle);
    return { url, handle, drop: async () => void rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `hostdesk_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  const handle = openDatabase(u.toString());
  await migrateToLatest(handle);
  return {
    url: u.toString(),
    handle,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * `hostdesk serve` for measuring, as `npm start` runs it (its node flags, SERVER_NODE_FLAGS; the default log level;
 * logs into a file as a service's go to its journal), without demo data and request rate limits.
 */
export async function startBenchServer(databaseUrl: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hostdesk-bench-log-'));
  const logFile = join(dir, 'server.log');
  const server = await startServer({
    DATABASE_URL: databaseUrl,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    ...extra,
  }, { logFile });
  return { ...server, output: () => readFileSync(logFile, 'utf8'), stop: async () => (await server.stop(), rmSync(dir, { recursive: true, force: true })) };
}

/**
 * The baseline server: Fastify answering "hello", or, with `pageFile`, the same Fastify with
 * @fastify/helmet answering that file's HTML from memory (the framework's ceiling for the page).
 */
export async function startHelloServer(pageFile?: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./hello-server.mjs', import.meta.url));
  const env = { ...process.env, PORT: String(port), ...(pageFile ? { PAGE_FILE: pageFile } : {}) };
  const child: ChildProcess = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`hello server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const WRK_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

/**
 * wrk (C, one thread): a load generator that costs the two cores far less than the server it
 * drives, so the page and its ceiling are limited by the servers, not by the generator.
 */
export async function wrk(url: string, options: { connections?: number; duration?: number; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const args = ['-t1', `-c${options.connections ?? 10}`, `-d${options.duration ?? DURATION}s`, '--latency'];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout!.on('data', (d) => (text += String(d)));
    child.once('error', (error) => reject(new Error(`wrk could not start (apt-get install wrk): ${error.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
    return m ? Math.round(Number(m[1]) * WRK_UNITS[m[2]!]! * 100) / 100 : NaN;
  };
  const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: ms('50'),
    p99: ms('99'),
    non2xx: count(/Non-2xx or 3xx responses: (\d+)/),
    errors: [...out.matchAll(/(?:connect|read|write|timeout) (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0),
  };
}

/**
 * Two loads measured taking turns (a, b, a, b, …), so that the machine's ups and downs fall on
 * both alike; each figure is the median of its turns.
 */
export async function takingTurns(a: () => Promise<LoadResult>, b: () => Promise<LoadResult>, turns = 3): Promise<[LoadResult, LoadResult]> {
  const as: LoadResult[] = [];
  const bs: LoadResult[] = [];
  for (let i = 0; i < turns; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [median(as), median(bs)];
}

function median(results: LoadResult[]): LoadResult {
  const mid = (pick: (r: LoadResult) => number) => results.map(pick).sort((x, y) => x - y)[Math.floor(results.length / 2)]!;
  return { rps: mid((r) => r.rps), p50: mid((r) => r.p50), p99: mid((r) => r.p99), non2xx: results.reduce((n, r) => n + r.non2xx, 0), errors: results.reduce((n, r) => n + r.errors, 0) };
}

export async function load(url: string, options: { connections?: number; duration?: number; headers?: Record<string, string>; overallRate?: number } = {}): Promise<LoadResult> {
  const result = await autocannon({ url, connections: options.connections ?? 10, duration: options.duration ?? DURATION, headers: options.headers ?? {}, ...(options.overallRate ? { overallRate: options.overallRate } : {}) });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Milliseconds in one of /proc's CPU clock ticks (USER_HZ = 100). */
export const TICK_MS = 10;

/**
 * From /proc/<pid>/stat (stat(5); `self` for this process): the parent, the CPU ticks the process
 * has used itself (utime + stime, all threads) and those of its children it has reaped
 * (cutime + cstime). Throws when the process has ended.
 */
export function processStat(pid: number | string): { ppid: number; ticks: number; reapedTicks: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which may itself hold ") ": state, ppid, … utime (14th).
  const f = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), reapedTicks: Number(f[13]) + Number(f[14]) };
}

/** The pids of the processes running now. */
export function runningPids(): string[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Samples RSS while `work` runs and returns the peak. */
export async function peakRssDuring<T>(pid: number, work: Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  try {
    return { value: await work, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** argon2id hashes per second with the app's parameters, as many in flight as the libuv pool runs. */
export async function argon2HashesPerSecond(seconds = 5): Promise<{ perSecond: number; singleMs: number; cpuMs: number }> {
  const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
  await hash('warm-up password', options); // starts the thread pool
  const singles: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await hash('Benchmark-Passwort-2026!', options);
    singles.push(performance.now() - t0);
  }
  const singleMs = singles.sort((a, b) => a - b)[2]!;
  let count = 0;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      await hash('Benchmark-Passwort-2026!', options);
      count++;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(process.env.UV_THREADPOOL_SIZE ?? 4) }, worker));
  const { user, system } = process.cpuUsage(cpu);
  return { perSecond: count / ((performance.now() - started) / 1000), singleMs, cpuMs: (user + system) / 1000 / count };
}

/** A browser-like session: cookie jar and CSRF token, over real HTTP. */
export class HttpSession {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' });
    await this.absorb(res);
    return res;
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...form }).toString(),
      redirect: 'manual',
    });
    await this.absorb(res);
    return res;
  }

  private async absorb(res: Response) {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('hostdesk_session='));
    if (set) this.cookie = set.split(';')[0]!;
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      const m = /name="_csrf" value="([^"]+)"/.exec(await res.clone().text());
      if (m) this.csrf = m[1]!;
    }
  }

  async login(identifier: string, password: string): Promise<void> {
    await this.get('/login');
    const res = await this.post('/login', { identifier, password });
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  }
}

/** One figure of a benchmark: what was measured, on which database, its value, the limit it is divided by, the ratio and the target. */
export type Row = Record<string, string | number>;

export function table(rows: Row[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}
