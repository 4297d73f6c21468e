/**
 * The uniform distribution on [loc, loc + scale], SciPy's `uniform`. `fit` is the closed
 * form loc = min(x), scale = max(x) − min(x).
 */
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * uniform.cdf(0.25);                     // 0.25
 * uniform({ loc: 2, scale: 4 }).ppf(0.5); // 4
 * ```
 */
export const uniform = makeContinuous<{ loc: number; scale: number }>({
  name: 'uniform',
  shapes: [],
  check: () => null,
  support: () => [0, 1],
  logpdf: () => 0,
  cdf: (y) => y,
  sf: (y) => 1 - y,
  ppf: (q) => q,
  isf: (q) => 1 - q,
  mean: () => 0.5,
  var: () => 1 / 12,
  sample: (_p, g) => g.random(),
  fit: (x, fixed) => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const loc = fixed.loc ?? (fixed.scale !== undefined ? (min + max - fixed.scale) / 2 : min);
    return { loc, scale: fixed.scale ?? max - loc };
  },
});
