/**
 * Map-reduce on Node worker threads. The main thread is the master of the paper: it hands
 * map tasks (one per split) to idle workers, collects each task's R serialized buckets,
 * routes bucket r of every map task to reduce task r, and hands the reduce tasks out the same
 * way. Workers run `mapTask` and `reduceTask` from ./map-reduce.ts, the functions
 * `runMapReduce` runs in one thread, so the two give identical outputs and shuffle counts.
 *
 * A thread cannot be handed a function, so the job is named by the module that exports it
 * (as Hadoop names a job's classes): `{ module: new URL('./my-job.js', import.meta.url),
 * exportName: 'myJob' }`. Under tsx or Vitest a worker needs the TypeScript loader too: pass
 * `register: import.meta.resolve('tsx/esm/api')`.
 */
import { checkRun, collectStats, type MapReduceKey, type MapReduceOptions, type MapReduceResult, type MapTaskResult } from './map-reduce.js';

/** A job exported by a module, which every worker imports. */
export interface JobRef {
  module: URL | string;
  exportName: string;
}

export interface ThreadOptions extends MapReduceOptions {
  /** Worker threads (default 2). */
  workers?: number;
  /** A module URL whose `register()` each worker calls first (a TypeScript loader). */
  register?: string;
}

// This file is `threads.ts` in the sources and `threads.js` once built: its siblings share
// the extension. (Plain string work, not `new URL(..., import.meta.url)`, which bundlers
// rewrite into asset imports.)
const here = import.meta.url;
const sibling = (name: string): string => `${here.slice(0, here.lastIndexOf('/') + 1)}${name}${here.slice(here.lastIndexOf('.'))}`;

/**
 * The library's example jobs as references a worker can import.
 *
 * ```ts
 * await runMapReduceOnThreads(builtinJob('wordCountJob'), splits, { workers: 2 });
 * ```
 */
export function builtinJob(exportName: 'wordCountJob' | 'invertedIndexJob'): JobRef {
  return { module: sibling('jobs'), exportName };
}

interface NodeWorker {
  postMessage(m: unknown): void;
  terminate(): Promise<number>;
  on(event: 'message' | 'error' | 'exit', cb: (v: never) => void): void;
}
type WorkerCtor = new (src: string, options: { eval: boolean; workerData: unknown }) => NodeWorker;

// The worker's program (CommonJS, as Node evaluates `eval` workers): load the loader, the
// task functions and the job, then answer task messages until terminated.
const WORKER_SOURCE = `
const { parentPort, workerData: d } = require('node:worker_threads');
(async () => {
  if (d.register) await (await import(d.register)).register();
  const tasks = await import(d.tasks);
  const job = (await import(d.module))[d.exportName];
  if (job === undefined || typeof job.map !== 'function' || typeof job.reduce !== 'function') {
    throw new Error(d.module + ' has no export ' + JSON.stringify(d.exportName) + ' with map and reduce functions');
  }
  parentPort.on('message', (m) => {
    try {
      const result = m.kind === 'map' ? tasks.mapTask(job, m.split, m.reducers, m.combine) : tasks.reduceTask(job, m.buckets);
      parentPort.postMessage({ id: m.id, result });
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: e && e.stack ? e.stack : String(e) });
    }
  });
  parentPort.postMessage({ ready: true, hasCombiner: typeof job.combine === 'function' });
})().catch((e) => parentPort.postMessage({ fatal: e && e.stack ? e.stack : String(e) }));
`;

type Reply = { ready: true; hasCombiner: boolean } | { fatal: string } | { id: number; result: unknown } | { id: number; error: string };

/**
 * Runs a map-reduce job on worker threads and resolves to the same output and stats as
 * `runMapReduce(job, splits, options)`. Node only.
 *
 * ```ts
 * import { builtinJob, makeSplits, runMapReduceOnThreads } from 'descent/bigdata';
 * const lines = ['to be or not to be', 'that is the question'];
 * const { output } = await runMapReduceOnThreads(builtinJob('wordCountJob'), makeSplits(lines, 2), { workers: 2, reducers: 3 });
 * new Map(output).get('be');   // 2
 * ```
 */
export async function runMapReduceOnThreads<K extends MapReduceKey = MapReduceKey, O = unknown>(job: JobRef, splits: readonly (readonly unknown[])[], options: ThreadOptions = {}): Promise<MapReduceResult<K, O>> {
  const { reducers, combine } = checkRun('runMapReduceOnThreads', splits, options);
  const nWorkers = options.workers ?? 2;
  if (!Number.isInteger(nWorkers) || nWorkers < 1) throw new RangeError(`runMapReduceOnThreads: workers must be a positive integer; got ${nWorkers}`);
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const threads = typeof p?.getBuiltinModule === 'function' ? p.getBuiltinModule('node:worker_threads') as { Worker: WorkerCtor } | undefined : undefined;
  if (threads === undefined) throw new Error('runMapReduceOnThreads: node:worker_threads is not available here (Node 20.16+ only); use runMapReduce to run the same tasks in this thread');

  const workerData = { register: options.register, tasks: sibling('map-reduce'), module: String(job.module), exportName: job.exportName };
  const workers: NodeWorker[] = [];
  let closing = false;
  try {
    // Start every worker and wait until each has loaded the job.
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let failure: Error | null = null;
    const fail = (e: Error) => {
      failure ??= e;
      for (const { reject } of pending.values()) reject(failure);
      pending.clear();
    };
    const ready = await Promise.all(Array.from({ length: nWorkers }, (_, w) => new Promise<boolean>((resolve, reject) => {
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData });
      workers.push(worker);
      worker.on('message', (m: Reply) => {
        if ('ready' in m) { resolve(m.hasCombiner); return; }
        if ('fatal' in m) { const e = new Error(`runMapReduceOnThreads: worker ${w} could not load job ${job.exportName}: ${m.fatal}`); reject(e); fail(e); return; }
        const task = pending.get(m.id);
        if (task === undefined) return;
        pending.delete(m.id);
        if ('error' in m) task.reject(new Error(`runMapReduceOnThreads: job ${job.exportName} failed in worker ${w}: ${m.error}`));
        else task.resolve(m.result);
      });
      worker.on('error', (e: Error) => { const err = new Error(`runMapReduceOnThreads: worker ${w} crashed: ${e.stack ?? e.message}`); reject(err); fail(err); });
      // A worker that exits on its own (process.exit in a job module) would leave its tasks
      // waiting forever; after `closing`, exits are the terminations below.
      worker.on('exit', (code: number) => {
        if (closing) return;
        const err = new Error(`runMapReduceOnThreads: worker ${w} exited (code ${code}) while running job ${job.exportName}`);
        reject(err);
        fail(err);
      });
    })));

    // A pool: each worker takes the next task as soon as it is free (the master's scheduler).
    let nextId = 0;
    const runOn = (w: number, message: Record<string, unknown>) => new Promise<unknown>((resolve, reject) => {
      if (failure !== null) { reject(failure); return; }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      workers[w]!.postMessage({ id, ...message });
    });
    async function pool<T>(tasks: Record<string, unknown>[]): Promise<T[]> {
      const results = new Array<T>(tasks.length);
      let next = 0;
      await Promise.all(workers.map(async (_, w) => {
        while (next < tasks.length) {
          const t = next++;
          results[t] = await runOn(w, tasks[t]!) as T;
        }
      }));
      return results;
    }

    const maps = await pool<MapTaskResult>(splits.map((split) => ({ kind: 'map', split, reducers, combine })));
    // The shuffle: reduce task r receives bucket r of every map task.
    const reduced = await pool<[K, O][]>(Array.from({ length: reducers }, (_, r) => ({ kind: 'reduce', buckets: maps.map((m) => m.buckets[r]) })));
    const output = reduced.flat();
    return { output, stats: collectStats(maps, reducers, output.length, combine && ready[0] === true) };
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
