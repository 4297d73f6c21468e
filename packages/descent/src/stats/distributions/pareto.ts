/**
 * The Pareto distribution with shape `b`, SciPy's `pareto`: pdf(y) = b/y^{b+1} for y ≥ 1,
 * sf(y) = y^{−b}.
 */
import { makeContinuous } from './continuous.js';

/**
 * ```ts
 * pareto.sf(2, 3);          // 1/8
 * pareto({ b: 3 }).mean();  // 1.5
 * ```
 */
export const pareto = makeContinuous<{ b: number; loc: number; scale: number }>({
  name: 'pareto',
  shapes: ['b'],
  check: (p) => (p.b > 0 ? null : `b must be > 0, got ${p.b}`),
  support: () => [1, Infinity],
  logpdf: (y, p) => Math.log(p.b) - (p.b + 1) * Math.log(y),
  cdf: (y, p) => -Math.expm1(-p.b * Math.log(y)),
  sf: (y, p) => Math.exp(-p.b * Math.log(y)),
  ppf: (q, p) => Math.exp(-Math.log1p(-q) / p.b),
  isf: (q, p) => Math.exp(-Math.log(q) / p.b),
  mean: (p) => (p.b > 1 ? p.b / (p.b - 1) : Infinity),
  var: (p) => (p.b > 2 ? p.b / ((p.b - 1) ** 2 * (p.b - 2)) : Infinity),
  fitStart: () => ({ b: 2 }),
});
