/**
 * Threads for large matrix products, as `torch.set_num_threads`: `setNumThreads(n)` splits
 * each large float32/float64 matmul into n blocks of rows of the output, one per thread
 * (the calling thread computes the first). Every thread runs the same WebAssembly kernel
 * on whole 4-row tiles, with the same depth blocking, so the result is bit for bit the
 * one-thread result: the split changes who computes a row, never the order of its sums.
 *
 * How: a pool of workers, each with its own instance of the kernel module (the module is
 * compiled once and posted to them). A product copies its operands into one
 * SharedArrayBuffer, posts each worker its rows, computes its own, then waits until every
 * worker has written its rows there. The same worker body (`WORKER_BODY`) runs in both
 * places the library runs:
 *
 * - Node: `worker_threads`; the caller waits with `Atomics.wait`.
 * - A browser page or a Web Worker (the app's cell worker: its pool is nested workers):
 *   Web Workers started from a `blob:` URL made from the source below, so they load with
 *   no network and no file for a bundler to lose. A page's main thread may not call
 *   `Atomics.wait`, so there the caller spins on `Atomics.load` (the product blocks the
 *   thread either way). A Web Worker starts only when its creator's thread gets a turn of
 *   its event loop, so a product uses only workers that have said they are ready (each has
 *   its own shared flag); until then the caller computes every row itself.
 *
 * Only products of at least `MIN_THREADED_FLOPS` use the pool: posting a job costs tens
 * of microseconds (more in a browser) and the copies one pass over the data.
 *
 * Falls back to one thread, silently and with the same results, wherever threads cannot
 * run: a page that is not cross-origin isolated (no COOP/COEP headers: `crossOriginIsolated`
 * is false and SharedArrayBuffer is missing or cannot be shared), an engine without
 * SharedArrayBuffer, `Worker` or `Atomics`, a page whose Content-Security-Policy refuses
 * `blob:` workers (the pool stops at the first worker that fails to start), or
 * `setNumThreads(1)`. `threadPoolInfo()` says which, and why.
 *
 * ```ts
 * setNumThreads(2);   // the default is the number of cores
 * getNumThreads();    // 2
 * threadPoolInfo();   // { available: true, reason: '', workers: 1, ready: 1, splits: 0 }
 * ```
 */

/** 2·M·N·K at or above which a product is split: 2·128³ (a 128³ product takes ~0.2 ms). */
export const MIN_THREADED_FLOPS = 2 * 128 ** 3;

/**
 * The worker, as source text so that it needs no file of its own: `onMessage` first
 * receives the compiled module (and instantiates it, then raises its ready flag), then
 * row blocks of products, or a `CallJob` (any other kernel). Rows i0..i1 of c are computed from rows i0..i1 of a and all of
 * b, copied from the shared buffer into the worker's own module memory, and written back
 * to the shared buffer; then control[slot] becomes 1 (2 on failure) and the waiter wakes.
 */
const WORKER_BODY = `
let wasm = null, base = 0, control = null;
function onMessage(m) {
  if (m.module) {
    wasm = new WebAssembly.Instance(m.module, {}).exports;
    base = (wasm.__heap_base.value + 15) & ~15;
    control = new Int32Array(m.control);
    Atomics.store(new Int32Array(m.ready), 0, 1);
    return;
  }
  if (m.call) { runCall(m); return; }
  const { shared, dtype, aAt, aLen, rsa, csa, bAt, bLen, rsb, csb, cAt, i0, i1, K, N, slot } = m;
  try {
  const size = dtype === 'float32' ? 4 : 8;
  const View = dtype === 'float32' ? Float32Array : Float64Array;
  const rows = i1 - i0;
  const align = (x) => (x + 15) & ~15;
  // Rows i0..i1 of a start at element i0·rsa of its span; copy what those rows touch.
  const aFrom = i0 * rsa, aSpan = Math.min(aLen - aFrom, (rows - 1) * rsa + (K - 1) * csa + 1);
  const pa = base, pb = pa + align(aSpan * size), pc = pb + align(bLen * size);
  const need = pc + rows * N * size - wasm.memory.buffer.byteLength;
  if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));
  const buf = wasm.memory.buffer;
  new View(buf, pa, aSpan).set(new View(shared, aAt + aFrom * size, aSpan));
  new View(buf, pb, bLen).set(new View(shared, bAt, bLen));
  wasm[dtype === 'float32' ? 'matmul_f32' : 'matmul_f64'](pa, rsa, csa, pb, rsb, csb, pc, rows, K, N);
  new View(shared, cAt + i0 * N * size, rows * N).set(new View(wasm.memory.buffer, pc, rows * N));
  Atomics.store(control, slot, 1);
  } catch (e) {
    Atomics.store(control, slot, 2); // the waiting thread reports the failure
  }
  Atomics.notify(control, slot);
}
function runCall(m) {
  const { call, args, bytes, copyIn, copyOut, shared, slot } = m;
  try {
    const need = base + bytes - wasm.memory.buffer.byteLength;
    if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));
    for (const [from, to, n] of copyIn) new Uint8Array(wasm.memory.buffer, base + to, n).set(new Uint8Array(shared, from, n));
    wasm[call](...args.map((a) => (typeof a === 'number' ? a : base + a.at)));
    for (const [from, to, n] of copyOut) new Uint8Array(shared, to, n).set(new Uint8Array(wasm.memory.buffer, base + from, n));
    Atomics.store(control, slot, 1);
  } catch (e) {
    Atomics.store(control, slot, 2);
  }
  Atomics.notify(control, slot);
}
`;

/**
 * A job any kernel can be split with, without a change to the worker: `bytes` bytes of the
 * worker's own module memory above its heap base are made available, each `copyIn` entry
 * `[sharedByte, localByte, length]` is copied from `shared` into it, the export `call` runs
 * with `args` (a number as is; `{ at }` becomes the pointer heapBase + at), then each
 * `copyOut` entry `[localByte, sharedByte, length]` is copied back, and control[slot]
 * becomes 1 (2 if it threw). Post it to a worker from `pool()`, then `waitForWorkers`.
 *
 * ```ts
 * worker.postMessage({ call: 'exp_f32', args: [{ at: 0 }, { at: 0 }, n], bytes: 4 * n,
 *   copyIn: [[0, 0, 4 * n]], copyOut: [[0, 0, 4 * n]], shared, slot: 1 } satisfies CallJob);
 * waitForWorkers(1);
 * ```
 */
export interface CallJob {
  call: string;
  args: (number | { at: number })[];
  bytes: number;
  copyIn: [sharedByte: number, localByte: number, length: number][];
  copyOut: [localByte: number, sharedByte: number, length: number][];
  shared: SharedArrayBuffer;
  /** 1..63: the worker's position in `pool()`'s list plus one, as `waitForWorkers` counts. */
  slot: number;
}

/** The worker's entry in Node and in a browser: the same body, a different message port. */
const NODE_WORKER_SOURCE = `const { parentPort } = require('node:worker_threads');\n${WORKER_BODY}\nparentPort.on('message', onMessage);\n`;
const WEB_WORKER_SOURCE = `${WORKER_BODY}\nself.onmessage = (e) => onMessage(e.data);\n`;

/** What the pool needs of a worker, in Node and in a browser. */
export interface PoolWorker { postMessage(message: unknown): void }

interface Started {
  worker: PoolWorker;
  /** One Int32 the worker sets to 1 once its module instance exists. */
  ready: Int32Array;
  stop(): void;
}

interface NodeWorker extends PoolWorker { unref(): void; terminate(): Promise<number> }
type NodeWorkerCtor = new (source: string, options: { eval: true }) => NodeWorker;

interface WebWorker extends PoolWorker { terminate(): void; onerror: ((e: unknown) => void) | null }
type WebWorkerCtor = new (url: string, options?: { name?: string }) => WebWorker;

/** Where threads can come from here: how to start one, how many cores, and whether the caller may block. */
interface Platform {
  kind: 'node' | 'web';
  cores: number;
  /** Starts worker `index`; `failed` is called if it cannot run after all (a browser reports that later). */
  start(index: number, failed: (why: string) => void): Started;
}

/** Node's worker_threads and os, reached synchronously (process.getBuiltinModule, Node ≥ 20.16), or null. */
function nodePlatform(): Platform | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function' || typeof SharedArrayBuffer !== 'function') return null;
  const wt = p.getBuiltinModule('node:worker_threads') as { Worker: NodeWorkerCtor } | undefined;
  const os = p.getBuiltinModule('node:os') as { availableParallelism?: () => number; cpus(): unknown[] } | undefined;
  if (!wt || !os) return null;
  return {
    kind: 'node',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    start() {
      const worker = new wt.Worker(NODE_WORKER_SOURCE, { eval: true });
      worker.unref(); // an idle pool never keeps the process alive
      return { worker, ready: new Int32Array(new SharedArrayBuffer(4)), stop: () => void worker.terminate() };
    },
  };
}

/** Why a browser page or Web Worker cannot run threads ('' when it can). */
function webUnavailable(g: Record<string, unknown>): string {
  if (typeof g.Worker !== 'function') return 'this context has no Worker constructor';
  if (g.crossOriginIsolated === false) {
    return 'the page is not cross-origin isolated (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return 'SharedArrayBuffer or Atomics is missing';
  if (g.crossOriginIsolated !== true) return 'this engine does not say it is cross-origin isolated (crossOriginIsolated is missing)';
  if (typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') return 'blob: URLs are missing, so the workers cannot be made';
  return '';
}

/** Web Workers from a `blob:` URL of the worker source (no network, nothing for a bundler to move), or null. */
function webPlatform(g: Record<string, unknown>): Platform | null {
  if (webUnavailable(g) !== '') return null;
  const Ctor = g.Worker as WebWorkerCtor;
  const navigator = g.navigator as { hardwareConcurrency?: number } | undefined;
  let url: string | null = null;
  return {
    kind: 'web',
    cores: navigator?.hardwareConcurrency ?? 1,
    start(index, failed) {
      url ??= URL.createObjectURL(new Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
      const worker = new Ctor(url, { name: `descent-thread-${index + 1}` });
      // A worker that fails to load (a Content-Security-Policy without `worker-src blob:`, say)
      // never raises its flag, so it is never given rows; this drops it and stops the pool.
      worker.onerror = (e) => failed(`a worker failed to start (${(e as { message?: string }).message
        || 'no reason given; the usual one is a Content-Security-Policy that refuses blob: workers: allow them with worker-src blob:'})`);
      return { worker, ready: new Int32Array(new SharedArrayBuffer(4)), stop: () => worker.terminate() };
    },
  };
}

const globals = globalThis as unknown as Record<string, unknown>;
const platform: Platform | null = nodePlatform() ?? webPlatform(globals);
/** Why there is no pool here ('' when there is one). */
const unavailable = platform ? '' : webUnavailable(globals) || 'no worker threads in this JavaScript engine';

/** Why the pool stopped starting workers here, once one failed to start ('' until then). */
let failure = '';
let numThreads = platform ? Math.max(1, platform.cores) : 1;
const workers: Started[] = [];
let control: Int32Array | null = null;
/** Products split so far (diagnostic: proves in tests that the pool ran). */
let splits = 0;

/**
 * Sets how many threads large matrix products use (≥ 1; 1 turns the pool off), as
 * `torch.set_num_threads`. Where threads cannot run (see `threadPoolInfo`) this is
 * recorded, but products stay on one thread.
 *
 * ```ts
 * setNumThreads(4);
 * ```
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: the number of threads must be an integer >= 1, got ${n}`);
  numThreads = n;
  if (workers.length > n - 1) {
    for (const w of workers.splice(n - 1)) w.stop();
  }
}

/**
 * The number of threads large products use (default: the number of cores, where threads
 * can run; 1 elsewhere).
 *
 * ```ts
 * getNumThreads();   // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  return numThreads;
}

/** How many worker threads are running (they start at the first product large enough to split). */
export function poolSize(): number {
  return workers.length;
}

/** What `threadPoolInfo` reports. */
export interface ThreadPoolInfo {
  /** Whether threads can run here at all. */
  available: boolean;
  /** Why not, when `available` is false ('' otherwise). */
  reason: string;
  /** Worker threads started (numThreads − 1 once a large product has run). */
  workers: number;
  /** Workers ready to take rows (in a browser they start when their creator's thread yields). */
  ready: number;
  /** Products split across threads since the module loaded. */
  splits: number;
}

/**
 * Whether products can use threads here, why not, and what the pool has done.
 *
 * ```ts
 * threadPoolInfo().available;   // false in a page served without COOP/COEP headers
 * ```
 */
export function threadPoolInfo(): ThreadPoolInfo {
  return {
    available: platform !== null && failure === '',
    reason: unavailable || failure,
    workers: workers.length,
    ready: workers.filter((w) => Atomics.load(w.ready, 0) === 1).length,
    splits,
  };
}

/**
 * Workers ready to take row blocks (at most numThreads − 1 of them), started on first need
 * with the kernel module; empty where the pool is not available. In Node a worker takes
 * messages as soon as it exists; in a browser only workers that have raised their ready
 * flag are returned, so a caller never waits on a worker that has not started.
 */
export function pool(module: WebAssembly.Module): PoolWorker[] {
  if (!platform || numThreads <= 1 || failure !== '') return [];
  if (control === null) control = new Int32Array(new SharedArrayBuffer(4 * 64));
  while (workers.length < Math.min(numThreads - 1, 63)) {
    let started: Started;
    try {
      started = platform.start(workers.length, (why) => stopPool(why));
    } catch (e) {
      stopPool(`workers cannot be started here (${(e as Error).message})`); // refused at once, by a Content-Security-Policy, say
      return [];
    }
    started.worker.postMessage({ module, control: control.buffer, ready: started.ready.buffer });
    workers.push(started);
  }
  if (platform.kind === 'node') return workers.map((w) => w.worker);
  const ready: PoolWorker[] = [];
  for (const w of workers) {
    if (Atomics.load(w.ready, 0) !== 1) break; // slots are numbered by position: stop at the first gap
    ready.push(w.worker);
  }
  return ready;
}

/** Stops every worker and records why: products stay on the calling thread from now on. */
function stopPool(why: string): void {
  failure = why;
  for (const w of workers.splice(0)) w.stop();
}

/** Whether this thread may block in `Atomics.wait` (not a browser page's main thread); found on first use. */
let canBlock: boolean | null = null;

/** Waits until control[slot] is no longer 0: `Atomics.wait` where allowed, else a spin on `Atomics.load`. */
function waitSlot(c: Int32Array, slot: number): void {
  while (Atomics.load(c, slot) === 0) {
    if (canBlock !== false) {
      try {
        Atomics.wait(c, slot, 0, 1000);
        canBlock = true;
        continue;
      } catch {
        canBlock = false; // "Atomics.wait cannot be called in this context"
      }
    }
    // Spin: the rows are being computed by a worker that has started, so this ends.
  }
}

/** Waits until every worker slot in [1, count] has reported its rows done, then clears them. */
export function waitForWorkers(count: number, op = 'matmul'): void {
  const c = control!;
  let failed = false;
  for (let slot = 1; slot <= count; slot++) {
    waitSlot(c, slot);
    failed ||= Atomics.load(c, slot) === 2;
    Atomics.store(c, slot, 0);
  }
  if (count > 0) splits++;
  if (failed) throw new Error(`${op}: a worker thread failed on its block of ${op === 'matmul' ? 'rows' : 'work'}; call setNumThreads(1) to compute on one thread`);
}
