/**
 * `TPESampler`: the Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011). Past trials are split into the best γ(n)
 * ("below", l(x)) and the rest ("above", g(x)); each side gets a Parzen estimator, candidates
 * are drawn from l, and the one maximizing l(x)/g(x) — which is proportional to expected
 * improvement under TPE's model — is proposed.
 *
 * Defaults are Optuna 3.1's (optuna/samplers/_tpe/sampler.py): 10 random startup trials,
 * 24 candidates, γ(n) = min(⌈0.1 n⌉, 25), weights flat for the newest 25 observations and a
 * linear ramp from 1/n up for older ones, prior weight 1, magic clip on, endpoints off.
 * `multivariate: true` models the shared search space jointly (Falkner et al., BOHB, 2018).
 */
import { Generator } from '../../random/generator.js';
import type { Distribution } from '../distributions.js';
import type { Study } from '../study.js';
import { type FrozenTrial, lastStep } from '../trial.js';
import { ParzenEstimator, type ParzenParams } from './parzen.js';
import { type Sampler, intersectionSearchSpace, sampleUniform } from './sampler.js';

/** Optuna's `default_gamma`: how many of n trials count as "good". */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's `default_weights`: older observations (first) fade linearly, the newest 25 weigh 1. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

export interface TPESamplerOptions {
  seed?: number;
  /**
   * The random stream to draw from, instead of one seeded by `seed` (for instance a stream
   * that replays another library's draws).
   */
  generator?: Generator;
  nStartupTrials?: number;
  nEiCandidates?: number;
  gamma?: (n: number) => number;
  weights?: (n: number) => number[];
  considerPrior?: boolean;
  priorWeight?: number;
  considerMagicClip?: boolean;
  considerEndpoints?: boolean;
  multivariate?: boolean;
  /**
   * Score candidates with Optuna 3.1's kernel density, which leaves out each kernel's −log σ
   * (see `ParzenEstimator`). On by default: it is the reference we are compared with, and on
   * Branin, Hartmann-6 and 10-D Rosenbrock (20 seeds, 100 trials) it found better optima than
   * the normalized density (medians 0.432 vs 0.446, −3.149 vs −2.972, 3655 vs 12688).
   */
  optuna31Density?: boolean;
}

/**
 * The ranking key of a finished trial, smaller is better (Optuna's observation pairs):
 * completed trials come first (step −∞) by signed value; pruned trials by how far they got
 * (deeper is better), then by their last intermediate value.
 */
export function trialScore(t: FrozenTrial, sign: number): [number, number] {
  if (t.state === 'COMPLETE') return [-Infinity, sign * (t.values?.[0] as number)];
  const step = lastStep(t);
  if (step === null) return [1, Infinity];
  const v = t.intermediateValues[step] as number;
  return [-step, Number.isNaN(v) ? Infinity : sign * v];
}

/**
 * Split trials into good ("below") and bad ("above"), both in chronological order.
 *
 * ```ts
 * const { below, above } = splitTrials(study.getTrials(['COMPLETE']), 'minimize', defaultGamma);
 * ```
 */
export function splitTrials(
  trials: readonly FrozenTrial[],
  direction: 'minimize' | 'maximize',
  gamma: (n: number) => number = defaultGamma,
): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const sign = direction === 'minimize' ? 1 : -1;
  const scored = trials.map((t, i) => ({ i, s: trialScore(t, sign) }));
  scored.sort((a, b) => a.s[0] - b.s[0] || a.s[1] - b.s[1] || a.i - b.i);
  const nBelow = gamma(trials.length);
  const isBelow = new Uint8Array(trials.length);
  for (let r = 0; r < nBelow && r < scored.length; r++) isBelow[(scored[r] as { i: number }).i] = 1;
  return {
    below: trials.filter((_, i) => isBelow[i] === 1),
    above: trials.filter((_, i) => isBelow[i] === 0),
  };
}

/**
 * ```ts
 * const study = await createStudy({ sampler: new TPESampler({ seed: 0, multivariate: true }) });
 * ```
 */
export class TPESampler implements Sampler {
  private readonly rng: Generator;
  private readonly opts: Required<Omit<TPESamplerOptions, 'seed' | 'generator'>>;

  constructor(options: TPESamplerOptions = {}) {
    this.rng = options.generator ?? new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.opts = {
      nStartupTrials: options.nStartupTrials ?? 10,
      nEiCandidates: options.nEiCandidates ?? 24,
      gamma: options.gamma ?? defaultGamma,
      weights: options.weights ?? defaultWeights,
      considerPrior: options.considerPrior ?? true,
      priorWeight: options.priorWeight ?? 1,
      considerMagicClip: options.considerMagicClip ?? true,
      considerEndpoints: options.considerEndpoints ?? false,
      multivariate: options.multivariate ?? false,
      optuna31Density: options.optuna31Density ?? true,
    };
    const { nStartupTrials, nEiCandidates, priorWeight } = this.opts;
    if (!Number.isInteger(nStartupTrials) || nStartupTrials < 0) {
      throw new Error(`TPESampler: nStartupTrials must be an integer >= 0, got ${nStartupTrials}.`);
    }
    if (!Number.isInteger(nEiCandidates) || nEiCandidates < 1) {
      throw new Error(`TPESampler: nEiCandidates must be an integer >= 1, got ${nEiCandidates}.`);
    }
    if (!(priorWeight > 0)) throw new Error(`TPESampler: priorWeight must be > 0, got ${priorWeight}.`);
  }

  inferRelativeSearchSpace(study: Study): Record<string, Distribution> {
    if (!this.opts.multivariate) return {};
    return intersectionSearchSpace(study.getTrials(['COMPLETE', 'PRUNED']));
  }

  sampleRelative(study: Study, _trial: FrozenTrial, space: Record<string, Distribution>): Record<string, number> {
    const names = Object.keys(space);
    const trials = study.getTrials(['COMPLETE', 'PRUNED']);
    if (names.length === 0 || trials.length < this.opts.nStartupTrials) return {};
    return this.sampleTPE(study, trials, space);
  }

  sampleIndependent(study: Study, _trial: FrozenTrial, name: string, dist: Distribution): number {
    const trials = study.getTrials(['COMPLETE', 'PRUNED']);
    if (trials.length < this.opts.nStartupTrials) return sampleUniform(dist, () => this.rng.random());
    return this.sampleTPE(study, trials, { [name]: dist })[name] as number;
  }

  private sampleTPE(study: Study, all: FrozenTrial[], space: Record<string, Distribution>): Record<string, number> {
    if (study.isMultiObjective) {
      throw new Error('TPESampler: multi-objective studies are not supported here; use NSGAIISampler.');
    }
    const names = Object.keys(space);
    const { below, above } = splitTrials(all, study.direction, this.opts.gamma);
    const has = (t: FrozenTrial): boolean => names.every((n) => t.paramsInternal[n] !== undefined);
    const obs = (ts: FrozenTrial[]): Record<string, number[]> =>
      Object.fromEntries(names.map((n) => [n, ts.filter(has).map((t) => t.paramsInternal[n] as number)]));
    const params: ParzenParams = { ...this.opts };
    const belowObs = obs(below);
    const aboveObs = obs(above);
    const nb = (belowObs[names[0] as string] as number[]).length;
    const na = (aboveObs[names[0] as string] as number[]).length;
    const l = new ParzenEstimator(belowObs, space, this.opts.weights(nb).slice(0, nb), params);
    const g = new ParzenEstimator(aboveObs, space, this.opts.weights(na).slice(0, na), params);
    const candidates = l.sample(() => this.rng.random(), this.opts.nEiCandidates);
    const ll = l.logPdf(candidates);
    const lg = g.logPdf(candidates);
    let best = 0;
    for (let i = 1; i < ll.length; i++) {
      if ((ll[i] as number) - (lg[i] as number) > (ll[best] as number) - (lg[best] as number)) best = i;
    }
    return Object.fromEntries(names.map((n) => [n, (candidates[n] as Float64Array)[best] as number]));
  }
}
