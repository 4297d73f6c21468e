/**
 * Trials: the frozen record a storage keeps (`FrozenTrial`) and the live handle an
 * objective receives (`Trial`), with Optuna's `suggest*`, `report` and `shouldPrune`.
 */
import { type Choice, type Distribution, contains, sameDistribution, snap, toExternal } from './distributions.js';
import type { Storage } from './storage.js';
import type { Study } from './study.js';

/** Optuna's `TrialState`. */
export type TrialState = 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';

/** What a storage keeps about one trial. Parameters are held in internal form. */
export interface FrozenTrial {
  /** 0, 1, 2, … within the study. */
  number: number;
  state: TrialState;
  /** One value per objective (`null` until the trial completes). */
  values: number[] | null;
  /** Internal parameter values (a categorical's index). */
  paramsInternal: Record<string, number>;
  distributions: Record<string, Distribution>;
  /** `report(value, step)` history: step → value. */
  intermediateValues: Record<number, number>;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  datetimeStart: number | null;
  datetimeComplete: number | null;
}

/** The user-facing parameters of a frozen trial. */
export function trialParams(t: FrozenTrial): Record<string, number | Choice> {
  const out: Record<string, number | Choice> = {};
  for (const [name, v] of Object.entries(t.paramsInternal)) {
    const d = t.distributions[name];
    if (d) out[name] = toExternal(d, v);
  }
  return out;
}

/** The last step a trial reported, or null. */
export function lastStep(t: FrozenTrial): number | null {
  const steps = Object.keys(t.intermediateValues).map(Number);
  return steps.length === 0 ? null : Math.max(...steps);
}

/**
 * Thrown by an objective to say "this trial was pruned"; `optimize` records it as PRUNED.
 *
 * ```ts
 * if (trial.shouldPrune()) throw new TrialPruned();
 * ```
 */
export class TrialPruned extends Error {
  constructor(message = 'Trial was pruned.') {
    super(message);
    this.name = 'TrialPruned';
  }
}

export interface SuggestFloatOptions {
  /** Sample on a log scale (low must be > 0). */
  log?: boolean;
  /** Discretize: values are low, low + step, … ≤ high. */
  step?: number;
}

/**
 * The handle an objective receives: suggest parameters, report progress, store attributes.
 * Every change goes to the trial's own record at once (so the objective never waits) and is
 * queued for the storage; the study's `tell` waits for the queue (`flush`).
 */
export class Trial {
  /** Parameters suggested by the sampler's joint (relative) step, before any suggest call. */
  private relative: Record<string, number> | null = null;
  /** The storage writes of this trial, run one after another in the order they were made. */
  private pending: Promise<void> = Promise.resolve();
  private writeError: { error: unknown } | null = null;

  /** @param record this trial's own record, owned by this handle until the trial ends. */
  constructor(
    readonly study: Study,
    readonly number: number,
    /** @internal */ readonly record: FrozenTrial,
  ) {}

  /** Queue a storage write; a failure is kept (not left unhandled) and rethrown by `flush`. */
  private write(op: (storage: Storage, studyId: number) => Promise<void>): void {
    this.pending = this.pending
      .then(() => op(this.study.storage, this.study.studyId))
      .catch((error: unknown) => {
        this.writeError ??= { error };
      });
  }

  /** @internal Wait until every queued write has reached the storage; rethrow the first failure. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.writeError) throw this.writeError.error;
  }

  /** @internal Samplers' and pruners' bookkeeping (via `Study.setTrialSystemAttr`). */
  setSystemAttr(key: string, value: unknown): void {
    this.record.systemAttrs[key] = structuredClone(value);
    this.write((s, id) => s.setTrialSystemAttr(id, this.number, key, value));
  }

  /**
   * A float in [low, high].
   *
   * ```ts
   * const lr = trial.suggestFloat('lr', 1e-5, 1e-1, { log: true });
   * ```
   */
  suggestFloat(name: string, low: number, high: number, options: SuggestFloatOptions = {}): number {
    const log = options.log ?? false;
    const step = options.step ?? null;
    const where = `suggestFloat('${name}')`;
    checkBounds(where, low, high, log);
    if (step !== null) {
      if (log) throw new Error(`${where}: step and log cannot be used together; pick one.`);
      if (!(step > 0)) throw new Error(`${where}: step must be > 0, got ${step}.`);
      // Optuna shrinks high onto the grid so every value it returns is reachable.
      high = low + Math.floor((high - low) / step + 1e-9) * step;
    }
    return this.suggest(name, { kind: 'float', low, high, log, step }) as number;
  }

  /**
   * An integer in [low, high] (both included).
   *
   * ```ts
   * const depth = trial.suggestInt('maxDepth', 2, 12);
   * ```
   */
  suggestInt(name: string, low: number, high: number, options: { log?: boolean; step?: number } = {}): number {
    const log = options.log ?? false;
    const step = options.step ?? 1;
    const where = `suggestInt('${name}')`;
    if (!Number.isInteger(low) || !Number.isInteger(high)) {
      throw new Error(`${where}: low and high must be integers, got ${low} and ${high}.`);
    }
    checkBounds(where, low, high, log);
    if (!Number.isInteger(step) || step < 1) throw new Error(`${where}: step must be an integer >= 1, got ${step}.`);
    if (log && step !== 1) throw new Error(`${where}: step must be 1 when log is true.`);
    high = low + Math.floor((high - low) / step) * step;
    return this.suggest(name, { kind: 'int', low, high, log, step }) as number;
  }

  /**
   * One of a list of choices.
   *
   * ```ts
   * const kernel = trial.suggestCategorical('kernel', ['rbf', 'linear']);
   * ```
   */
  suggestCategorical<T extends Choice>(name: string, choices: readonly T[]): T {
    if (!Array.isArray(choices) || choices.length === 0) {
      throw new Error(`suggestCategorical('${name}'): choices must be a non-empty array.`);
    }
    return this.suggest(name, { kind: 'categorical', choices: [...choices] }) as T;
  }

  private suggest(name: string, dist: Distribution): number | Choice {
    const t = this.record;
    const prior = t.distributions[name];
    const had = t.paramsInternal[name];
    if (prior !== undefined && had !== undefined) {
      if (!sameDistribution(prior, dist)) {
        throw new Error(`Trial.suggest: parameter '${name}' was already suggested with a different range in this trial.`);
      }
      return toExternal(dist, had);
    }
    const fixed = (t.systemAttrs.fixedParams as Record<string, unknown> | undefined)?.[name];
    let internal: number;
    if (fixed !== undefined) {
      // An enqueued trial: use the given value when it fits the distribution.
      internal = dist.kind === 'categorical' ? dist.choices.findIndex((c) => c === fixed) : Number(fixed);
      if (!contains(dist, internal)) internal = Number.NaN;
    } else {
      internal = Number.NaN;
    }
    if (Number.isNaN(internal)) {
      if (this.relative === null) {
        this.relative = this.study.sampleRelative(t);
      }
      const rel = this.relative[name];
      internal = rel !== undefined && contains(dist, rel) ? rel : this.study.sampler.sampleIndependent(this.study, t, name, dist);
      internal = snap(dist, internal);
    }
    t.paramsInternal[name] = internal;
    t.distributions[name] = dist;
    this.write((s, id) => s.setTrialParam(id, this.number, name, internal, dist));
    return toExternal(dist, internal);
  }

  /** Record an intermediate value (a learning curve point) at `step`, for pruners. */
  report(value: number, step: number): void {
    if (!Number.isInteger(step) || step < 0) throw new Error(`Trial.report: step must be an integer >= 0, got ${step}.`);
    if (typeof value !== 'number') throw new Error(`Trial.report: value must be a number, got ${typeof value}.`);
    this.record.intermediateValues[step] = value;
    this.write((s, id) => s.setTrialIntermediateValue(id, this.number, step, value));
  }

  /** Should this trial stop now? Asks the study's pruner about the last reported step. */
  shouldPrune(): boolean {
    return this.study.pruner.prune(this.study, this.record);
  }

  /** Attach your own value (JSON-serializable) to the trial. */
  setUserAttr(key: string, value: unknown): void {
    this.record.userAttrs[key] = structuredClone(value);
    this.write((s, id) => s.setTrialUserAttr(id, this.number, key, value));
  }

  get userAttrs(): Record<string, unknown> {
    return { ...this.record.userAttrs };
  }

  /** The parameters suggested so far. */
  get params(): Record<string, number | Choice> {
    return trialParams(this.record);
  }
}

function checkBounds(where: string, low: number, high: number, log: boolean): void {
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`${where}: low and high must be finite numbers.`);
  if (low > high) throw new Error(`${where}: low (${low}) must be <= high (${high}).`);
  if (log && low <= 0) throw new Error(`${where}: with log: true, low must be > 0, got ${low}.`);
}
