/**
 * `NSGAIISampler`: the elitist genetic algorithm NSGA-II (Deb et al., 2002) for multi-objective
 * studies, with Optuna 3.1's defaults (optuna/samplers/nsga2): population 50, uniform
 * crossover with probability 0.9 (each gene from either parent with probability 0.5), and
 * each parameter mutated (resampled at random) with probability 1/(number of parameters).
 * Generation g (trials g·P … g·P + P − 1) breeds from the best P trials of earlier
 * generations, ranked by non-domination front and then crowding distance.
 */
import { Generator } from '../../random/generator.js';
import type { Distribution } from '../distributions.js';
import { crowdingDistance, dominates, nonDominatedSort, signedValues } from '../pareto.js';
import type { Study } from '../study.js';
import type { FrozenTrial } from '../trial.js';
import { type Sampler, intersectionSearchSpace, sampleUniform } from './sampler.js';

/**
 * ```ts
 * const study = await createStudy({ directions: ['minimize', 'minimize'], sampler: new NSGAIISampler({ seed: 0 }) });
 * ```
 */
export class NSGAIISampler implements Sampler {
  private readonly rng: Generator;
  readonly populationSize: number;
  readonly crossoverProb: number;
  readonly swappingProb: number;
  readonly mutationProb: number | null;
  private cache: { key: string; parents: FrozenTrial[]; rank: Map<number, number> } | null = null;

  constructor(options: { seed?: number; populationSize?: number; crossoverProb?: number; swappingProb?: number; mutationProb?: number } = {}) {
    this.rng = new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.populationSize = options.populationSize ?? 50;
    this.crossoverProb = options.crossoverProb ?? 0.9;
    this.swappingProb = options.swappingProb ?? 0.5;
    this.mutationProb = options.mutationProb ?? null;
    if (!Number.isInteger(this.populationSize) || this.populationSize < 2) {
      throw new Error(`NSGAIISampler: populationSize must be an integer >= 2, got ${this.populationSize}.`);
    }
    for (const [k, v] of [['crossoverProb', this.crossoverProb], ['swappingProb', this.swappingProb], ['mutationProb', this.mutationProb ?? 0]] as const) {
      if (!(v >= 0 && v <= 1)) throw new Error(`NSGAIISampler: ${k} must be in [0, 1], got ${v}.`);
    }
  }

  inferRelativeSearchSpace(study: Study): Record<string, Distribution> {
    return intersectionSearchSpace(study.getTrials(['COMPLETE']));
  }

  sampleRelative(study: Study, trial: FrozenTrial, space: Record<string, Distribution>): Record<string, number> {
    const generation = Math.floor(trial.number / this.populationSize);
    if (generation === 0) return {};
    const names = Object.keys(space);
    const pool = study
      .getTrials(['COMPLETE'])
      .filter((t) => Math.floor(t.number / this.populationSize) < generation && names.every((n) => t.paramsInternal[n] !== undefined));
    if (pool.length < 2) return {};
    // The parents of a generation are the same for all its trials: select them once.
    const key = `${study.studyName}:${generation}:${pool.length}`;
    if (this.cache?.key !== key) {
      const parents = this.select(pool, study);
      const rank = new Map<number, number>(); // trial number → front index
      nonDominatedSort(parents.map((t) => signedValues(t, study.directions))).forEach((f, r) => f.forEach((i) => rank.set((parents[i] as FrozenTrial).number, r)));
      this.cache = { key, parents, rank };
    }
    const { parents, rank } = this.cache;
    const tournament = (): FrozenTrial => {
      const a = parents[Math.floor(this.rng.random() * parents.length)] as FrozenTrial;
      const b = parents[Math.floor(this.rng.random() * parents.length)] as FrozenTrial;
      const va = signedValues(a, study.directions);
      const vb = signedValues(b, study.directions);
      if (dominates(va, vb)) return a;
      if (dominates(vb, va)) return b;
      return (rank.get(a.number) ?? 0) <= (rank.get(b.number) ?? 0) ? a : b;
    };
    const p1 = tournament();
    const p2 = this.rng.random() < this.crossoverProb ? tournament() : p1;
    const mutation = this.mutationProb ?? 1 / Math.max(names.length, 1);
    const child: Record<string, number> = {};
    for (const n of names) {
      if (this.rng.random() < mutation) continue; // left out: sampled at random by sampleIndependent
      child[n] = (this.rng.random() < this.swappingProb ? p2 : p1).paramsInternal[n] as number;
    }
    return child;
  }

  sampleIndependent(_study: Study, _trial: FrozenTrial, _name: string, dist: Distribution): number {
    return sampleUniform(dist, () => this.rng.random());
  }

  /** Elitist selection: whole fronts while they fit, then the least crowded of the next front. */
  private select(pool: FrozenTrial[], study: Study): FrozenTrial[] {
    const pts = pool.map((t) => signedValues(t, study.directions));
    const out: FrozenTrial[] = [];
    for (const front of nonDominatedSort(pts)) {
      if (out.length + front.length <= this.populationSize) {
        for (const i of front) out.push(pool[i] as FrozenTrial);
        continue;
      }
      const cd = crowdingDistance(front.map((i) => pts[i] as number[]));
      const order = front.map((i, r) => ({ i, d: cd[r] as number })).sort((a, b) => b.d - a.d);
      for (const { i } of order.slice(0, this.populationSize - out.length)) out.push(pool[i] as FrozenTrial);
      break;
    }
    return out;
  }
}
