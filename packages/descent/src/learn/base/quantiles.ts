/**
 * NumPy's grids and quantiles, shared by the estimators and metrics that must bin or cut data
 * exactly where scikit-learn does (KBinsDiscretizer, RobustScaler, DummyRegressor, calibrationCurve).
 */

/** NumPy's `linspace(a, b, n + 1)`: a + i·(b − a)/n, with the last value exactly b. */
export function linspace(a: number, b: number, n: number): number[] {
  const step = (b - a) / n;
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? b : i * step + a));
}

/**
 * NumPy's default `percentile` of already sorted values, q in [0, 100]: linear interpolation
 * between order statistics, interpolating from the upper neighbour when the fraction is ≥ 0.5
 * (NumPy's `_lerp`), so q = 100 gives the maximum exactly.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The q-quantile (q in [0, 1]) of unsorted values, as `np.quantile`; NaN for no values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN;
  return percentile(Float64Array.from(values).sort(), q * 100);
}
