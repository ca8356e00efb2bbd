/**
 * `npm run bench`: runs the benchmarks listed here (all, or those named on the command line,
 * e.g. `npm run bench -- help-search http`), then prints one table of every figure with its
 * limit, ratio and target, and a JSON document of the same rows plus the machine. The JSON is
 * also written to bench/results/latest.json (git-ignored). Benchmarks report numbers; they are
 * not tests and assert nothing about timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { buildBundle } from '../scripts/build.mjs';
import { table, type Row } from './support.ts';

const BENCHES: Record<string, () => Promise<Row[]>> = {
  http: async () => (await import('./http.ts')).runHttpBench(['sqlite', 'postgres']),
  'mail-auth': async () => (await import('./mail-auth.ts')).runMailAuthBench(),
  'help-search': async () => (await import('./help-search.ts')).runHelpSearchBench(),
  'scale-out': async () => (await import('./http.ts')).runScaleOutBench(),
};

function machine() {
  const pg = (() => {
    try {
      return execFileSync('psql', ['-At', '-h', '127.0.0.1', '-U', 'postgres', '-c', 'show server_version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pg,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!BENCHES[name]) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}

// The servers measured run the bundle, as `npm start` does.
await buildBundle();
const started = new Date();
const info = machine();
const rows: Row[] = [];
const failed: { bench: string; error: string }[] = [];
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const t0 = performance.now();
  console.error(`bench ${name} …`);
  try {
    const got = await BENCHES[name]!();
    rows.push(...got.map((r) => ({ group: name, ...r })));
    console.error(`bench ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } catch (error) {
    // One broken benchmark must not hide the others' figures; it is reported and fails the run.
    failed.push({ bench: name, error: (error as Error).stack ?? String(error) });
    console.error(`bench ${name} failed: ${(error as Error).stack ?? error}`);
  }
}

const document = { startedAt: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), machine: info, results: rows, failed };
console.log(`\nHostdesk benchmarks, ${started.toISOString()}, ${info.cores} × ${info.cpu}, Node ${info.node}, PostgreSQL ${info.postgres}\n`);
console.log(table(rows));
console.log(`\n${JSON.stringify(document, null, 2)}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
console.error(`\nwritten to bench/results/latest.json (${document.seconds} s in all)`);
// The PostgreSQL pools and child processes are closed; exit explicitly in case a library keeps a timer.
process.exit(failed.length > 0 ? 1 : 0);
