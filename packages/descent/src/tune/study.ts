/**
 * `createStudy` and `Study`: Optuna's optimization loop. A study asks its sampler for
 * parameters, runs the objective, records the outcome in its storage, and lets a pruner stop
 * unpromising trials early.
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
  /** Default: a fresh `InMemoryStorage`. */
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
 * Create (or load) a study.
 *
 * ```ts
 * const study = createStudy({ direction: 'minimize', sampler: new TPESampler({ seed: 0 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -10, 10) - 2) ** 2, { nTrials: 50 });
 * study.bestParams; // { x: ≈2 }
 * ```
 */
export function createStudy(options: CreateStudyOptions = {}): Study {
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
  const storage = options.storage ?? new InMemoryStorage();
  const studyName = options.studyName ?? `no-name-${studyCounter++}`;
  let studyId = storage.getStudyIdFromName(studyName);
  if (studyId !== null && !options.loadIfExists) {
    throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`);
  }
  if (studyId === null) {
    studyId = storage.createNewStudy(studyName, directions);
  } else {
    const stored = storage.getStudyDirections(studyId);
    if (stored.join() !== directions.join()) {
      throw new Error(`createStudy: study '${studyName}' has directions [${stored.join(', ')}], not [${directions.join(', ')}].`);
    }
  }
  return new Study(studyName, studyId, storage, directions, options.sampler ?? new TPESampler(), options.pruner ?? new NopPruner());
}

export class Study {
  private stopRequested = false;

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

  /** Every trial, oldest first (copies are not made: treat them as read-only). */
  get trials(): FrozenTrial[] {
    return this.storage.getAllTrials(this.studyId);
  }

  getTrials(states?: FrozenTrial['state'][]): FrozenTrial[] {
    return this.storage.getAllTrials(this.studyId, states);
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
  enqueueTrial(params: Record<string, unknown>, userAttrs: Record<string, unknown> = {}): void {
    this.storage.createNewTrial(this.studyId, { fixedParams: params, userAttrs });
  }

  /**
   * Warm start: enqueue the parameters of the `nBest` best completed trials of an earlier
   * study (ordered best first), so this study evaluates them before sampling anything new.
   *
   * ```ts
   * study.warmStartFrom(previous, 5);
   * ```
   */
  warmStartFrom(previous: Study, nBest = 5): void {
    if (!Number.isInteger(nBest) || nBest < 1) throw new Error(`Study.warmStartFrom: nBest must be an integer >= 1, got ${nBest}.`);
    const ranked = previous.isMultiObjective
      ? previous.bestTrials
      : previous.getTrials(['COMPLETE']).sort((a, b) => {
          const sign = previous.direction === 'minimize' ? 1 : -1;
          return sign * ((a.values?.[0] as number) - (b.values?.[0] as number));
        });
    for (const t of ranked.slice(0, nBest)) this.enqueueTrial(trialParams(t), { warmStartFrom: { study: previous.studyName, trial: t.number } });
  }

  /** Ask the study to stop after the current trial. */
  stop(): void {
    this.stopRequested = true;
  }

  /** @internal Called by a trial the first time it needs a sampled parameter. */
  sampleRelative(number: number): Record<string, number> {
    const t = this.storage.getTrial(this.studyId, number);
    const space = this.sampler.inferRelativeSearchSpace(this, t);
    if (Object.keys(space).length === 0) return {};
    return this.sampler.sampleRelative(this, t, space);
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

  /** Start a trial by hand (Optuna's ask); finish it with `tell`. */
  ask(): Trial {
    const waiting = this.storage.popWaitingTrial(this.studyId);
    const number = waiting ?? this.storage.createNewTrial(this.studyId);
    return new Trial(this, number);
  }

  /** Finish an asked trial with its value(s), or as PRUNED / FAIL. */
  tell(trial: Trial | number, values?: number | number[], state: 'COMPLETE' | 'PRUNED' | 'FAIL' = 'COMPLETE'): FrozenTrial {
    const number = typeof trial === 'number' ? trial : trial.number;
    if (state !== 'COMPLETE') {
      this.storage.setTrialStateValues(this.studyId, number, state, null);
      return this.storage.getTrial(this.studyId, number);
    }
    const vs = typeof values === 'number' ? [values] : values;
    if (vs === undefined || vs.length !== this.directions.length || vs.some((v) => typeof v !== 'number' || Number.isNaN(v))) {
      this.storage.setTrialStateValues(this.studyId, number, 'FAIL', null);
      throw new Error(
        `Study.tell: trial ${number} must return ${this.directions.length} number(s) (not NaN), got ${JSON.stringify(values)}; it is marked FAIL.`,
      );
    }
    this.storage.setTrialStateValues(this.studyId, number, 'COMPLETE', vs);
    return this.storage.getTrial(this.studyId, number);
  }

  private async runTrial(objective: Objective, catchNames: readonly string[]): Promise<FrozenTrial> {
    const trial = this.ask();
    let result: number | number[];
    try {
      result = await objective(trial);
    } catch (err) {
      if (err instanceof TrialPruned) return this.tell(trial, undefined, 'PRUNED');
      this.tell(trial, undefined, 'FAIL');
      if (err instanceof Error && catchNames.includes(err.name)) return this.storage.getTrial(this.studyId, trial.number);
      throw err;
    }
    return this.tell(trial, result);
  }
}
