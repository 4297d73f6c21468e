/**
 * Distance metrics for the neighbour searches, in "reduced" form: a cheaper number with the
 * same ordering as the true distance (sklearn's `rdist`). Searches compare reduced
 * distances and convert only the k winners:
 *
 * - minkowski p: r = Σ|aⱼ − bⱼ|ᵖ, d = r^(1/p)   (euclidean p = 2: r = Σ(aⱼ − bⱼ)², d = √r)
 * - manhattan:   r = d = Σ|aⱼ − bⱼ|
 * - chebyshev:   r = d = maxⱼ |aⱼ − bⱼ|
 * - cosine:      r = d = 1 − a·b / (‖a‖‖b‖), on rows normalised once (`prepare`), clipped
 *   to [0, 2] like sklearn's `cosine_distances`; a zero row is at distance 1 from all.
 *
 * The box bound `minRdistToBox` sums the same per-coordinate terms as `rdist`, each no
 * larger, so in floating point too it never exceeds the reduced distance of a point inside
 * the box: the k-d tree prunes exactly and finds what brute force finds.
 */

export type MetricName = 'minkowski' | 'euclidean' | 'manhattan' | 'chebyshev' | 'cosine';

/** The metric a search actually uses (sklearn's `effective_metric_`). */
export interface Metric {
  readonly name: 'euclidean' | 'manhattan' | 'chebyshev' | 'minkowski' | 'cosine';
  /** The Minkowski power (2 euclidean, 1 manhattan, ∞ chebyshev; NaN for cosine). */
  readonly p: number;
  /** Whether a k-d tree can answer for this metric (box bounds exist: all but cosine). */
  readonly treeable: boolean;
  /** Reduced distance between row `i` of `A` and row `j` of `B`, both with `d` columns. */
  rdist(A: Float64Array, i: number, B: Float64Array, j: number, d: number): number;
  toDist(r: number): number;
  toRdist(dist: number): number;
  /** The data as the metric wants it (cosine: unit rows); other metrics return it unchanged. */
  prepare(X: Float64Array, rows: number, cols: number): Float64Array;
}

/**
 * The effective metric for a (metric, p) pair, as sklearn resolves it: minkowski with p = 1,
 * 2 or ∞ becomes manhattan, euclidean or chebyshev.
 *
 * ```ts
 * resolveMetric('minkowski', 2).name; // 'euclidean'
 * ```
 */
export function resolveMetric(metric: MetricName, p = 2): Metric {
  if (metric === 'minkowski') {
    if (p === 1) metric = 'manhattan';
    else if (p === 2) metric = 'euclidean';
    else if (p === Infinity) metric = 'chebyshev';
  }
  switch (metric) {
    case 'euclidean': return EUCLIDEAN;
    case 'manhattan': return MANHATTAN;
    case 'chebyshev': return CHEBYSHEV;
    case 'cosine': return COSINE;
    case 'minkowski': return minkowski(p);
  }
}

const same = (X: Float64Array) => X;

const EUCLIDEAN: Metric = {
  name: 'euclidean', p: 2, treeable: true, prepare: same,
  rdist(A, i, B, j, d) {
    let s = 0;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) {
      const t = A[a + k] - B[b + k];
      s += t * t;
    }
    return s;
  },
  toDist: Math.sqrt,
  toRdist: (x) => x * x,
};

const MANHATTAN: Metric = {
  name: 'manhattan', p: 1, treeable: true, prepare: same,
  rdist(A, i, B, j, d) {
    let s = 0;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) s += Math.abs(A[a + k] - B[b + k]);
    return s;
  },
  toDist: (x) => x,
  toRdist: (x) => x,
};

const CHEBYSHEV: Metric = {
  name: 'chebyshev', p: Infinity, treeable: true, prepare: same,
  rdist(A, i, B, j, d) {
    let s = 0;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) s = Math.max(s, Math.abs(A[a + k] - B[b + k]));
    return s;
  },
  toDist: (x) => x,
  toRdist: (x) => x,
};

function minkowski(p: number): Metric {
  return {
    name: 'minkowski', p, treeable: true, prepare: same,
    rdist(A, i, B, j, d) {
      let s = 0;
      const a = i * d;
      const b = j * d;
      for (let k = 0; k < d; k++) s += Math.abs(A[a + k] - B[b + k]) ** p;
      return s;
    },
    toDist: (x) => x ** (1 / p),
    toRdist: (x) => x ** p,
  };
}

const COSINE: Metric = {
  name: 'cosine', p: NaN, treeable: false,
  prepare(X, rows, cols) {
    const out = X.slice();
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += out[i * cols + k] ** 2;
      const norm = Math.sqrt(s);
      if (norm === 0) continue; // sklearn's normalize leaves zero rows at zero
      for (let k = 0; k < cols; k++) out[i * cols + k] /= norm;
    }
    return out;
  },
  rdist(A, i, B, j, d) {
    let s = 0;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) s += A[a + k] * B[b + k];
    return Math.min(Math.max(1 - s, 0), 2);
  },
  toDist: (x) => x,
  toRdist: (x) => x,
};

/**
 * A lower bound on the reduced distance from point `q` (row `i` of `Q`) to any point in the
 * box [lo, hi] (row `node` of the bound arrays): per coordinate the gap to the box, 0 inside.
 */
export function minRdistToBox(metric: Metric, Q: Float64Array, i: number, lo: Float64Array, hi: Float64Array, node: number, d: number): number {
  let s = 0;
  const q = i * d;
  const b = node * d;
  for (let k = 0; k < d; k++) {
    const x = Q[q + k];
    const gap = Math.max(lo[b + k] - x, x - hi[b + k], 0);
    if (metric.name === 'chebyshev') s = Math.max(s, gap);
    else if (metric.name === 'manhattan') s += gap;
    else if (metric.name === 'euclidean') s += gap * gap;
    else s += gap ** metric.p;
  }
  return s;
}
