/**
 * Parameter importances in the spirit of fANOVA (Hutter, Hoos & Leyton-Brown, "An Efficient
 * Approach for Assessing Hyperparameter Importance", ICML 2014): fit a random forest from
 * descent/learn to the completed trials (parameters → objective), then split the variance of
 * its predictions into main effects. Parameter i's main effect is its partial dependence,
 * the forest's mean prediction with x_i fixed and the other parameters at their observed
 * values; its importance is the variance of that curve over x_i, normalized so the
 * importances sum to 1. (fANOVA integrates over each tree's partition exactly; we estimate the
 * same first-order terms by averaging over the observed trials, which is simpler and close
 * when the trials cover the space.)
 */
import { RandomForestRegressor } from '../learn/ensemble/forest.js';
import { baseSpec, type ChartOptions, type ChartSpec } from '../plot/spec.js';
import type { Study } from './study.js';

/**
 * Importance of each parameter (sums to 1), largest first.
 *
 * ```ts
 * getParamImportances(study); // { lr: 0.81, batchSize: 0.12, dropout: 0.07 }
 * ```
 */
export function getParamImportances(study: Study, options: { params?: string[]; seed?: number; gridSize?: number } = {}): Record<string, number> {
  const trials = study.getTrials(['COMPLETE']);
  const names = options.params ?? [...new Set(trials.flatMap((t) => Object.keys(t.paramsInternal)))].sort();
  const rows = trials.filter((t) => names.every((n) => t.paramsInternal[n] !== undefined));
  if (rows.length < 2 || names.length === 0) {
    throw new Error('getParamImportances: need at least 2 completed trials sharing the parameters; run more trials.');
  }
  // Log-scaled parameters enter the forest in log space, where their effect is usually smooth.
  const tr = names.map((n) => {
    const d = rows[0]?.distributions[n];
    return d !== undefined && d.kind !== 'categorical' && d.log ? Math.log : (v: number) => v;
  });
  const X = rows.map((t) => names.map((n, j) => (tr[j] as (v: number) => number)(t.paramsInternal[n] as number)));
  const y = rows.map((t) => t.values?.[0] as number);
  const forest = new RandomForestRegressor({ nEstimators: 64, randomState: options.seed ?? 0, minSamplesLeaf: 1 }).fit(X, y);
  const gridSize = options.gridSize ?? 16;
  const variances = names.map((_, j) => {
    // Grid over x_j: its distinct observed values, thinned to gridSize quantiles.
    const vals = [...new Set(X.map((r) => r[j] as number))].sort((a, b) => a - b);
    const grid = vals.length <= gridSize ? vals : Array.from({ length: gridSize }, (_, k) => vals[Math.round((k * (vals.length - 1)) / (gridSize - 1))] as number);
    const pd = grid.map((g) => {
      const pred = forest.predict(X.map((r) => r.map((v, c) => (c === j ? g : v))));
      return pred.reduce((a, b) => a + b, 0) / pred.length;
    });
    const mean = pd.reduce((a, b) => a + b, 0) / pd.length;
    return pd.reduce((a, b) => a + (b - mean) ** 2, 0) / pd.length;
  });
  const total = variances.reduce((a, b) => a + b, 0);
  const out = names.map((n, j) => [n, total > 0 ? (variances[j] as number) / total : 1 / names.length] as const);
  return Object.fromEntries(out.sort((a, b) => b[1] - a[1]));
}

/**
 * The importances as a horizontal bar chart.
 *
 * ```ts
 * const svg = await renderSvg(plotParamImportances(study));
 * ```
 */
export function plotParamImportances(study: Study, options: ChartOptions & { seed?: number } = {}): ChartSpec {
  const imp = getParamImportances(study, options.seed === undefined ? {} : { seed: options.seed });
  const values = Object.entries(imp).map(([param, importance]) => ({ param, importance }));
  return {
    ...baseSpec({ title: 'Hyperparameter importances', ...options }, { height: Math.max(60, 28 * values.length) }),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'param', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title: options.xLabel ?? 'importance (share of main-effect variance)' },
      tooltip: [{ field: 'param' }, { field: 'importance', format: '.3f' }],
    },
  };
}
