/**
 * Threads for large matrix products, as `torch.set_num_threads`: `setNumThreads(n)` splits
 * each large float32/float64 matmul into n blocks of rows of the output, one per thread
 * (the calling thread computes the first). Every thread runs the same WebAssembly kernel
 * on whole rows, with the same depth blocking, so the result is bit for bit the one-thread
 * result: the split changes who computes a row, never the order of its sums.
 *
 * How: a pool of Node `worker_threads`, each with its own instance of the kernel module.
 * A product copies its operands into one SharedArrayBuffer, posts each worker its rows,
 * computes its own, then waits (`Atomics.wait`) until every worker has written its rows.
 * Only products of at least `MIN_THREADED_FLOPS` use the pool: posting a job costs tens
 * of microseconds and the copies one pass over the data.
 *
 * Where this falls back to one thread: outside Node (a browser page cannot block its main
 * thread with `Atomics.wait`, and needs cross-origin isolation for SharedArrayBuffer: the
 * page's pool is future work), without SharedArrayBuffer, or with `setNumThreads(1)`.
 *
 * ```ts
 * setNumThreads(2);   // the default is the number of cores
 * getNumThreads();    // 2
 * ```
 */

/** 2·M·N·K at or above which a product is split: 2·128³ (a 128³ product takes ~0.2 ms). */
export const MIN_THREADED_FLOPS = 2 * 128 ** 3;

/** The worker: instantiates the module it is sent, then runs row blocks of products. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let wasm = null, base = 0, control = null;
parentPort.on('message', (m) => {
  if (m.module) {
    wasm = new WebAssembly.Instance(m.module, {}).exports;
    base = (wasm.__heap_base.value + 15) & ~15;
    control = new Int32Array(m.control);
    return;
  }
  if (m.call) {
    // A generic job (conv.ts): copy byte ranges of shared into this instance's memory, call
    // one export with arguments (those flagged as pointers are offsets from base), copy the
    // results back out.
    const { fn, bytes, args, pointers, copyIn, copyOut, shared, slot } = m.call;
    try {
      const need = base + bytes - wasm.memory.buffer.byteLength;
      if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));
      for (const [from, to, n] of copyIn) new Uint8Array(wasm.memory.buffer, base + to, n).set(new Uint8Array(shared, from, n));
      wasm[fn](...args.map((a, i) => (pointers[i] ? base + a : a)));
      for (const [from, to, n] of copyOut) new Uint8Array(shared, to, n).set(new Uint8Array(wasm.memory.buffer, base + from, n));
      Atomics.store(control, slot, 1);
    } catch (e) {
      Atomics.store(control, slot, 2);
    }
    Atomics.notify(control, slot);
    return;
  }
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
});
`;

interface NodeWorker { postMessage(message: unknown): void; unref(): void; terminate(): Promise<number> }
type WorkerCtor = new (source: string, options: { eval: true }) => NodeWorker;

/** Node's worker_threads and os, reached synchronously (process.getBuiltinModule, Node ≥ 20.16), or null. */
function nodeModules(): { Worker: WorkerCtor; cores: number } | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function' || typeof SharedArrayBuffer !== 'function') return null;
  const wt = p.getBuiltinModule('node:worker_threads') as { Worker: WorkerCtor; isMainThread: boolean } | undefined;
  const os = p.getBuiltinModule('node:os') as { availableParallelism?: () => number; cpus(): unknown[] } | undefined;
  if (!wt || !os) return null;
  return { Worker: wt.Worker, cores: os.availableParallelism?.() ?? os.cpus().length };
}

const node = nodeModules();
let numThreads = node ? Math.max(1, node.cores) : 1;
const workers: NodeWorker[] = [];
let control: Int32Array | null = null;

/**
 * Sets how many threads large matrix products use (≥ 1; 1 turns the pool off), as
 * `torch.set_num_threads`. Outside Node this is recorded but products stay on one thread.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: the number of threads must be an integer >= 1, got ${n}`);
  numThreads = n;
  if (workers.length > n - 1) {
    for (const w of workers.splice(n - 1)) void w.terminate();
  }
}

/** The number of threads large products use (default: the number of cores, in Node). */
export function getNumThreads(): number {
  return numThreads;
}

/** How many worker threads are running (they start at the first product large enough to split). */
export function poolSize(): number {
  return workers.length;
}

/**
 * Workers ready to take row blocks (numThreads − 1 of them), started on first need with the
 * kernel module; empty where the pool is not available.
 */
export function pool(module: WebAssembly.Module): NodeWorker[] {
  if (!node || numThreads <= 1) return [];
  if (control === null) control = new Int32Array(new SharedArrayBuffer(4 * 64));
  while (workers.length < Math.min(numThreads - 1, 63)) {
    const w = new node.Worker(WORKER_SOURCE, { eval: true });
    w.unref(); // an idle pool never keeps the process alive
    w.postMessage({ module, control: control.buffer });
    workers.push(w);
  }
  return workers;
}

/** Waits until every worker slot in [1, count] has reported its rows done, then clears them. */
export function waitForWorkers(count: number, op = 'matmul'): void {
  const c = control!;
  let failed = false;
  for (let slot = 1; slot <= count; slot++) {
    while (Atomics.load(c, slot) === 0) Atomics.wait(c, slot, 0, 1000);
    failed ||= Atomics.load(c, slot) === 2;
    Atomics.store(c, slot, 0);
  }
  if (failed) throw new Error(`${op}: a worker thread failed on its block of ${op === 'matmul' ? 'rows' : 'work'}; call setNumThreads(1) to compute on one thread`);
}
