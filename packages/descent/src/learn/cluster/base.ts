/** What every clusterer shares: `labels_` and `fitPredict` (scikit-learn's ClusterMixin). */
import { BaseEstimator } from '../base/base-estimator.js';
import type { MatrixLike } from '../base/validation.js';

/** Groups samples without labels. `labels_[i]` is sample i's cluster (−1 for noise where a clusterer has it). */
export abstract class Clusterer<P extends object = object> extends BaseEstimator<P> {
  /** The cluster of each training sample. */
  declare labels_: number[];
  abstract fit(X: MatrixLike): this;

  /** `fit(X).labels_`. */
  fitPredict(X: MatrixLike): number[] {
    return this.fit(X).labels_.slice();
  }
}

/** A fresh seed when randomState is null, as scikit-learn's `check_random_state(None)`. */
export function seedOf(randomState: number | null): number {
  return randomState ?? Math.floor(Math.random() * 2 ** 32);
}

/** Reads optional sample weights: one finite number >= 0 per sample, not all zero. */
export function readWeights(sampleWeight: ArrayLike<number> | undefined, n: number, caller: string): Float64Array {
  if (sampleWeight === undefined) return new Float64Array(n).fill(1);
  if (sampleWeight.length !== n) throw new Error(`${caller}: sampleWeight has ${sampleWeight.length} values but X has ${n} samples; pass one weight per sample.`);
  const w = Float64Array.from(sampleWeight);
  for (const v of w) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`${caller}: sampleWeight must be finite and >= 0; got ${v}.`);
  }
  return w;
}
