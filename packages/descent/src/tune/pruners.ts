/**
 * Pruners stop unpromising trials early from their intermediate values (`trial.report`).
 * Decision rules follow Optuna 3.1 (optuna/pruners/_percentile.py, _successive_halving.py,
 * _hyperband.py), written afresh.
 */
import type { Study } from './study.js';
import { type FrozenTrial, lastStep } from './trial.js';

export interface Pruner {
  /** Should this RUNNING trial stop at its last reported step? */
  prune(study: Study, trial: FrozenTrial): boolean;
}

/** Never prunes (the default). */
export class NopPruner implements Pruner {
  prune(): boolean {
    return false;
  }
}

export interface PercentilePrunerOptions {
  /** Completed trials needed before any pruning (default 5). */
  nStartupTrials?: number;
  /** Steps of each trial never pruned (default 0). */
  nWarmupSteps?: number;
  /** Check every this many steps after the warm-up (default 1). */
  intervalSteps?: number;
  /** Completed trials that must have reported at a step to compare against (default 1). */
  nMinTrials?: number;
}

/**
 * Prune when the trial's best value so far is worse than the given percentile of what
 * completed trials reported at the same step.
 *
 * ```ts
 * const study = await createStudy({ pruner: new PercentilePruner(25) }); // keep the top quarter
 * ```
 */
export class PercentilePruner implements Pruner {
  private readonly nStartupTrials: number;
  private readonly nWarmupSteps: number;
  private readonly intervalSteps: number;
  private readonly nMinTrials: number;

  constructor(
    readonly percentile: number,
    options: PercentilePrunerOptions = {},
    name = 'PercentilePruner',
  ) {
    if (!(percentile >= 0 && percentile <= 100)) throw new Error(`${name}: percentile must be in [0, 100], got ${percentile}.`);
    this.nStartupTrials = options.nStartupTrials ?? 5;
    this.nWarmupSteps = options.nWarmupSteps ?? 0;
    this.intervalSteps = options.intervalSteps ?? 1;
    this.nMinTrials = options.nMinTrials ?? 1;
    for (const [k, v, min] of [
      ['nStartupTrials', this.nStartupTrials, 0],
      ['nWarmupSteps', this.nWarmupSteps, 0],
      ['intervalSteps', this.intervalSteps, 1],
      ['nMinTrials', this.nMinTrials, 1],
    ] as const) {
      if (!Number.isInteger(v) || v < min) throw new Error(`${name}: ${k} must be an integer >= ${min}, got ${v}.`);
    }
  }

  prune(study: Study, trial: FrozenTrial): boolean {
    const completed = study.getTrials(['COMPLETE']);
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const step = lastStep(trial);
    if (step === null || step < this.nWarmupSteps) return false;
    // Only the first report at or after each interval boundary is checked.
    const boundary = Math.floor((step - this.nWarmupSteps) / this.intervalSteps) * this.intervalSteps + this.nWarmupSteps;
    let previous = -1;
    for (const s of Object.keys(trial.intermediateValues).map(Number)) if (s !== step && s > previous) previous = s;
    if (previous >= boundary) return false;

    const minimize = study.direction === 'minimize';
    let best = minimize ? Infinity : -Infinity;
    let anyFinite = false;
    for (const v of Object.values(trial.intermediateValues)) {
      if (Number.isNaN(v)) continue;
      anyFinite = true;
      best = minimize ? Math.min(best, v) : Math.max(best, v);
    }
    if (!anyFinite) return true;
    const atStep = completed.map((t) => t.intermediateValues[step]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    if (atStep.length < this.nMinTrials) return false;
    const p = percentileOf(atStep, minimize ? this.percentile : 100 - this.percentile);
    return minimize ? best > p : best < p;
  }
}

/**
 * `PercentilePruner(50)`: prune a trial whose best intermediate value is worse than the median
 * of completed trials at the same step.
 *
 * ```ts
 * const study = await createStudy({ pruner: new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 3 }) });
 * ```
 */
export class MedianPruner extends PercentilePruner {
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options, 'MedianPruner');
  }
}

/** NumPy's default (linear-interpolation) percentile. */
export function percentileOf(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export interface SuccessiveHalvingOptions {
  /** Steps before the first rung; 'auto' = max(last step of the first completed trials / 100, 1). */
  minResource?: number | 'auto';
  /** η: keep the top 1/η at each rung (default 4). */
  reductionFactor?: number;
  /** s: the first rung sits at minResource · η^s (default 0). */
  minEarlyStoppingRate?: number;
  /** Trials a rung needs before anyone is promoted (default 0). */
  bootstrapCount?: number;
}

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", 2020): at rung k (step r·η^(s+k)) a trial continues only if it is in the top 1/η of
 * the trials that reached that rung.
 *
 * ```ts
 * const study = await createStudy({ pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }) });
 * ```
 */
export class SuccessiveHalvingPruner implements Pruner {
  private minResource: number | null;
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;
  readonly bootstrapCount: number;

  constructor(options: SuccessiveHalvingOptions = {}) {
    const mr = options.minResource ?? 'auto';
    if (mr !== 'auto' && (!Number.isInteger(mr) || mr < 1)) {
      throw new Error(`SuccessiveHalvingPruner: minResource must be 'auto' or an integer >= 1, got ${mr}.`);
    }
    this.minResource = mr === 'auto' ? null : mr;
    this.reductionFactor = options.reductionFactor ?? 4;
    this.minEarlyStoppingRate = options.minEarlyStoppingRate ?? 0;
    this.bootstrapCount = options.bootstrapCount ?? 0;
    if (!Number.isInteger(this.reductionFactor) || this.reductionFactor < 2) {
      throw new Error(`SuccessiveHalvingPruner: reductionFactor must be an integer >= 2, got ${this.reductionFactor}.`);
    }
    if (!Number.isInteger(this.minEarlyStoppingRate) || this.minEarlyStoppingRate < 0) {
      throw new Error(`SuccessiveHalvingPruner: minEarlyStoppingRate must be an integer >= 0, got ${this.minEarlyStoppingRate}.`);
    }
  }

  prune(study: Study, trial: FrozenTrial): boolean {
    return this.pruneAmong(study, trial, () => study.trials);
  }

  /** The rule with the competing trials supplied (Hyperband passes one bracket's trials). */
  pruneAmong(study: Study, trial: FrozenTrial, getTrials: () => FrozenTrial[]): boolean {
    const step = lastStep(trial);
    if (step === null) return false;
    const value = trial.intermediateValues[step] as number;
    let rung = 0;
    while (`completedRung${rung}` in trial.systemAttrs) rung++;
    for (;;) {
      if (this.minResource === null) {
        const steps = getTrials()
          .filter((t) => t.state === 'COMPLETE')
          .map(lastStep)
          .filter((s): s is number => s !== null);
        if (steps.length === 0) return false;
        this.minResource = Math.max(Math.floor(Math.max(...steps) / 100), 1);
      }
      const promotionStep = this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      const key = `completedRung${rung}`;
      study.setTrialSystemAttr(trial.number, key, value);
      // The competitors include this trial itself (its rung value was just stored).
      const competing = getTrials()
        .map((t) => (t.number === trial.number ? value : t.systemAttrs[key]))
        .filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
      if (competing.length <= this.bootstrapCount) return true;
      competing.sort((a, b) => a - b);
      const idx = Math.max(Math.floor(competing.length / this.reductionFactor) - 1, 0);
      const keep = study.direction === 'maximize' ? value >= (competing[competing.length - 1 - idx] as number) : value <= (competing[idx] as number);
      if (!keep) return true;
      rung++;
    }
  }
}

/** CRC-32 (IEEE), which Optuna's Hyperband uses to spread trials over brackets. */
function crc32(s: string): number {
  let c = ~0;
  for (const byte of new TextEncoder().encode(s)) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/**
 * Hyperband (Li et al., JMLR 2018): several successive-halving brackets that trade how many
 * trials start against how early they are judged; bracket s starts at rung minResource·η^s.
 * Each trial is assigned a bracket by a hash of its number, in proportion to the bracket's
 * budget ⌈B·η^s'/(s'+1)⌉ (s' = B − 1 − s), and competes only within its bracket.
 *
 * ```ts
 * const study = await createStudy({ pruner: new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 }) });
 * ```
 */
export class HyperbandPruner implements Pruner {
  private maxResource: number | 'auto';
  private pruners: SuccessiveHalvingPruner[] = [];
  private budgets: number[] = [];
  private totalBudget = 0;
  readonly minResource: number;
  readonly reductionFactor: number;

  constructor(options: { minResource?: number; maxResource?: number | 'auto'; reductionFactor?: number } = {}) {
    this.minResource = options.minResource ?? 1;
    this.maxResource = options.maxResource ?? 'auto';
    this.reductionFactor = options.reductionFactor ?? 3;
    if (!Number.isInteger(this.minResource) || this.minResource < 1) {
      throw new Error(`HyperbandPruner: minResource must be an integer >= 1, got ${this.minResource}.`);
    }
    if (this.maxResource !== 'auto' && (!Number.isInteger(this.maxResource) || this.maxResource < this.minResource)) {
      throw new Error(`HyperbandPruner: maxResource must be 'auto' or an integer >= minResource, got ${this.maxResource}.`);
    }
  }

  /** The bracket a trial belongs to (0 = most aggressive). */
  bracketOf(study: Study, trialNumber: number): number {
    let n = crc32(`${study.studyName}_${trialNumber}`) % this.totalBudget;
    for (let b = 0; b < this.budgets.length; b++) {
      n -= this.budgets[b] as number;
      if (n < 0) return b;
    }
    return this.budgets.length - 1;
  }

  get nBrackets(): number {
    return this.pruners.length;
  }

  prune(study: Study, trial: FrozenTrial): boolean {
    if (this.pruners.length === 0) {
      if (this.maxResource === 'auto') {
        const steps = study
          .getTrials(['COMPLETE'])
          .map(lastStep)
          .filter((s): s is number => s !== null);
        if (steps.length === 0) return false;
        this.maxResource = Math.max(...steps) + 1;
      }
      const n = Math.floor(Math.log(this.maxResource / this.minResource) / Math.log(this.reductionFactor) + 1e-9) + 1;
      for (let b = 0; b < n; b++) {
        const s = n - 1 - b;
        const budget = Math.ceil((n * this.reductionFactor ** s) / (s + 1));
        this.budgets.push(budget);
        this.totalBudget += budget;
        this.pruners.push(
          new SuccessiveHalvingPruner({ minResource: this.minResource, reductionFactor: this.reductionFactor, minEarlyStoppingRate: b }),
        );
      }
    }
    const b = this.bracketOf(study, trial.number);
    const inBracket = (): FrozenTrial[] => study.trials.filter((t) => this.bracketOf(study, t.number) === b);
    return (this.pruners[b] as SuccessiveHalvingPruner).pruneAmong(study, trial, inBracket);
  }
}
