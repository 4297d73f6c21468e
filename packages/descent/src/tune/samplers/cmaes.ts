/**
 * `CmaEsSampler`: CMA-ES over a study's numeric parameters, as Optuna 3.1's `CmaEsSampler`
 * with its defaults (no restarts, no margin, no separable variant).
 *
 * How it rides on trials: the search space is the float and int parameters every completed
 * trial shares (categoricals, and spaces of one dimension, are sampled independently). In
 * Optuna's transformed space — logs for log ranges, ranges widened by half a step for ints
 * and stepped floats so the end values get their fair share — the first optimizer starts at
 * the centre with σ0 = min(range)/6. Every trial asks the optimizer for one point and is
 * tagged with the optimizer's generation; once `populationSize` completed trials carry the
 * current generation, the next trial tells them to the optimizer and stores its new state in
 * its system attributes, where later trials (in any process) restore it from.
 *
 * ```ts
 * const study = await createStudy({ sampler: new CmaEsSampler({ seed: 0 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + t.suggestFloat('y', -5, 5) ** 2, { nTrials: 60 });
 * ```
 */
import { Generator } from '../../random/generator.js';
import type { Distribution } from '../distributions.js';
import type { Study } from '../study.js';
import type { FrozenTrial } from '../trial.js';
import { CMA, type CMAState } from './cma.js';
import { RandomSampler } from './random.js';
import { type Sampler, intersectionSearchSpace } from './sampler.js';

type Numeric = Exclude<Distribution, { kind: 'categorical' }>;

export interface CmaEsSamplerOptions {
  seed?: number;
  /** Initial step size in the transformed space (default: the smallest range / 6). */
  sigma0?: number;
  /** Initial mean, by parameter name (default: the centre of every range). */
  x0?: Record<string, number>;
  /** Completed trials sampled independently before CMA-ES starts (default 1, as Optuna). */
  nStartupTrials?: number;
  /** λ (default 4 + ⌊3 ln n⌋ for n parameters). */
  populationSize?: number;
  /** For categoricals, startup trials and one-dimensional spaces (default: `RandomSampler`). */
  independentSampler?: Sampler;
}

const OPTIMIZER_KEY = 'cma:optimizer';
const GENERATION_KEY = 'cma:generation';

/** Bounds of a parameter in Optuna's transformed space (`_SearchSpaceTransform`, transform_step). */
function transformedBounds(d: Numeric): [number, number] {
  if (d.kind === 'int') {
    const half = 0.5 * d.step;
    return d.log ? [Math.log(d.low - half), Math.log(d.high + half)] : [d.low - half, d.high + half];
  }
  if (d.log) return [Math.log(d.low), Math.log(d.high)];
  return d.step !== null ? [d.low - 0.5 * d.step, d.high + 0.5 * d.step] : [d.low, d.high];
}

function transform(d: Numeric, v: number): number {
  return d.log ? Math.log(v) : v;
}

/** Back from the transformed space onto the parameter's range (and grid). */
function untransform(d: Numeric, x: number): number {
  const clip = (v: number): number => Math.min(d.high, Math.max(d.low, v));
  if (d.log) return d.kind === 'int' ? clip(Math.round(Math.exp(x))) : clip(Math.exp(x));
  const step = d.step;
  return step !== null ? clip(Math.round((x - d.low) / step) * step + d.low) : clip(x);
}

export class CmaEsSampler implements Sampler {
  private readonly rng: Generator;
  private readonly independent: Sampler;
  private readonly sigma0: number | null;
  private readonly x0: Record<string, number> | null;
  private readonly nStartupTrials: number;
  private readonly populationSize: number | null;

  constructor(options: CmaEsSamplerOptions = {}) {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.rng = new Generator(seed);
    this.independent = options.independentSampler ?? new RandomSampler({ seed });
    this.sigma0 = options.sigma0 ?? null;
    this.x0 = options.x0 ?? null;
    this.nStartupTrials = options.nStartupTrials ?? 1;
    this.populationSize = options.populationSize ?? null;
    if (this.sigma0 !== null && !(this.sigma0 > 0)) throw new Error(`CmaEsSampler: sigma0 must be > 0, got ${this.sigma0}.`);
    if (!Number.isInteger(this.nStartupTrials) || this.nStartupTrials < 0) {
      throw new Error(`CmaEsSampler: nStartupTrials must be an integer >= 0, got ${this.nStartupTrials}.`);
    }
    if (this.populationSize !== null && (!Number.isInteger(this.populationSize) || this.populationSize < 2)) {
      throw new Error(`CmaEsSampler: populationSize must be an integer >= 2, got ${this.populationSize}.`);
    }
  }

  inferRelativeSearchSpace(study: Study): Record<string, Distribution> {
    const out: Record<string, Distribution> = {};
    const space = intersectionSearchSpace(study.getTrials(['COMPLETE']));
    // Sorted by name, as Optuna's IntersectionSearchSpace, so dimensions keep their order.
    for (const name of Object.keys(space).sort()) {
      const d = space[name] as Distribution;
      if (d.kind !== 'categorical') out[name] = d;
    }
    return out;
  }

  sampleRelative(study: Study, trial: FrozenTrial, space: Record<string, Distribution>): Record<string, number> {
    if (study.isMultiObjective) throw new Error('CmaEsSampler: multi-objective studies are not supported; use NSGAIISampler.');
    const names = Object.keys(space);
    const completed = study.getTrials(['COMPLETE']);
    // One dimension: Optuna hands it to the independent sampler too.
    if (names.length < 2 || completed.length < this.nStartupTrials) return {};
    const dists = names.map((n) => space[n] as Numeric);
    const bounds = dists.map(transformedBounds);

    const cma = this.restore(completed) ?? this.init(names, dists, bounds);
    if (cma.dim !== names.length) return {}; // the search space changed: no dynamic spaces
    const sign = study.direction === 'minimize' ? 1 : -1;
    const generation = completed.filter((t) => t.systemAttrs[GENERATION_KEY] === cma.generation);
    if (generation.length >= cma.populationSize) {
      cma.tell(
        generation.slice(0, cma.populationSize).map((t) => ({
          x: dists.map((d, i) => transform(d, t.paramsInternal[names[i] as string] as number)),
          value: sign * (t.values?.[0] as number),
        })),
      );
      study.setTrialSystemAttr(trial.number, OPTIMIZER_KEY, cma.toJSON());
    }
    // A fresh stream per trial (Optuna reseeds the optimizer with randint(1, 2^16) + number).
    const x = cma.ask(new Generator(this.rng.integers(1, 2 ** 16) + trial.number));
    study.setTrialSystemAttr(trial.number, GENERATION_KEY, cma.generation);
    const out: Record<string, number> = {};
    names.forEach((name, i) => (out[name] = untransform(dists[i] as Numeric, x[i] as number)));
    return out;
  }

  sampleIndependent(study: Study, trial: FrozenTrial, name: string, dist: Distribution): number {
    return this.independent.sampleIndependent(study, trial, name, dist);
  }

  /** The optimizer stored by the most recent completed trial, if any. */
  private restore(completed: readonly FrozenTrial[]): CMA | null {
    for (let i = completed.length - 1; i >= 0; i--) {
      const s = completed[i]?.systemAttrs[OPTIMIZER_KEY];
      if (s !== undefined) return CMA.fromJSON(s as CMAState);
    }
    return null;
  }

  private init(names: string[], dists: Numeric[], bounds: [number, number][]): CMA {
    const mean = names.map((n, i) => {
      const [lo, hi] = bounds[i] as [number, number];
      const given = this.x0?.[n];
      return given === undefined ? lo + (hi - lo) / 2 : transform(dists[i] as Numeric, given);
    });
    const sigma0 = this.sigma0 ?? Math.min(...bounds.map(([lo, hi]) => (hi - lo) / 6));
    return new CMA({
      mean,
      sigma: Math.max(sigma0, 1e-8),
      bounds,
      ...(this.populationSize !== null ? { populationSize: this.populationSize } : {}),
      nMaxResampling: 10 * names.length,
    });
  }
}
