/**
 * Partial dependence and individual conditional expectation (Friedman, "Greedy function
 * approximation", 2001, §8.2; Goldstein et al., "Peeking Inside the Black Box", 2015):
 * set one feature (or a pair) to each grid value in every row, predict, and average (PD)
 * or keep each row's curve (ICE). scikit-learn's `partial_dependence` with method 'brute'.
 */
import { baseSpec, type ChartOptions, type ChartSpec } from '../plot/spec.js';
import { checkArray, type MatrixLike } from '../learn/base/validation.js';
import type { PredictFn } from './kernel-explainer.js';

export interface PartialDependenceOptions {
  /** Grid points per feature when the feature has more distinct values. Default 100. */
  gridResolution?: number;
  /** The grid spans these quantiles of the feature (scipy's `mquantiles`). Default [0.05, 0.95]. */
  percentiles?: [number, number];
  /** 'average' (PD), 'individual' (ICE) or 'both'. Default 'average'. */
  kind?: 'average' | 'individual' | 'both';
}

export interface PartialDependenceResult {
  /** The grid of each feature. */
  gridValues: number[][];
  /** PD: mean prediction at each grid point (for two features, a (g₁, g₂) table flattened row-major). */
  average?: number[];
  /** ICE: each row's prediction at each grid point. */
  individual?: number[][];
}

/**
 * scipy.stats.mstats.mquantiles with its defaults (α = β = 0.4): the quantile estimate
 * scikit-learn uses for the grid's ends.
 */
export function mquantile(values: readonly number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const m = 0.4 + p * (1 - 0.4 - 0.4);
  const aleph = n * p + m;
  const k = Math.min(Math.max(Math.floor(aleph), 1), n - 1);
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  return (1 - gamma) * x[k - 1] + gamma * x[k];
}

/** scikit-learn's `_grid_from_X` for one column: its distinct values if few, else an even grid between two quantiles. */
export function featureGrid(column: readonly number[], gridResolution = 100, percentiles: [number, number] = [0.05, 0.95]): number[] {
  const unique = [...new Set(column)].sort((a, b) => a - b);
  if (unique.length < gridResolution) return unique;
  const lo = mquantile(column, percentiles[0]);
  const hi = mquantile(column, percentiles[1]);
  if (lo === hi) throw new Error('partialDependence: the percentiles are too close to each other; widen them.');
  return Array.from({ length: gridResolution }, (_, i) => lo + ((hi - lo) * i) / (gridResolution - 1));
}

/**
 * ```ts
 * const pd = partialDependence((X) => model.predict(X), X, [0], { kind: 'both' });
 * pd.gridValues[0]; pd.average; pd.individual;   // plot with partialDependenceChart(pd)
 * ```
 */
export function partialDependence(predict: PredictFn, X: MatrixLike, features: number[], options: PartialDependenceOptions = {}): PartialDependenceResult {
  const M = checkArray(X, { caller: 'partialDependence' });
  if (features.length < 1 || features.length > 2 || features.some((f) => !Number.isInteger(f) || f < 0 || f >= M.cols)) {
    throw new Error(`partialDependence: features must list one or two column indices in [0, ${M.cols - 1}]; got ${JSON.stringify(features)}.`);
  }
  const kind = options.kind ?? 'average';
  const rows = Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
  const gridValues = features.map((f) => featureGrid(rows.map((r) => r[f]), options.gridResolution ?? 100, options.percentiles ?? [0.05, 0.95]));
  // Cartesian product of the grids, first feature slowest (sklearn's `cartesian`).
  const points: number[][] = features.length === 1 ? gridValues[0].map((v) => [v]) : gridValues[0].flatMap((a) => gridValues[1].map((b) => [a, b]));
  const individual = rows.map(() => new Array<number>(points.length));
  points.forEach((pt, g) => {
    const modified = rows.map((r) => {
      const c = [...r];
      features.forEach((f, k) => (c[f] = pt[k]));
      return c;
    });
    const pred = predict(modified);
    for (let i = 0; i < rows.length; i++) individual[i][g] = pred[i];
  });
  const out: PartialDependenceResult = { gridValues };
  if (kind !== 'individual') out.average = points.map((_, g) => individual.reduce((s, r) => s + r[g], 0) / rows.length);
  if (kind !== 'average') out.individual = individual;
  return out;
}

/**
 * A PD/ICE line chart for one feature: thin ICE curves (up to `maxIce` of them) under the
 * thick PD curve.
 *
 * ```ts
 * partialDependenceChart(partialDependence(f, X, [2], { kind: 'both' }), { xLabel: 'bmi' });
 * ```
 */
export function partialDependenceChart(pd: PartialDependenceResult, options: ChartOptions & { maxIce?: number } = {}): ChartSpec {
  if (pd.gridValues.length !== 1) throw new Error('partialDependenceChart: draws one feature; pass the result of partialDependence with one feature.');
  const grid = pd.gridValues[0];
  const values: { x: number; y: number; curve: string; kind: string }[] = [];
  (pd.individual ?? []).slice(0, options.maxIce ?? 50).forEach((r, i) => r.forEach((y, g) => values.push({ x: grid[g], y, curve: `ice${i}`, kind: 'ICE' })));
  if (pd.average) pd.average.forEach((y, g) => values.push({ x: grid[g], y, curve: 'pd', kind: 'average (PD)' }));
  return {
    ...baseSpec({ title: 'Partial dependence', ...options }),
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xLabel ?? 'feature value' },
      y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'prediction', scale: { zero: false } },
      detail: { field: 'curve', type: 'nominal' },
      color: { field: 'kind', type: 'nominal', title: null },
      strokeWidth: { condition: { test: "datum.kind === 'ICE'", value: 0.6 }, value: 3 },
      opacity: { condition: { test: "datum.kind === 'ICE'", value: 0.35 }, value: 1 },
    },
  };
}
