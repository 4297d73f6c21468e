/** `RandomSampler`: every parameter drawn independently and uniformly (log-uniform on log ranges). */
import { Generator } from '../../random/generator.js';
import type { Distribution } from '../distributions.js';
import { type Sampler, sampleUniform } from './sampler.js';

/**
 * ```ts
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
 * ```
 */
export class RandomSampler implements Sampler {
  private readonly rng: Generator;

  constructor(options: { seed?: number } = {}) {
    this.rng = new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  inferRelativeSearchSpace(): Record<string, Distribution> {
    return {};
  }

  sampleRelative(): Record<string, number> {
    return {};
  }

  sampleIndependent(_study: unknown, _trial: unknown, _name: string, dist: Distribution): number {
    return sampleUniform(dist, () => this.rng.random());
  }
}
