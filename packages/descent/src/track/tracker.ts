/**
 * `Tracker` and `Run`: the logging side of experiment tracking. A run records what went in
 * (parameters, tags, a hash of the data) and what came out (metrics over steps, artifacts
 * such as a saved model or a figure), so two runs can be compared later and a model in
 * production can be traced back to the run and the data that made it.
 */
import type { FrozenTrial } from '../tune/trial.js';
import { trialParams } from '../tune/trial.js';
import { ModelRegistry } from './registry.js';
import {
  InMemoryTrackStore, type ArtifactInfo, type ArtifactKind, type MetricPoint, type ParamValue, type RunInfo, type RunStatus, type TrackStore,
} from './store.js';

const KEY = /^[\w.\-/ ]{1,250}$/;

function checkKey(where: string, what: string, key: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new Error(`${where}: ${what} ${JSON.stringify(key)} is not a valid name; use 1–250 letters, digits, spaces and . _ - /.`);
  }
}

/** A random 32-hex-digit id (MLflow's run ids look the same). */
function newRunId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A parameter as stored: primitives as they are, anything else as JSON text. */
function toParam(v: unknown): ParamValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (v === undefined) return null;
  if (typeof v === 'object' && v !== null && 'estimatorName' in v) return String((v as { estimatorName: unknown }).estimatorName);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  return JSON.stringify(plainParam(v)) ?? null;
}

/** Estimators inside a parameter (a Pipeline's steps) by name, functions by name; the rest as is. */
function plainParam(v: unknown): unknown {
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (typeof v !== 'object' || v === null) return v;
  if ('estimatorName' in v) return String((v as { estimatorName: unknown }).estimatorName);
  if (Array.isArray(v)) return v.map(plainParam);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainParam(x)]));
}

export interface StartRunOptions {
  name?: string;
  params?: Record<string, unknown>;
  tags?: Record<string, string>;
}

/**
 * One run. Get it from `tracker.startRun()`; end it with `end()` (or use `tracker.withRun`).
 *
 * ```ts
 * const run = tracker.startRun({ name: 'ridge', params: { alpha: 1 } });
 * run.logMetric('valMse', 0.31, 0);
 * run.end();
 * ```
 */
export class Run {
  constructor(readonly store: TrackStore, readonly runId: string) {}

  get info(): RunInfo {
    return this.store.getRun(this.runId)!;
  }

  /** Parameters are written once per key; objects are stored as JSON, estimators by name. */
  logParams(params: Record<string, unknown>): this {
    const out: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(params)) {
      checkKey('Run.logParams', 'parameter', k);
      out[k] = toParam(v);
    }
    this.store.logParams(this.runId, out);
    return this;
  }

  logParam(key: string, value: unknown): this {
    return this.logParams({ [key]: value });
  }

  setTags(tags: Record<string, string>): this {
    for (const [k, v] of Object.entries(tags)) {
      checkKey('Run.setTags', 'tag', k);
      if (typeof v !== 'string') throw new Error(`Run.setTags: tag '${k}' must be a string, got ${typeof v}; use String(value).`);
    }
    this.store.setTags(this.runId, tags);
    return this;
  }

  setTag(key: string, value: string): this {
    return this.setTags({ [key]: value });
  }

  /** One metric value at a step (default: the next step after this key's last). NaN is kept (a diverged loss is worth seeing). */
  logMetric(key: string, value: number, step?: number): this {
    return this.logMetrics({ [key]: value }, step);
  }

  /** Several metrics at one step. */
  logMetrics(values: Record<string, number>, step?: number): this {
    const timestamp = Date.now();
    const points: MetricPoint[] = [];
    for (const [key, value] of Object.entries(values)) {
      checkKey('Run.logMetrics', 'metric', key);
      if (typeof value !== 'number') throw new Error(`Run.logMetrics: metric '${key}' must be a number, got ${typeof value}.`);
      let s = step;
      if (s === undefined) {
        const history = this.store.getMetricHistory(this.runId, key);
        s = history.length === 0 ? 0 : history[history.length - 1]!.step + 1;
      }
      if (!Number.isInteger(s) || s < 0) throw new Error(`Run.logMetrics: step must be an integer >= 0, got ${s}.`);
      points.push({ key, value, step: s, timestamp });
    }
    this.store.logMetrics(this.runId, points);
    return this;
  }

  /**
   * Stores bytes or text under `name`: a saved model (`kind: 'model'`), a figure (a Vega-Lite
   * spec or an SVG, `kind: 'figure'`), data. Objects are stored as JSON.
   */
  logArtifact(name: string, data: Uint8Array | string | object, options: { kind?: ArtifactKind; mediaType?: string } = {}): ArtifactInfo {
    checkKey('Run.logArtifact', 'artifact', name);
    let bytes: Uint8Array;
    let mediaType = options.mediaType;
    if (data instanceof Uint8Array) {
      bytes = data;
      mediaType ??= 'application/octet-stream';
    } else if (typeof data === 'string') {
      bytes = new TextEncoder().encode(data);
      mediaType ??= data.trimStart().startsWith('<svg') ? 'image/svg+xml' : 'text/plain';
    } else {
      bytes = new TextEncoder().encode(JSON.stringify(data));
      mediaType ??= 'application/json';
    }
    const info: ArtifactInfo = { runId: this.runId, name, kind: options.kind ?? 'other', mediaType, size: bytes.length };
    this.store.putArtifact(info, bytes);
    return info;
  }

  /** A model: an estimator (stored with its `toJSON`), or bytes such as an ONNX file. */
  logModel(name: string, model: { toJSON(): unknown } | Uint8Array): ArtifactInfo {
    if (model instanceof Uint8Array) return this.logArtifact(name, model, { kind: 'model', mediaType: 'application/onnx' });
    if (typeof model?.toJSON !== 'function') throw new Error('Run.logModel: pass an estimator (with toJSON) or the bytes of a saved model.');
    return this.logArtifact(name, model.toJSON() as object, { kind: 'model', mediaType: 'application/json' });
  }

  /** Finish the run (status FINISHED, or FAILED). */
  end(status: Exclude<RunStatus, 'RUNNING'> = 'FINISHED'): void {
    this.store.setRunStatus(this.runId, status, Date.now());
  }

  /**
   * Ends the run FAILED, with the error's message (its first 500 characters) as the tag
   * `error`, so the Runs page says why it failed.
   *
   * ```ts
   * try { train(run); run.end(); } catch (err) { run.fail(err); throw err; }
   * ```
   */
  fail(error: unknown): void {
    this.setTag('error', errorMessage(error));
    this.end('FAILED');
  }
}

/** An error's message, at most 500 characters, for a tag. */
export function errorMessage(error: unknown): string {
  return String((error as Error | null)?.message ?? error).slice(0, 500);
}

let defaultStore: (() => TrackStore) | null = null;

/**
 * Sets where `new Tracker()` keeps its runs when given no `store`: `factory` is called once
 * per tracker; `null` restores the default, a new `InMemoryTrackStore`. The app's cell runner
 * sets one whose runs it sends to the server after each cell, so a lesson's `new Tracker()`
 * lands on the learner's Runs page; a Node program can point every tracker at one file.
 *
 * ```ts
 * const file = new SQLiteTrackStore('runs.db');
 * setDefaultTrackStore(() => file);
 * new Tracker().store === file;   // true
 * ```
 */
export function setDefaultTrackStore(factory: (() => TrackStore) | null): void {
  if (factory !== null && typeof factory !== 'function') throw new Error('setDefaultTrackStore: pass a function that returns a TrackStore, or null.');
  defaultStore = factory;
}

/** A run with its parameters, tags and each metric's last value: one row of a comparison table. */
export interface RunSummary extends RunInfo {
  params: Record<string, ParamValue>;
  tags: Record<string, string>;
  metrics: Record<string, number>;
}

/**
 * The entry point: starts runs in one experiment and searches them.
 *
 * ```ts
 * import { Tracker } from 'descent/track';
 * const tracker = new Tracker({ experiment: 'housing' });
 * await tracker.withRun({ name: 'ridge', params: { alpha: 1 } }, (run) => {
 *   for (let epoch = 0; epoch < 3; epoch++) run.logMetric('loss', 1 / (epoch + 1), epoch);
 * });
 * tracker.searchRuns({ orderBy: 'loss' })[0].metrics.loss;   // 0.333…
 * ```
 */
export class Tracker {
  readonly store: TrackStore;
  readonly experiment: string;
  readonly registry: ModelRegistry;

  constructor(options: { store?: TrackStore; experiment?: string } = {}) {
    this.store = options.store ?? defaultStore?.() ?? new InMemoryTrackStore();
    this.experiment = options.experiment ?? 'default';
    checkKey('Tracker', 'experiment', this.experiment);
    this.registry = new ModelRegistry(this.store);
  }

  startRun(options: StartRunOptions = {}): Run {
    const runId = newRunId();
    const name = options.name ?? `run-${this.store.listRuns(this.experiment).length + 1}`;
    this.store.createRun({ runId, experiment: this.experiment, name, status: 'RUNNING', startTime: Date.now(), endTime: null });
    const run = new Run(this.store, runId);
    if (options.params) run.logParams(options.params);
    if (options.tags) run.setTags(options.tags);
    return run;
  }

  /** Runs `fn` inside a run that ends FINISHED, or FAILED (with the error as a tag) if `fn` throws. */
  async withRun<T>(options: StartRunOptions, fn: (run: Run) => T | Promise<T>): Promise<T> {
    const run = this.startRun(options);
    try {
      const out = await fn(run);
      run.end('FINISHED');
      return out;
    } catch (err) {
      run.fail(err);
      throw err;
    }
  }

  getRun(runId: string): Run {
    if (!this.store.getRun(runId)) throw new Error(`Tracker.getRun: there is no run with id ${runId}.`);
    return new Run(this.store, runId);
  }

  /**
   * Runs of this experiment (or `experiment`) as summaries, optionally ordered by a metric
   * (ascending unless `descending`); runs without that metric come last.
   */
  searchRuns(options: { experiment?: string; orderBy?: string; descending?: boolean; status?: RunStatus } = {}): RunSummary[] {
    const rows = this.store.listRuns(options.experiment ?? this.experiment)
      .filter((r) => options.status === undefined || r.status === options.status)
      .map((r) => summarize(this.store, r));
    const key = options.orderBy;
    if (key !== undefined) {
      const sign = options.descending ? -1 : 1;
      rows.sort((a, b) => {
        const x = a.metrics[key];
        const y = b.metrics[key];
        if (x === undefined || Number.isNaN(x)) return y === undefined || Number.isNaN(y) ? 0 : 1;
        if (y === undefined || Number.isNaN(y)) return -1;
        return sign * (x - y);
      });
    }
    return rows;
  }

  /**
   * Records a finished `descent/tune` trial as a run: its parameters, its value(s) as
   * metrics, its intermediate values as the metric `intermediate` over steps. `Study.optimize`
   * calls this for every trial when given `track: tracker`.
   */
  logTrial(studyName: string, trial: FrozenTrial): Run {
    const run = this.startRun({ name: `${studyName}#${trial.number}`, params: trialParams(trial), tags: { study: studyName, trial: String(trial.number), state: trial.state } });
    for (const [step, v] of Object.entries(trial.intermediateValues)) run.logMetric('intermediate', v, Number(step));
    trial.values?.forEach((v, i) => run.logMetric(trial.values!.length === 1 ? 'value' : `value${i}`, v, 0));
    run.end(trial.state === 'FAIL' ? 'FAILED' : 'FINISHED');
    return run;
  }
}

export function summarize(store: TrackStore, r: RunInfo): RunSummary {
  const metrics: Record<string, number> = {};
  for (const p of store.getMetricHistory(r.runId)) metrics[p.key] = p.value; // sorted by step: the last wins
  return { ...r, params: store.getParams(r.runId), tags: store.getTags(r.runId), metrics };
}
