import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../src/platform/db/index.ts';
import { hashMailPassword } from '../src/platform/crypto.ts';
import { seedCatalog } from '../src/demo.ts';
import { placeFirstOrder } from '../src/features/orders/index.ts';
import { createApiToken } from '../src/features/accounts/index.ts';
import { insertMailAccount } from '../src/features/mail/mail-account.repository.ts';
import { mailAccountName } from '../src/features/mail/index.ts';
import {
  DURATION,
  HttpSession,
  argon2HashesPerSecond,
  benchDatabase,
  load,
  peakRssDuring,
  processStat,
  runningPids,
  TICK_MS,
  rssMb,
  startBenchServer,
  takingTurns,
  wrk,
  startHelloServer,
  table,
  type LoadResult,
  type Row,
} from './support.ts';

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** A customer with 20 domains and 50 mail accounts, master data confirmed; returns its login. */
export async function prepareCustomer(handle: Awaited<ReturnType<typeof benchDatabase>>['handle']) {
  await seedCatalog(handle);
  const { db, dialect } = handle;
  const domains = Array.from({ length: 20 }, (_, i) => `bench-${i + 1}-beispiel.de`);
  const order = await placeFirstOrder(db, dialect, { tariff: 'mail-l', domains, email: 'bench@bench-1-beispiel.de' }, { channel: 'cli', actor: 'bench' }, new Date());
  const contract = await db.selectFrom('contracts').select(['id', 'contractNumber']).where('contractNumber', '=', order.contractNumber).executeTakeFirstOrThrow();
  const passwordHash = await hashMailPassword('Bench-Postfach-2026!');
  for (let i = 2; i <= 50; i++) await insertMailAccount(db, { contractId: contract.id, name: mailAccountName(contract.contractNumber, i), passwordHash, quotaMb: 1024 }, new Date());
  await db.updateTable('customers').set({ confirmedAt: new Date().toISOString(), firstName: 'Bench', lastName: 'Kunde' }).where('customerNumber', '=', order.customerNumber).execute();
  return { customerNumber: order.customerNumber, password: order.customerPassword! };
}

/** Logins as a person does them: GET the form, POST it; `workers` of them in parallel. */
async function loginLoad(base: string, who: { customerNumber: string; password: string }, seconds: number, workers: number) {
  let logins = 0;
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const s = new HttpSession(base);
      try {
        await s.login(who.customerNumber, who.password);
        logins++;
      } catch {
        failures++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const took = (performance.now() - t0) / 1000;
  return { perSecond: logins / took, seconds: took, failures };
}

/** CPU time (user + system, all threads) a process has used so far, in ms. */
const cpuMs = (pid: number | string) => processStat(pid).ticks * TICK_MS;

/** CPU time of every PostgreSQL server process on this machine (its backends, WAL writer, …), in ms. */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of runningPids()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(pid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

export async function runHttpBench(dialects: Dialect[]): Promise<Row[]> {
  const rows: Row[] = [];
  const hashing = await argon2HashesPerSecond();
  rows.push({ bench: 'argon2id hashes/s (m=19456,t=2,p=1)', dialect: '-', value: round(hashing.perSecond, 1), limit: '-', ratio: '-', target: '-' });

  const hello = await startHelloServer();
  let baseline: LoadResult;
  try {
    await wrk(`${hello.url}/`, { duration: 2 }); // warm-up
    baseline = await wrk(`${hello.url}/`);
  } finally {
    await hello.stop();
  }
  rows.push({ bench: 'bare Fastify hello req/s (wrk)', dialect: '-', value: round(baseline.rps, 0), limit: '-', ratio: '-', target: '-' });

  for (const dialect of dialects) {
    const database = await benchDatabase(dialect, 'http');
    const who = await prepareCustomer(database.handle);
    const admin = await database.handle.db
      .insertInto('staffUsers')
      .values({ login: 'bench', name: 'Bench', passwordHash: 'x', role: 'admin', language: 'de', createdAt: new Date().toISOString(), disabledAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await createApiToken(database.handle.db, 'bench', admin.id, new Date());
    await database.handle.close();
    const server = await startBenchServer(database.url);
    try {
      const idleMb = rssMb(server.pid);
      const session = new HttpSession(server.url);
      await session.login(who.customerNumber, who.password);
      const check = await session.get('/domains');
      if (check.status !== 200) throw new Error(`/domains answered ${check.status}`);
      // The ceiling: this very page's bytes from memory, through Fastify with @fastify/helmet, no
      // session, database or rendering; measured taking turns with the page, with wrk.
      const ceilingServer = await staticPageServer(await check.text());
      const headers = { cookie: session.cookie };
      let page: LoadResult;
      let ceiling: LoadResult;
      let peakMb: number;
      try {
        await wrk(`${server.url}/domains`, { headers, duration: 2 }); // warm-up
        await wrk(`${ceilingServer.url}/`, { duration: 2 });
        ({ value: [page, ceiling], peakMb } = await peakRssDuring(
          server.pid,
          takingTurns(
            () => wrk(`${server.url}/domains`, { headers }),
            () => wrk(`${ceilingServer.url}/`),
          ),
        ));
      } finally {
        await ceilingServer.stop();
      }
      await new Promise((r) => setTimeout(r, 2000));
      const afterMb = rssMb(server.pid);
      rows.push({ bench: 'Domainverwaltung req/s ÷ its bytes from memory, Fastify + helmet (wrk, 3 turns each)', dialect, value: round(page.rps, 0), limit: round(ceiling.rps, 0), ratio: round(page.rps / ceiling.rps), target: '≥ 0.5' });
      rows.push({ bench: 'Domainverwaltung p50 / p99 ms (its ceiling\'s)', dialect, value: `${page.p50} / ${page.p99}`, limit: `${ceiling.p50} / ${ceiling.p99}`, ratio: '-', target: '-' });
      rows.push({ bench: '… ÷ bare Fastify hello', dialect, value: round(page.rps, 0), limit: round(baseline.rps, 0), ratio: round(page.rps / baseline.rps), target: '-' });
      if (page.non2xx > 0 || page.errors > 0) rows.push({ bench: 'Domainverwaltung non-2xx / errors', dialect, value: `${page.non2xx} / ${page.errors}`, limit: '0', ratio: '-', target: '0' });
      rows.push({ bench: 'RSS idle MB', dialect, value: idleMb, limit: 100, ratio: round(idleMb / 100), target: '≤ 1' });
      rows.push({ bench: 'RSS after the page load MB (peak during it)', dialect, value: `${afterMb} (${peakMb})`, limit: 150, ratio: round(afterMb / 150), target: '≤ 1' });

      // Logins alone: each is GET /login + POST /login (one argon2id verification).
      const appCpu = cpuMs(server.pid);
      const databaseCpu = postgresCpuMs();
      const loadCpu = process.cpuUsage();
      const logins = await loginLoad(server.url, who, DURATION, 8);
      rows.push({ bench: 'customer logins/s', dialect, value: round(logins.perSecond, 1), limit: round(hashing.perSecond, 1), ratio: round(logins.perSecond / hashing.perSecond), target: 'near 1' });
      // Where the 2 cores went per login: the app's hash and the rest of the app (both in its
      // process; SQLite's work too), PostgreSQL's processes, and this process driving the logins.
      // Hashing's share of it all caps the ratio.
      const count = logins.perSecond * logins.seconds;
      const appMs = (cpuMs(server.pid) - appCpu) / count;
      const databaseMs = dialect === 'postgres' ? (postgresCpuMs() - databaseCpu) / count : 0;
      const { user, system } = process.cpuUsage(loadCpu);
      const clientMs = (user + system) / 1000 / count;
      const hashMs = hashing.cpuMs;
      rows.push({
        bench: 'CPU ms per login: hash / rest of app / PostgreSQL / load generator',
        dialect,
        value: [hashMs, Math.max(0, appMs - hashMs), databaseMs, clientMs].map((ms) => round(ms, 1)).join(' / '),
        limit: '-',
        ratio: round(hashMs / (appMs + databaseMs + clientMs)),
        target: '-',
      });
      // Logins saturate hashing again while customers keep clicking (100 pages/s): the page p99
      // shows whether hashing ever holds up the event loop.
      const [, pageDuring] = await Promise.all([
        loginLoad(server.url, who, DURATION, 8),
        load(`${server.url}/domains`, { headers, connections: 2, overallRate: 100 }),
      ]);
      rows.push({ bench: 'page p99 ms while logins saturate hashing (100 pages/s)', dialect, value: pageDuring.p99, limit: 50, ratio: round(pageDuring.p99 / 50), target: '≤ 50 ms' });

      const orders = await orderLoad(server.url, token, DURATION, 4, `${dialect}-p`);
      rows.push({ bench: 'API orders/s', dialect, value: round(orders.perSecond, 1), limit: round(hashing.perSecond / 2, 1), ratio: round(orders.perSecond / (hashing.perSecond / 2)), target: '-' });
      // The split, from orders one at a time (no queueing): two argon2id hashes (customer and
      // mailbox password), the rest is validation, the transaction and HTTP.
      const single = await orderLoad(server.url, token, Math.max(2, DURATION / 2), 1, `${dialect}-s`);
      const hashMsPerOrder = 2 * hashing.singleMs;
      rows.push({ bench: 'order ms one at a time: hashing / rest', dialect, value: `${round(hashMsPerOrder, 1)} / ${round(Math.max(0, single.meanMs - hashMsPerOrder), 1)}`, limit: '-', ratio: '-', target: '-' });
    } finally {
      await server.stop();
      await database.drop();
    }
  }
  return rows;
}

/** The page's HTML served from memory by Fastify with helmet: the ceiling for this page's size and headers. */
async function staticPageServer(html: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hostdesk-bench-page-'));
  const file = join(dir, 'page.html');
  writeFileSync(file, html);
  const server = await startHelloServer(file);
  return { url: server.url, stop: async () => (await server.stop(), rmSync(dir, { recursive: true, force: true })) };
}

async function orderLoad(base: string, token: string, seconds: number, workers: number, label: string) {
  let count = 0;
  let totalMs = 0;
  let seq = 0;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const n = seq++;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tariff: 'mail-s', domains: [`order-${label}-${process.pid}-${n}.de`], email: `o${n}@order-${label}-${process.pid}-${n}.de` }),
      });
      if (res.status !== 201) throw new Error(`order answered ${res.status}: ${await res.text()}`);
      totalMs += performance.now() - t0;
      count++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  return { perSecond: count / ((performance.now() - t0) / 1000), meanMs: totalMs / count };
}

/**
 * Two app processes on one PostgreSQL behind a loopback round-robin proxy: a session made on one
 * works on the other, failed logins count across both, and the throughput of one vs two.
 */
export async function runScaleOutBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const database = await benchDatabase('postgres', 'scale');
  const who = await prepareCustomer(database.handle);
  await database.handle.close();
  const a = await startBenchServer(database.url, { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const b = await startBenchServer(database.url, { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const proxy = await roundRobin([a.url, b.url]);
  try {
    const session = new HttpSession(proxy.url);
    await session.login(who.customerNumber, who.password);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await session.get('/domains')).status);
    rows.push({ bench: 'session made on one process works on both', dialect: 'postgres', value: statuses.every((s) => s === 200) ? 'yes' : `no (${statuses.join(',')})`, limit: '-', ratio: '-', target: 'yes' });

    const attacker = new HttpSession(proxy.url);
    await attacker.get('/login');
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push((await attacker.post('/login', { identifier: who.customerNumber, password: `wrong-${i}` })).status);
    rows.push({ bench: 'failed logins counted across both (6th answer)', dialect: 'postgres', value: tries.at(-1)!, limit: '-', ratio: '-', target: '429' });

    const headers = { cookie: session.cookie };
    const one = await load(`${a.url}/domains`, { headers });
    const two = await load(`${proxy.url}/domains`, { headers, connections: 20 });
    rows.push({ bench: 'Domainverwaltung req/s: one process / two behind proxy', dialect: 'postgres', value: `${round(one.rps, 0)} / ${round(two.rps, 0)}`, limit: '-', ratio: round(two.rps / one.rps), target: '> 1 (2 cores shared with load generator and PostgreSQL)' });
  } finally {
    await proxy.stop();
    await a.stop();
    await b.stop();
    await database.drop();
  }
  return rows;
}

function roundRobin(targets: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => (agent.destroy(), server.close(() => r()))) });
    }),
  );
}

export function printRows(title: string, rows: Row[]) {
  console.log(`\n${title}\n${table(rows)}`);
}
