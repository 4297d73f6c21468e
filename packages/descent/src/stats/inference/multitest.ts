/**
 * Multiple-testing corrections, as statsmodels' `multipletests(pvals, alpha, method)`:
 * Bonferroni, Holm's step-down (Holm, Scand. J. Stat. 6 (1979) 65), Šidák, and
 * Benjamini & Hochberg's false discovery rate (JRSS B 57 (1995) 289), 'fdr_bh'.
 */

export interface MultipletestsOptions {
  alpha?: number;
  method?: 'bonferroni' | 'holm' | 'sidak' | 'fdr_bh';
}

export interface MultipletestsResult {
  reject: boolean[];
  pvalsCorrected: number[];
}

/**
 * ```ts
 * multipletests([0.01, 0.04, 0.03, 0.2], { method: 'holm' });
 * // { reject: [true, false, false, false], pvalsCorrected: [0.04, 0.09, 0.09, 0.2] }
 * ```
 */
export function multipletests(pvals: ArrayLike<number>, options: MultipletestsOptions = {}): MultipletestsResult {
  const { alpha = 0.05, method = 'holm' } = options;
  const p = Array.from(pvals);
  p.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`multipletests: p-values must lie in [0, 1], got ${v} at index ${i}`);
  });
  const m = p.length;
  const order = p.map((_, i) => i).sort((i, j) => p[i] - p[j]);
  const corrected = new Array<number>(m);
  switch (method) {
    case 'bonferroni':
      p.forEach((v, i) => (corrected[i] = Math.min(1, v * m)));
      break;
    case 'sidak':
      p.forEach((v, i) => (corrected[i] = -Math.expm1(m * Math.log1p(-v))));
      break;
    case 'holm': {
      // step-down: (m − k)·p₍ₖ₎, made monotone non-decreasing
      let running = 0;
      order.forEach((i, k) => {
        running = Math.max(running, Math.min(1, (m - k) * p[i]));
        corrected[i] = running;
      });
      break;
    }
    case 'fdr_bh': {
      // step-up: m/k·p₍ₖ₎, made monotone from the largest down
      let running = 1;
      for (let k = m - 1; k >= 0; k--) {
        const i = order[k];
        running = Math.min(running, (m / (k + 1)) * p[i]);
        corrected[i] = Math.min(1, running);
      }
      break;
    }
    default:
      throw new RangeError(`multipletests: method must be 'bonferroni', 'holm', 'sidak' or 'fdr_bh', got '${method}'`);
  }
  return { reject: corrected.map((v) => v <= alpha), pvalsCorrected: corrected };
}
