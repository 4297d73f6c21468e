/**
 * The population stability index, the drift measure of credit scoring (Siddiqi, Credit Risk
 * Scorecards, 2006, ch. 8; Yurdakul, "Statistical properties of population stability
 * index", 2018): bin a reference sample, compare the share of a current sample in each bin,
 *
 *   PSI = Σᵢ (aᵢ − eᵢ) · log(aᵢ / eᵢ),
 *
 * with empty shares floored at `epsilon`. The usual reading: below 0.1 no meaningful shift,
 * 0.1–0.25 a moderate shift worth watching, above 0.25 a major shift. For a test with a
 * p-value use `ks2samp` (continuous features) or `chisquare` on the bin counts.
 */
import { sample, sorted } from '../descriptive/data.js';
import { quantile } from '../descriptive/quantile.js';

export interface PsiOptions {
  /** Number of bins (default 10). */
  bins?: number;
  /** 'quantile' (default): equal-count bins of the reference; 'uniform': equal-width bins. */
  binning?: 'quantile' | 'uniform';
  /** Floor for empty shares, so the log stays finite (default 1e-4). */
  epsilon?: number;
}

export interface PsiResult {
  psi: number;
  /** 'stable' (< 0.1), 'moderate' (0.1–0.25) or 'major' (≥ 0.25). */
  level: 'stable' | 'moderate' | 'major';
  /** Inner bin edges (values ≤ an edge fall left of it), and the shares and terms per bin. */
  edges: number[];
  expected: number[];
  actual: number[];
  contributions: number[];
}

/**
 * ```ts
 * populationStabilityIndex(trainingScores, liveScores); // { psi, level, … }
 * ```
 */
export function populationStabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PsiOptions = {}): PsiResult {
  const { bins = 10, binning = 'quantile', epsilon = 1e-4 } = options;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`populationStabilityIndex: bins must be an integer >= 2, got ${bins}`);
  if (binning !== 'quantile' && binning !== 'uniform') throw new RangeError(`populationStabilityIndex: binning must be 'quantile' or 'uniform', got '${binning}'`);
  const ref = sorted(sample('populationStabilityIndex', expected, 2, 'expected'));
  const cur = sample('populationStabilityIndex', actual, 1, 'actual');
  let edges: number[];
  if (binning === 'quantile') {
    edges = quantile(ref, Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins));
  } else {
    const lo = ref[0];
    const hi = ref[ref.length - 1];
    edges = Array.from({ length: bins - 1 }, (_, i) => lo + ((hi - lo) * (i + 1)) / bins);
  }
  // bin i holds values in (edges[i−1], edges[i]]; the outer bins are open-ended
  const binOf = (v: number) => {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const share = (x: ArrayLike<number>) => {
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < x.length; i++) counts[binOf(x[i])]++;
    return counts.map((c) => Math.max(c / x.length, epsilon));
  };
  const e = share(ref);
  const a = share(cur);
  const contributions = e.map((ei, i) => (a[i] - ei) * Math.log(a[i] / ei));
  const psi = contributions.reduce((s, v) => s + v, 0);
  return { psi, level: psi < 0.1 ? 'stable' : psi < 0.25 ? 'moderate' : 'major', edges, expected: e, actual: a, contributions };
}
