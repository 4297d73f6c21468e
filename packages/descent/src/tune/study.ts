/**
 * `createStudy` and `Study`: Optuna's optimization loop. A study asks its sampler for
 * parameters, runs the objective, records the outcome in its storage, and lets a pruner stop
 * unpromising trials early.
 *
 * The storage answers asynchronously (a PostgreSQL server is a network away), but an objective
 * calls `trial.suggestFloat` synchronously, as in Optuna. So a study keeps a copy of its
 * trials, refreshed from the storage when a trial starts (`ask`) and ends (`tell`), and the
 * running trial writes to its own record at once and queues the same write to the storage;
 * `tell` waits for the queue before it records the outcome. This is sound because only the
 * process that runs a trial ever writes to it. Other processes' trials are seen as they were
 * when this trial started: the samplers and pruners see them a trial late, as Optuna's
 * `_CachedStorage` lets them.
 */
import type { Choice } from './distributions.js';
import { paretoFront } from './pareto.js';
import { NopPruner, type Pruner } from './pruners.js';
import { TPESampler } from './samplers/tpe.js';
import type { Sampler } from './samplers/sampler.js';
import { InMemoryStorage, type Storage, type StudyDirection } from './storage.js';
import { type FrozenTrial, Trial, TrialPruned, trialParams } from './trial.js';

export interface CreateStudyOptions {
  /** One objective: 'minimize' (default) or 'maximize'. */
  direction?: StudyDirection;
  /** Several objectives (multi-objective study). */
  directions?: StudyDirection[];
  /** Default: `new TPESampler()`. */
  sampler?: Sampler;
  /** Default: no pruning. */
  pruner?: Pruner;
  /**
   * Default: a fresh `InMemoryStorage`. In Node, `SQLiteStorage` and `PostgresStorage` (or
   * `openStorage(url)`) from `descent/node` share a study between processes.
   */
  storage?: Storage;
  studyName?: string;
  /** Reuse a study of that name in the storage instead of failing. */
  loadIfExists?: boolean;
}

export interface OptimizeOptions {
  /** Stop after this many trials (of this call). */
  nTrials?: number;
  /** Stop starting new trials after this many seconds. */
  timeout?: number;
  /** Called after every finished trial. */
  callbacks?: ((study: Study, trial: FrozenTrial) => void)[];
  /** Exceptions (by name) that mark a trial FAIL and keep going instead of rethrowing. */
  catch?: string[];
  /** Log every finished trial as a run (a `descent/track` Tracker, or anything with its `logTrial`). */
  track?: { logTrial(studyName: string, trial: FrozenTrial): unknown };
}

/** An objective returns one number, or one per direction (may be async). */
export type Objective = (trial: Trial) => number | number[] | Promise<number | number[]>;

let studyCounter = 0;

/**
 * Create (or load) a study. Asynchronous because the storage may be a database server.
 *
 * ```ts
 * const study = await createStudy({ direction: 'minimize', sampler: new TPESampler({ seed: 0 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -10, 10) - 2) ** 2, { nTrials: 50 });
 * study.bestParams; // { x: ≈2 }
 * ```
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  if (options.direction !== undefined && options.directions !== undefined) {
    throw new Error('createStudy: pass either direction or directions, not both.');
  }
  const directions = options.directions ?? [options.direction ?? 'minimize'];
  if (directions.length === 0) throw new Error('createStudy: directions must not be empty.');
  for (const d of directions) {
    if (d !== 'minimize' && d !== 'maximize') {
      throw new Error(`createStudy: a direction must be 'minimize' or 'maximize', got ${JSON.stringify(d)}.`);
    }
  }
  if (typeof options.storage === 'string') {
    // Opening a URL needs Node's database drivers, which must stay out of browser bundles.
    throw new Error("createStudy: storage must be a Storage object; for a URL use openStorage(url) from 'descent/node'.");
  }
  const storage = options.storage ?? new InMemoryStorage();
  const studyName = options.studyName ?? `no-name-${studyCounter++}`;
  let studyId = await storage.getStudyIdFromName(studyName);
  if (studyId !== null && !options.loadIfExists) {
    throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`);
  }
  if (studyId === null) {
    try {
      studyId = await storage.createNewStudy(studyName, directions);
    } catch (err) {
      // Another process created it between our look-up and our insert.
      studyId = options.loadIfExists ? await storage.getStudyIdFromName(studyName) : null;
      if (studyId === null) throw err;
    }
  }
  const stored = await storage.getStudyDirections(studyId);
  if (stored.join() !== directions.join()) {
    throw new Error(`createStudy: study '${studyName}' has directions [${stored.join(', ')}], not [${directions.join(', ')}].`);
  }
  const study = new Study(studyName, studyId, storage, directions, options.sampler ?? new TPESampler(), options.pruner ?? new NopPruner());
  await study.refresh();
  return study;
}

export class Study {
  private stopRequested = false;
  /** The study's trials as last read from the storage, by number (running ones of this process live). */
  private cache: FrozenTrial[] = [];
  /** Trials this process is running: their records are the source of truth until `tell`. */
  private readonly live = new Map<number, Trial>();

  constructor(
    readonly studyName: string,
    readonly studyId: number,
    readonly storage: Storage,
    readonly directions: readonly StudyDirection[],
    readonly sampler: Sampler,
    readonly pruner: Pruner,
  ) {}

  /** The single direction (throws for multi-objective studies). */
  get direction(): StudyDirection {
    if (this.directions.length !== 1) throw new Error('Study.direction: this study has several objectives; use directions.');
    return this.directions[0] as StudyDirection;
  }

  get isMultiObjective(): boolean {
    return this.directions.length > 1;
  }

  /**
   * Every trial, oldest first, as of the last refresh (copies are not made: treat them as
   * read-only). Trials other processes add show up after `await study.refresh()`, or at the
   * next trial this study runs.
   */
  get trials(): FrozenTrial[] {
    return [...this.cache];
  }

  getTrials(states?: FrozenTrial['state'][]): FrozenTrial[] {
    return states ? this.cache.filter((t) => states.includes(t.state)) : [...this.cache];
  }

  /**
   * Re-read the study's trials from the storage (to see other processes' progress).
   *
   * ```ts
   * await study.refresh();
   * study.trials.length; // every process's trials so far
   * ```
   */
  async refresh(): Promise<void> {
    // A finished trial never changes again, so only the trials from the first unfinished one
    // on are read (Optuna's _CachedStorage does the same): O(new trials) per refresh, not O(all).
    let from = this.cache.findIndex((t) => t.state === 'RUNNING' || t.state === 'WAITING');
    if (from < 0) from = this.cache.length;
    const fresh = await this.storage.getAllTrials(this.studyId, undefined, from);
    this.cache = [...this.cache.slice(0, from), ...fresh.map((t) => this.live.get(t.number)?.record ?? t)];
  }

  /** The best COMPLETE trial of a single-objective study. */
  get bestTrial(): FrozenTrial {
    if (this.isMultiObjective) throw new Error('Study.bestTrial: a multi-objective study has bestTrials (the Pareto front) instead.');
    const sign = this.direction === 'minimize' ? 1 : -1;
    let best: FrozenTrial | null = null;
    for (const t of this.getTrials(['COMPLETE'])) {
      const v = t.values?.[0];
      if (v === undefined || Number.isNaN(v)) continue;
      if (best === null || sign * v < sign * (best.values?.[0] as number)) best = t;
    }
    if (best === null) throw new Error('Study.bestTrial: no trial has completed yet; run optimize first.');
    return best;
  }

  /**
   * The Pareto front: COMPLETE trials no other trial beats in every objective.
   *
   * ```ts
   * const front = study.bestTrials.map((t) => t.values);
   * ```
   */
  get bestTrials(): FrozenTrial[] {
    if (!this.isMultiObjective) {
      try {
        return [this.bestTrial];
      } catch {
        return [];
      }
    }
    return paretoFront(this.getTrials(['COMPLETE']), this.directions);
  }

  get bestValue(): number {
    return this.bestTrial.values?.[0] as number;
  }

  get bestParams(): Record<string, number | Choice> {
    return trialParams(this.bestTrial);
  }

  /** Queue a trial with fixed parameters; `optimize` runs queued trials first. */
  async enqueueTrial(params: Record<string, unknown>, userAttrs: Record<string, unknown> = {}): Promise<void> {
    await this.storage.createNewTrial(this.studyId, { fixedParams: params, userAttrs });
    await this.refresh();
  }

  /**
   * Warm start: enqueue the parameters of the `nBest` best completed trials of an earlier
   * study (ordered best first), so this study evaluates them before sampling anything new.
   *
   * ```ts
   * await study.warmStartFrom(previous, 5);
   * ```
   */
  async warmStartFrom(previous: Study, nBest = 5): Promise<void> {
    if (!Number.isInteger(nBest) || nBest < 1) throw new Error(`Study.warmStartFrom: nBest must be an integer >= 1, got ${nBest}.`);
    const ranked = previous.isMultiObjective
      ? previous.bestTrials
      : previous.getTrials(['COMPLETE']).sort((a, b) => {
          const sign = previous.direction === 'minimize' ? 1 : -1;
          return sign * ((a.values?.[0] as number) - (b.values?.[0] as number));
        });
    for (const t of ranked.slice(0, nBest)) {
      await this.enqueueTrial(trialParams(t), { warmStartFrom: { study: previous.studyName, trial: t.number } });
    }
  }

  /** Ask the study to stop after the current trial. */
  stop(): void {
    this.stopRequested = true;
  }

  /** @internal Called by a trial the first time it needs a sampled parameter. */
  sampleRelative(t: FrozenTrial): Record<string, number> {
    const space = this.sampler.inferRelativeSearchSpace(this, t);
    if (Object.keys(space).length === 0) return {};
    return this.sampler.sampleRelative(this, t, space);
  }

  /**
   * @internal Set a system attribute of a trial this process is running (samplers and
   * pruners keep their bookkeeping there).
   */
  setTrialSystemAttr(number: number, key: string, value: unknown): void {
    const trial = this.live.get(number);
    if (!trial) throw new Error(`Study.setTrialSystemAttr: trial ${number} is not running in this process.`);
    trial.setSystemAttr(key, value);
  }

  /**
   * Run the objective for `nTrials` trials (or until `timeout` seconds pass).
   *
   * ```ts
   * await study.optimize(async (trial) => evaluate(trial.suggestInt('k', 1, 30)), { nTrials: 20 });
   * ```
   */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    const { nTrials, timeout, callbacks = [] } = options;
    if (nTrials !== undefined && (!Number.isInteger(nTrials) || nTrials < 0)) {
      throw new Error(`Study.optimize: nTrials must be an integer >= 0, got ${nTrials}.`);
    }
    if (timeout !== undefined && !(timeout >= 0)) throw new Error(`Study.optimize: timeout must be >= 0 seconds, got ${timeout}.`);
    if (options.track !== undefined && typeof options.track?.logTrial !== 'function') {
      throw new Error('Study.optimize: track must be a descent/track Tracker (an object with logTrial).');
    }
    if (nTrials === undefined && timeout === undefined) {
      throw new Error('Study.optimize: give nTrials or timeout, or the loop would never end.');
    }
    const start = Date.now();
    this.stopRequested = false;
    for (let i = 0; nTrials === undefined || i < nTrials; i++) {
      if (timeout !== undefined && (Date.now() - start) / 1000 >= timeout) break;
      if (this.stopRequested) break;
      const frozen = await this.runTrial(objective, options.catch ?? []);
      options.track?.logTrial(this.studyName, frozen);
      for (const cb of callbacks) cb(this, frozen);
    }
  }

  /**
   * Start a trial by hand (Optuna's ask); finish it with `tell`.
   *
   * ```ts
   * const trial = await study.ask();
   * await study.tell(trial, (trial.suggestFloat('x', -1, 1) - 0.5) ** 2);
   * ```
   */
  async ask(): Promise<Trial> {
    const waiting = await this.storage.popWaitingTrial(this.studyId);
    const number = waiting ?? (await this.storage.createNewTrial(this.studyId));
    // The fresh view the sampler will work from, including trials other processes finished.
    await this.refresh();
    const stored = this.cache[number] ?? (await this.storage.getTrial(this.studyId, number));
    const trial = new Trial(this, number, structuredClone(stored));
    this.live.set(number, trial);
    this.cache[number] = trial.record;
    return trial;
  }

  /** Finish an asked trial with its value(s), or as PRUNED / FAIL. */
  async tell(trial: Trial | number, values?: number | number[], state: 'COMPLETE' | 'PRUNED' | 'FAIL' = 'COMPLETE'): Promise<FrozenTrial> {
    const number = typeof trial === 'number' ? trial : trial.number;
    const live = this.live.get(number);
    this.live.delete(number);
    try {
      // The trial's queued writes (parameters, reports, attributes) land before its outcome.
      await live?.flush();
    } catch (err) {
      await this.finish(number, 'FAIL', null).catch(() => undefined);
      throw err;
    }
    if (state !== 'COMPLETE') return this.finish(number, state, null);
    const vs = typeof values === 'number' ? [values] : values;
    if (vs === undefined || vs.length !== this.directions.length || vs.some((v) => typeof v !== 'number' || Number.isNaN(v))) {
      await this.finish(number, 'FAIL', null);
      throw new Error(
        `Study.tell: trial ${number} must return ${this.directions.length} number(s) (not NaN), got ${JSON.stringify(values)}; it is marked FAIL.`,
      );
    }
    return this.finish(number, 'COMPLETE', vs);
  }

  private async finish(number: number, state: 'COMPLETE' | 'PRUNED' | 'FAIL', values: number[] | null): Promise<FrozenTrial> {
    await this.storage.setTrialStateValues(this.studyId, number, state, values);
    const t = await this.storage.getTrial(this.studyId, number);
    if (number < this.cache.length) this.cache[number] = t;
    else await this.refresh();
    return t;
  }

  private async runTrial(objective: Objective, catchNames: readonly string[]): Promise<FrozenTrial> {
    const trial = await this.ask();
    let result: number | number[];
    try {
      result = await objective(trial);
    } catch (err) {
      if (err instanceof TrialPruned) return this.tell(trial, undefined, 'PRUNED');
      const failed = await this.tell(trial, undefined, 'FAIL');
      if (err instanceof Error && catchNames.includes(err.name)) return failed;
      throw err;
    }
    return this.tell(trial, result);
  }
}
