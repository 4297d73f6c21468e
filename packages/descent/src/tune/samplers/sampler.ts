/**
 * The sampler contract (Optuna's `BaseSampler`): a sampler may propose several parameters
 * jointly (`sampleRelative`, over a search space it infers from past trials) and proposes
 * any other parameter on its own (`sampleIndependent`). All values are internal numbers.
 */
import type { Distribution } from '../distributions.js';
import type { Study } from '../study.js';
import type { FrozenTrial } from '../trial.js';

export interface Sampler {
  inferRelativeSearchSpace(study: Study, trial: FrozenTrial): Record<string, Distribution>;
  sampleRelative(study: Study, trial: FrozenTrial, space: Record<string, Distribution>): Record<string, number>;
  sampleIndependent(study: Study, trial: FrozenTrial, name: string, dist: Distribution): number;
}

/**
 * The parameters every finished trial shares, with one distribution each (Optuna's
 * `IntersectionSearchSpace`). Single-value ranges are left out: there is nothing to sample.
 */
export function intersectionSearchSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  let space: Record<string, Distribution> | null = null;
  for (const t of trials) {
    if (t.state !== 'COMPLETE' && t.state !== 'PRUNED') continue;
    if (space === null) {
      space = { ...t.distributions };
      continue;
    }
    for (const name of Object.keys(space)) {
      const d = t.distributions[name];
      if (d === undefined || JSON.stringify(d) !== JSON.stringify(space[name])) delete space[name];
    }
  }
  const out: Record<string, Distribution> = {};
  for (const [name, d] of Object.entries(space ?? {})) {
    if (d.kind === 'categorical' ? d.choices.length > 1 : d.low < d.high) out[name] = d;
  }
  return out;
}

/** A uniform draw from a distribution in internal form (log-uniform for log ranges). */
export function sampleUniform(dist: Distribution, random: () => number): number {
  if (dist.kind === 'categorical') return Math.floor(random() * dist.choices.length);
  if (dist.kind === 'int') {
    if (dist.log) {
      const lo = Math.log(dist.low - 0.5);
      const hi = Math.log(dist.high + 0.5);
      return Math.min(dist.high, Math.max(dist.low, Math.round(Math.exp(lo + random() * (hi - lo)))));
    }
    const n = Math.floor((dist.high - dist.low) / dist.step) + 1;
    return dist.low + Math.floor(random() * n) * dist.step;
  }
  if (dist.log) {
    const lo = Math.log(dist.low);
    return Math.exp(lo + random() * (Math.log(dist.high) - lo));
  }
  if (dist.step !== null) {
    const n = Math.floor((dist.high - dist.low) / dist.step + 1e-9) + 1;
    return dist.low + Math.floor(random() * n) * dist.step;
  }
  return dist.low + random() * (dist.high - dist.low);
}
