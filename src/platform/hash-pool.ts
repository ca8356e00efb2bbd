import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * argon2id on a few worker threads of lowered CPU priority (nice 10 on Linux). Hashing uses all
 * the CPU nobody else wants, but when a page request and a login hash compete for a core, the
 * scheduler gives the core to the request: a burst of logins saturates hashing without
 * stretching page latency (measured by `npm run bench -- http`, docs/performance.md). On the
 * libuv pool, four hash threads at normal priority competed equally with the event loop.
 *
 * Threads start when the first hash is asked for and end after a minute without work.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.nice);
} catch {}
parentPort.on('message', (task) => {
  try {
    const value = task.op === 'hash' ? argon2.hashSync(task.password, task.options) : argon2.verifySync(task.phc, task.password);
    parentPort.postMessage({ id: task.id, value });
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: String(error && error.message || error) });
  }
});`;

const SIZE = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
const NICE = 10;
const IDLE_MS = 60_000;
const ARGON2_PATH = createRequire(import.meta.url).resolve('@node-rs/argon2');

type TaskInput = { op: 'hash'; password: string; options: object } | { op: 'verify'; phc: string; password: string };
type Task = TaskInput & { id: number };
interface Pending {
  task: Task;
  resolve(value: unknown): void;
  reject(error: Error): void;
}
interface Slot {
  worker: Worker;
  busy: Pending | null;
  idleTimer: NodeJS.Timeout | null;
}

const slots: Slot[] = [];
const queue: Pending[] = [];
let nextId = 1;

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: ARGON2_PATH, nice: NICE } });
  const slot: Slot = { worker, busy: null, idleTimer: null };
  worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    const done = slot.busy;
    slot.busy = null;
    if (done && done.task.id === message.id) {
      if (message.error !== undefined) done.reject(new Error(message.error));
      else done.resolve(message.value);
    }
    dispatch();
  });
  worker.on('error', (error) => {
    slot.busy?.reject(error);
    slot.busy = null;
    remove(slot);
    dispatch();
  });
  worker.on('exit', () => {
    slot.busy?.reject(new Error('hash worker exited'));
    slot.busy = null;
    remove(slot);
    dispatch();
  });
  slots.push(slot);
  return slot;
}

function remove(slot: Slot) {
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
}

function dispatch() {
  while (queue.length > 0) {
    const slot = slots.find((s) => !s.busy) ?? (slots.length < SIZE ? startSlot() : undefined);
    if (!slot) return;
    const next = queue.shift()!;
    slot.busy = next;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    // A thread with work keeps the process alive (a CLI command awaiting its hash); idle ones do not.
    slot.worker.ref();
    slot.worker.postMessage(next.task);
  }
  for (const slot of slots) {
    if (slot.busy || slot.idleTimer) continue;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      remove(slot);
      void slot.worker.terminate();
    }, IDLE_MS);
    slot.idleTimer.unref();
  }
}

function submit<T>(task: TaskInput): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ task: { ...task, id: nextId++ }, resolve: resolve as (v: unknown) => void, reject });
    dispatch();
  });
}

export function hashOnPool(password: string, options: object): Promise<string> {
  return submit<string>({ op: 'hash', password, options });
}

export function verifyOnPool(phc: string, password: string): Promise<boolean> {
  return submit<boolean>({ op: 'verify', phc, password });
}
