/**
 * The page's handle on the cell worker. Cells run one at a time in the worker; `stop()`
 * terminates it (the only way to end `while (true) {}`) and starts a fresh one, whose scope
 * is empty, so `ran` forgets every cell. A cell that runs past the time limit is stopped the
 * same way and reported as timed out; one that holds too much tensor memory gets an error.
 * A cell that exhausts the worker's whole heap (plain arrays, which the tensor cap does not
 * count) kills the runner's process, which on a loopback name is not the page's (see
 * runners.ts): the cell is told so and a fresh runner starts.
 *
 * Runs a cell logs with `descent/track` come back with its result; while it runs, the worker
 * also sends every change to them, and the kernel keeps a copy up to date. A cell that is
 * stopped, times out or crashes returns those copies, with every run still RUNNING marked
 * FAILED at the moment of the stop and tagged `descent.stopped` with the reason, so the page
 * uploads what the cell had logged rather than losing it with the worker.
 */
import type { RunUpload } from '../../shared/api.js';
import type { FromWorker, RunResult, ToWorker } from '../../worker/protocol.js';
import type { RunChange } from '../../worker/track-recorder.js';
import { createRunner, type Runner } from './runners.js';

/** Seconds a cell may run, as in the terminal runner (`descent lesson run`). */
export const DEFAULT_TIME_LIMIT = 30;

/**
 * Bytes of tensor storage the cells may hold at once: 2 GiB, or half the device's memory when
 * that is less (`navigator.deviceMemory`, in GiB, rounded down by the browser). Past it a cell
 * gets an "Out of memory for tensors" error instead of the tab crashing.
 */
export function defaultMemoryLimit(): number {
  const device = (navigator as { deviceMemory?: number }).deviceMemory;
  const cap = 2 * 2 ** 30;
  return typeof device === 'number' && device > 0 ? Math.min(cap, (device / 2) * 2 ** 30) : cap;
}

/** What a cell whose runner died is told: the likely cause, what was lost, and what to do. */
export function outOfMemoryMessage(label: string): string {
  return `${label} ran out of memory and the cell runner was restarted, so the earlier cells' variables are gone: run the earlier cells again. ` +
    'To fit, keep fewer or smaller arrays alive at once (plain JavaScript arrays count too), or work through the data in pieces.';
}

export interface RunOutcome extends RunResult {
  /** Why the run ended early: the learner pressed Stop, the time limit passed, or the runner died (out of memory). */
  stopped?: 'stopped' | 'timeout' | 'crashed';
}

interface Pending {
  resolve(outcome: RunOutcome): void;
  onProgress?: (done: number, total: number, label?: string) => void;
  timer: ReturnType<typeof setTimeout>;
  started: number;
  /** What the messages call it: "Cell 3". */
  label: string;
  /** The latest copy of each run the cell changed. */
  runs: RunCopies;
}

/** The page's copies of the runs a running cell changed, kept up to date from the worker's messages. */
export class RunCopies {
  private readonly byId = new Map<string, RunUpload>();

  apply(change: RunChange): void {
    if ('run' in change) this.byId.set(change.run.runId, change.run);
    else {
      const metrics = this.byId.get(change.runId)?.metrics;
      for (const p of metrics === undefined ? [] : change.points) metrics!.push(p);
    }
  }

  values(): IterableIterator<RunUpload> {
    return this.byId.values();
  }
}

/** The runs a stopped cell leaves: those still open end FAILED now, tagged with why. */
export function stoppedRuns(runs: Iterable<RunUpload>, reason: 'stopped' | 'timeout' | 'crashed', now = Date.now()): RunUpload[] {
  return [...runs].map((r) => (r.status === 'RUNNING' ? { ...r, status: 'FAILED', endTime: now, tags: { ...r.tags, 'descent.stopped': reason } } : r));
}

export class Kernel {
  private runner!: Runner;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Keys of what ran in the current worker (cells, exercise solutions). */
  readonly ran = new Set<string>();
  private listeners = new Set<() => void>();

  constructor(readonly timeLimit = DEFAULT_TIME_LIMIT, readonly memoryLimit = defaultMemoryLimit()) {
    this.start();
  }

  private start(): void {
    this.runner = createRunner({
      message: (message: FromWorker) => {
        if (message.type === 'progress') this.pending.get(message.id)?.onProgress?.(message.done, message.total, message.label);
        if (message.type === 'run-change') this.pending.get(message.id)?.runs.apply(message);
        if (message.type === 'done') this.settle(message.id, message.result);
      },
      crashed: (reason) => {
        const error = { message: `The cell worker crashed: ${reason}. It was restarted; run the cell again.` };
        for (const [id, p] of [...this.pending]) {
          const runs = stoppedRuns(p.runs.values(), 'crashed');
          this.settle(id, { outputs: [], error, ms: 0, ...(runs.length === 0 ? {} : { runs }) });
        }
        this.restart();
      },
      died: () => this.interrupt('crashed'),
    });
    this.runner.send({ type: 'config', memoryLimit: this.memoryLimit });
  }

  private settle(id: number, result: RunOutcome): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(result);
  }

  /** Called when the worker restarts (its scope is gone). */
  onRestart(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Runs code in the worker's shared scope; with `test`, checks an exercise. Never rejects. */
  run(code: string, name: string, options: { test?: string; onProgress?: Pending['onProgress']; label?: string } = {}): Promise<RunOutcome> {
    const id = this.nextId++;
    const message: ToWorker = { type: 'run', id, code, name, ...(options.test === undefined ? {} : { test: options.test }) };
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => this.interrupt('timeout'), this.timeLimit * 1000);
      this.pending.set(id, { resolve, onProgress: options.onProgress, timer, started: performance.now(), label: options.label ?? 'The cell', runs: new RunCopies() });
      this.runner.send(message);
    });
  }

  /** Stops whatever is running (and everything queued) and starts a fresh worker. */
  stop(): void {
    this.interrupt('stopped');
  }

  private interrupt(reason: 'stopped' | 'timeout' | 'crashed'): void {
    const ids = [...this.pending.keys()].sort((a, b) => a - b);
    ids.forEach((id, i) => {
      const p = this.pending.get(id)!;
      const ms = performance.now() - p.started;
      // Only the first one was running; the rest were waiting their turn.
      const message = i > 0 ? `Not run: an earlier cell ${reason === 'crashed' ? 'ran out of memory' : 'was stopped'}.`
        : reason === 'timeout'
          ? `${p.label} ran past the ${this.timeLimit} s time limit and was stopped. Is there a loop that never ends, or too much work for one cell?`
          : reason === 'crashed' ? outOfMemoryMessage(p.label) : `${p.label} was stopped.`;
      const runs = stoppedRuns(p.runs.values(), reason);
      this.settle(id, { outputs: [], error: { message }, ms, stopped: reason, ...(runs.length === 0 ? {} : { runs }) });
    });
    this.restart();
  }

  private restart(): void {
    this.runner.dispose();
    this.ran.clear();
    this.start();
    for (const l of this.listeners) l();
  }

  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.runner.dispose();
  }
}
