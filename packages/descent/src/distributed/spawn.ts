/**
 * Starting ranks on real threads, as `torch.multiprocessing.spawn`: `spawn(W, entry)` starts
 * W workers on the module `entry` (Node `worker_threads`, or module Web Workers in a page),
 * gives them one SharedArrayBuffer, and resolves to what each rank's function returned. The
 * entry module calls `initProcessGroup(fn)`, which runs `fn(group, args)` once the group is
 * ready. A thread cannot be handed a closure, which is why the rank's code lives in a module
 * (PyTorch asks for a picklable top-level function for the same reason).
 *
 * If a rank throws, the others are told to stop at their next barrier and `spawn` rejects
 * with the first error, naming its rank.
 *
 * TypeScript entries in Node need a loader in each worker: pass `register`, the URL of a
 * module whose `register()` installs one (tsx's: `import.meta.resolve('tsx/esm/api')`).
 */
import { setNumThreads } from '../tensor/index.js';
import { ProcessGroup, abortShared, checkCapacity, checkWorld, sharedLayout, threadTransport, DEFAULT_CAPACITY } from './process-group.js';

export interface SpawnOptions<A> {
  /** Passed to every rank's function (structured-cloned). */
  args?: A;
  /** Float64 elements per rank's mailbox (default 65,536); longer messages go in segments. */
  capacity?: number;
  /** Node only: a module URL whose `register()` each worker calls before importing `entry`. */
  register?: string;
  /**
   * Threads each rank's tensor engine may use for large products (`setNumThreads` inside
   * the rank; default 1). Each rank is one device: with the engine's default, one thread per
   * core, every rank would start its own pool and W ranks would fight over the cores.
   */
  threadsPerRank?: number;
  /**
   * Node only: V8's initial heap size for each rank, in MB (default 128). A training step
   * allocates megabytes of tensors that are garbage by the next step. V8 sets the point at
   * which it starts a full (mark-compact) collection from the size of the live heap, which
   * for a rank is small (about 12 MB), so in the default configuration a rank ran a full
   * collection every four or five steps of the bench CNN: 29 in 156 steps, each pausing
   * that rank for 1–6 ms while the other rank waited at the next all-reduce. With 128 MB the
   * count fell to 4. Node has no per-worker setting for it, so `spawn` sets V8's
   * `--initial-heap-size` flag while the ranks' threads start and restores it (0, V8's
   * default) once they are all running; a worker the program starts in that moment gets
   * it too. Pass 0 to leave V8's default; a `--initial-heap-size` on node's command line
   * wins over this option.
   */
  initialHeapMB?: number;
}

/** Each rank's initial V8 heap in Node (see `SpawnOptions.initialHeapMB`). */
export const DEFAULT_INITIAL_HEAP_MB = 128;

interface Init { shared: SharedArrayBuffer; rank: number; worldSize: number; capacity: number; threadsPerRank: number; args: unknown }
type Reply = { rank: number; result: unknown } | { rank: number; error: string };

interface AnyWorker {
  postMessage(m: unknown): void;
  terminate(): unknown;
}

interface NodeWorkerThreads {
  Worker: new (src: string | URL, options: { eval?: boolean; workerData?: unknown }) => AnyWorker & {
    on(event: 'message' | 'error' | 'exit' | 'online', cb: (v: never) => void): void;
  };
  isMainThread: boolean;
  workerData: unknown;
  parentPort: { postMessage(m: unknown): void } | null;
}

function nodeThreads(): NodeWorkerThreads | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function') return null;
  return (p.getBuiltinModule('node:worker_threads') as NodeWorkerThreads | undefined) ?? null;
}

/** V8's `setFlagsFromString` in Node, or null. */
function v8Flags(): ((flags: string) => void) | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const v8 = p?.getBuiltinModule?.('node:v8') as { setFlagsFromString?: (flags: string) => void } | undefined;
  return typeof v8?.setFlagsFromString === 'function' ? v8.setFlagsFromString.bind(v8) : null;
}

/**
 * Runs the module `entry` on `worldSize` worker threads and resolves to each rank's result.
 *
 * ```ts
 * const results = await spawn(2, new URL('./train-rank.js', import.meta.url), { args: { steps: 10 } });
 * ```
 */
export async function spawn<R = unknown, A = unknown>(worldSize: number, entry: URL | string, options: SpawnOptions<A> = {}): Promise<R[]> {
  checkWorld(worldSize, 'spawn');
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  checkCapacity(capacity, 'spawn');
  const threadsPerRank = options.threadsPerRank ?? 1;
  if (!Number.isInteger(threadsPerRank) || threadsPerRank < 1) throw new RangeError(`spawn: threadsPerRank must be an integer >= 1, got ${threadsPerRank}`);
  const initialMB = options.initialHeapMB ?? DEFAULT_INITIAL_HEAP_MB;
  if (!(Number.isInteger(initialMB) && initialMB >= 0)) throw new RangeError(`spawn: initialHeapMB must be a whole number of megabytes >= 0 (0 keeps V8's default), got ${initialMB}`);
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    throw new Error('spawn: SharedArrayBuffer is not available here (in a page, serve it cross-origin isolated); use spawnLocal to simulate the devices in one thread');
  }
  const url = String(entry);
  const shared = sharedLayout(worldSize, capacity);
  const node = nodeThreads();
  const web = (globalThis as { Worker?: new (u: string, o: { type: 'module' }) => AnyWorker & { onmessage: unknown; onerror: unknown } }).Worker;
  if (node === null && typeof web !== 'function') throw new Error('spawn: no worker threads here (neither node:worker_threads nor Worker); use spawnLocal');

  // A heap size given on node's own command line is the user's choice: leave it alone.
  const userHeap = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv?.some((a) => a.startsWith('--initial-heap-size')) ?? false;
  const heapFlag = node !== null && initialMB > 0 && !userHeap ? v8Flags() : null;
  let started = 0;
  const restoreHeapFlag = () => {
    if (heapFlag === null || started < 0) return;
    started = -1;
    heapFlag('--initial-heap-size=0');
  };
  heapFlag?.(`--initial-heap-size=${initialMB}`);

  return new Promise<R[]>((resolve, reject) => {
    const results: R[] = new Array<R>(worldSize);
    const workers: AnyWorker[] = [];
    const replied = new Set<number>();
    let done = false;
    const fail = (rank: number, why: string) => {
      restoreHeapFlag();
      if (done) return;
      done = true;
      abortShared(shared);
      for (const w of workers) void w.terminate();
      reject(new Error(`spawn: rank ${rank} failed: ${why}`));
    };
    const onReply = (m: Reply) => {
      if ('error' in m) { fail(m.rank, m.error); return; }
      results[m.rank] = m.result as R;
      replied.add(m.rank);
      if (replied.size === worldSize && !done) {
        done = true;
        for (const w of workers) void w.terminate();
        resolve(results);
      }
    };
    for (let rank = 0; rank < worldSize; rank++) {
      const init: Init = { shared, rank, worldSize, capacity, threadsPerRank, args: options.args };
      if (node !== null) {
        const src = options.register === undefined
          ? new URL(url)
          : `import(${JSON.stringify(options.register)}).then((m) => m.register()).then(() => import(${JSON.stringify(url)}));`;
        const w = new node.Worker(src, { eval: typeof src === 'string', workerData: { descentDistributed: init } });
        // 'online': the thread's isolate exists and runs, so its heap is configured.
        w.on('online', () => { if (started >= 0 && ++started === worldSize) restoreHeapFlag(); });
        w.on('message', (m: Reply) => onReply(m));
        w.on('error', (e: Error) => fail(rank, e.stack ?? String(e)));
        w.on('exit', (code: number) => { if (!replied.has(rank)) fail(rank, `its thread exited (code ${code}) before it returned; does ${url} call initProcessGroup?`); });
        workers.push(w);
      } else {
        const w = new web!(url, { type: 'module' });
        w.onmessage = (e: { data: Reply }) => onReply(e.data);
        w.onerror = (e: { message?: string }) => fail(rank, e.message ?? 'the worker failed to load');
        w.postMessage({ descentDistributed: init });
        workers.push(w);
      }
    }
  });
}

/**
 * In a module started by `spawn`: builds this rank's `ProcessGroup`, runs `fn(group, args)`
 * and sends its result (or error) back. Outside a spawned worker it throws.
 *
 * ```ts
 * initProcessGroup(async (group) => (await group.allReduce(new Float64Array([1])))[0]);  // W on every rank
 * ```
 */
export async function initProcessGroup<R, A = unknown>(fn: (group: ProcessGroup, args: A) => Promise<R> | R): Promise<void> {
  const node = nodeThreads();
  const fromNode = node !== null && !node.isMainThread
    ? (node.workerData as { descentDistributed?: Init } | null)?.descentDistributed : undefined;
  if (fromNode !== undefined) {
    const port = node!.parentPort!;
    await run(fromNode, fn, (m) => port.postMessage(m));
    return;
  }
  const self = globalThis as { postMessage?: (m: unknown) => void; addEventListener?: (t: string, cb: (e: { data: unknown }) => void) => void; document?: unknown };
  if (typeof self.postMessage !== 'function' || typeof self.addEventListener !== 'function' || self.document !== undefined) {
    throw new Error('initProcessGroup: not in a worker started by spawn(); call spawn(worldSize, thisModuleUrl) from the main program, or use spawnLocal');
  }
  const init = await new Promise<Init>((resolve) => self.addEventListener!('message', (e) => {
    const d = (e.data as { descentDistributed?: Init } | null)?.descentDistributed;
    if (d !== undefined) resolve(d);
  }));
  await run(init, fn, (m) => self.postMessage!(m));
}

async function run<R, A>(init: Init, fn: (group: ProcessGroup, args: A) => Promise<R> | R, send: (m: Reply) => void): Promise<void> {
  setNumThreads(init.threadsPerRank ?? 1);
  const group = new ProcessGroup(threadTransport(init.shared, init.rank, init.worldSize, init.capacity));
  try {
    send({ rank: init.rank, result: await fn(group, init.args as A) });
  } catch (e) {
    send({ rank: init.rank, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}
