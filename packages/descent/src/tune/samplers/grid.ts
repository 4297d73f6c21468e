/**
 * `GridSampler`: every combination of the given values, each tried once, in a seeded random
 * order (Optuna's `GridSampler`). The study stops by itself once the grid is exhausted.
 */
import { Generator } from '../../random/generator.js';
import { type Choice, type Distribution, toInternal } from '../distributions.js';
import type { Study } from '../study.js';
import type { FrozenTrial } from '../trial.js';
import type { Sampler } from './sampler.js';

/**
 * ```ts
 * const sampler = new GridSampler({ x: [-1, 0, 1], kernel: ['rbf', 'linear'] });
 * const study = await createStudy({ sampler });
 * await study.optimize(objective, { nTrials: 100 }); // runs 6 trials, then stops
 * ```
 */
export class GridSampler implements Sampler {
  readonly grid: Record<string, Choice>[];
  private readonly rng: Generator;

  constructor(
    readonly searchSpace: Record<string, readonly Choice[]>,
    options: { seed?: number } = {},
  ) {
    const names = Object.keys(searchSpace);
    for (const n of names) {
      const vs = searchSpace[n];
      if (!Array.isArray(vs) || vs.length === 0) throw new Error(`GridSampler: the values of '${n}' must be a non-empty array.`);
    }
    // Cartesian product, first parameter varying slowest.
    let grid: Record<string, Choice>[] = [{}];
    for (const n of names) grid = grid.flatMap((g) => (searchSpace[n] as Choice[]).map((v) => ({ ...g, [n]: v })));
    this.grid = grid;
    this.rng = new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }

  sampleRelative(): Record<string, number> {
    return {};
  }

  sampleIndependent(study: Study, trial: FrozenTrial, name: string, dist: Distribution): number {
    if (!(name in this.searchSpace)) {
      throw new Error(`GridSampler: parameter '${name}' is not in the grid; add it to the search space.`);
    }
    let id = trial.systemAttrs.gridId as number | undefined;
    if (id === undefined) {
      const used = new Set<number>();
      for (const t of study.trials) if (typeof t.systemAttrs.gridId === 'number') used.add(t.systemAttrs.gridId);
      const open = this.grid.map((_, i) => i).filter((i) => !used.has(i));
      // Once the grid is exhausted, repeat a point (as Optuna does) and stop the study.
      const pool = open.length > 0 ? open : this.grid.map((_, i) => i);
      id = pool[Math.floor(this.rng.random() * pool.length)] as number;
      study.setTrialSystemAttr(trial.number, 'gridId', id);
      if (open.length <= 1) study.stop();
    }
    const value = (this.grid[id] as Record<string, Choice>)[name];
    return toInternal(dist, value, `GridSampler('${name}')`);
  }
}
