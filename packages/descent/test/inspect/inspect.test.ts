// descent/inspect. Partial dependence against scikit-learn 1.2.1 (tools/fixtures/inspection.py);
// permutation importance against scikit-learn's means within sampling error; Shapley values
// (Kernel SHAP and Tree SHAP) against brute-force Shapley values computed here from the
// definition, φ_j = Σ_{S ⊆ F∖{j}} |S|!(M − |S| − 1)!/M! · (v(S ∪ {j}) − v(S)), by enumerating
// every subset: a reference that shares no code with the explainers.
import { describe, expect, it } from 'vitest';
import { KernelExplainer, TreeExplainer, groupMetrics, partialDependence, partialDependenceChart, permutationImportance } from '../../src/inspect/index.js';
import {
  DecisionTreeClassifier, DecisionTreeRegressor, LinearRegression, RandomForestClassifier, RandomForestRegressor, recallScore,
  type TreeArrays,
} from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface PdCase { features: number[]; gridResolution: number; percentiles: [number, number]; grid: number[][]; average: number[]; individual: number[][] }
const fx = loadFixture<{ X: number[][]; y: number[]; coef: number[]; pd: Record<string, PdCase>; permutation: { mean: number[]; std: number[] } }>('inspect.json');

function close(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what = ''): void {
  expect(a.length, what).toBe(e.length);
  for (let i = 0; i < e.length; i++) expect(Math.abs(a[i] - e[i]), `${what}[${i}] ${a[i]} vs ${e[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e[i])));
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Exact Shapley values of the set function v over M players, by enumerating subsets. */
function bruteShapley(M: number, v: (inS: boolean[]) => number): number[] {
  const phi = new Array<number>(M).fill(0);
  for (let bits = 0; bits < 2 ** M; bits++) {
    const S = Array.from({ length: M }, (_, j) => ((bits >> j) & 1) === 1);
    const size = S.filter(Boolean).length;
    const vS = v(S);
    for (let j = 0; j < M; j++) {
      if (S[j]) continue;
      const w = (factorial(size) * factorial(M - size - 1)) / factorial(M);
      phi[j] += w * (v(S.map((s, k) => s || k === j)) - vS);
    }
  }
  return phi;
}

describe('partialDependence agrees with scikit-learn', () => {
  const lr = new LinearRegression().fit(fx.X, fx.y);
  it.each(Object.entries(fx.pd))('%s', (_name, c) => {
    const pd = partialDependence((X) => lr.predict(X), fx.X, c.features, { kind: 'both', gridResolution: c.gridResolution, percentiles: c.percentiles });
    pd.gridValues.forEach((g, k) => close(g, c.grid[k], 1e-12, 'grid'));
    close(pd.average!, c.average, 1e-9, 'average');
    c.individual.forEach((row, i) => close(pd.individual![i], row, 1e-9, `ice ${i}`));
  });
  it('draws PD over ICE as a Vega-Lite line chart', () => {
    const pd = partialDependence((X) => lr.predict(X), fx.X, [0], { kind: 'both', gridResolution: 5 });
    const spec = partialDependenceChart(pd, { maxIce: 3 });
    expect(spec.$schema).toMatch(/vega-lite/);
    expect((spec.data as { values: unknown[] }).values.length).toBe(3 * 5 + 5);
  });
});

describe('permutationImportance', () => {
  it('matches scikit-learn\'s mean importances within sampling error (50 repeats)', () => {
    const lr = new LinearRegression().fit(fx.X, fx.y);
    const r = permutationImportance(lr, fx.X, fx.y, { nRepeats: 50, randomState: 0 });
    // Each mean has a standard error of about std/√50 ≈ 0.008; allow 0.04 (≈ 3.5 standard errors of a difference).
    r.importancesMean.forEach((m, j) => expect(Math.abs(m - fx.permutation.mean[j]), `feature ${j}`).toBeLessThan(0.04));
    r.importancesStd.forEach((s, j) => expect(Math.abs(s - fx.permutation.std[j])).toBeLessThan(0.02));
  });
  it('a feature the model ignores has importance exactly 0', () => {
    const X = fx.X.map((r) => [r[0], r[1], r[2], r[0] * 0 + (r[1] > 0 ? 1 : -1)]);
    const model = new LinearRegression().fit(X.map((r) => r.slice(0, 3)), fx.y);
    const wrapped = { score: (Xs: number[][], ys: number[]) => model.score(Xs.map((r) => r.slice(0, 3)), ys) } as never;
    expect(permutationImportance(wrapped, X, fx.y, { nRepeats: 3 }).importancesMean[3]).toBe(0);
  });
});

describe('KernelExplainer', () => {
  const f = (X: number[][]) => X.map((x) => x[0] * x[1] + x[2] ** 2 - Math.sin(x[3]));
  const background = fx.X.slice(0, 8).map((r) => [...r, r[0] - r[1]]);
  const x = [0.7, -1.2, 0.5, 2.0];
  it('equals the exact Shapley values of the interventional value function (all coalitions)', () => {
    const ex = new KernelExplainer(f, background);
    const phi = ex.shapValues([x])[0];
    const v = (S: boolean[]) => f(background.map((b) => b.map((bv, j) => (S[j] ? x[j] : bv)))).reduce((a, c) => a + c, 0) / background.length;
    close(phi, bruteShapley(4, v), 1e-9, 'phi');
    // Local accuracy: φ₀ + Σφ = f(x).
    expect(ex.expectedValue + phi.reduce((a, b) => a + b, 0)).toBeCloseTo(f([x])[0], 10);
  });
  it('recovers w_j·(x_j − E[x_j]) for a linear model from sampled coalitions (12 features)', () => {
    const w = Array.from({ length: 12 }, (_, j) => (j % 3) - 1 + j / 10);
    const lin = (X: number[][]) => X.map((r) => r.reduce((s, v, j) => s + w[j] * v, 0));
    const bg = Array.from({ length: 6 }, (_, i) => Array.from({ length: 12 }, (_, j) => Math.sin(i * 12 + j)));
    const xx = Array.from({ length: 12 }, (_, j) => Math.cos(j));
    const phi = new KernelExplainer(lin, bg, { randomState: 1 }).shapValues([xx])[0];
    const mean = (j: number) => bg.reduce((s, r) => s + r[j], 0) / bg.length;
    close(phi, w.map((wj, j) => wj * (xx[j] - mean(j))), 1e-8, 'phi');
  });
});

/** E[f(x) | x_S] for a tree, marginalising features outside S by training cover (the path-dependent value function). */
function treeExpectation(t: TreeArrays, x: number[], S: boolean[], out: (node: number) => number, node = 0): number {
  if (t.childrenLeft[node] < 0) return out(node);
  const l = t.childrenLeft[node];
  const r = t.childrenRight[node];
  const j = t.feature[node];
  if (S[j]) return treeExpectation(t, x, S, out, x[j] <= t.threshold[node] ? l : r);
  const c = t.weightedNNodeSamples;
  return (c[l] * treeExpectation(t, x, S, out, l) + c[r] * treeExpectation(t, x, S, out, r)) / c[node];
}

describe('TreeExplainer: exact path-dependent Tree SHAP', () => {
  const X = fx.X.map((r) => [r[0], r[1], r[2], r[0] + 0.3 * r[1]]);
  const rows = X.slice(0, 6);
  it('a regression tree: brute-force Shapley values and local accuracy', () => {
    const tree = new DecisionTreeRegressor({ maxDepth: 5, randomState: 0 }).fit(X, fx.y);
    const t = tree.tree_;
    const ex = new TreeExplainer(tree);
    const phis = ex.shapValues(rows) as number[][];
    rows.forEach((x, i) => {
      const ref = bruteShapley(4, (S) => treeExpectation(t, x, S, (n) => t.value[n]));
      close(phis[i], ref, 1e-10, `row ${i}`);
      expect(ex.expectedValue[0] + phis[i].reduce((a, b) => a + b, 0)).toBeCloseTo(tree.predict([x])[0], 10);
    });
  });
  it('a classification tree, per class probability', () => {
    const labels = fx.y.map((v) => (v > 1 ? 'high' : v < -1 ? 'low' : 'mid'));
    const tree = new DecisionTreeClassifier({ maxDepth: 4, randomState: 0 }).fit(X, labels);
    const t = tree.tree_;
    const ex = new TreeExplainer(tree);
    const phis = ex.shapValues(rows) as number[][][];
    const proba = tree.predictProba(rows);
    rows.forEach((x, i) => {
      for (let c = 0; c < 3; c++) {
        const share = (n: number) => t.value[n * 3 + c] / (t.value[n * 3] + t.value[n * 3 + 1] + t.value[n * 3 + 2]);
        close(phis[i][c], bruteShapley(4, (S) => treeExpectation(t, x, S, share)), 1e-10, `row ${i} class ${c}`);
        expect(ex.expectedValue[c] + phis[i][c].reduce((a, b) => a + b, 0)).toBeCloseTo(proba[i][c], 10);
      }
    });
  });
  it('forests: the mean of their trees\' values, summing to the forest\'s prediction', () => {
    const rf = new RandomForestRegressor({ nEstimators: 5, maxDepth: 4, randomState: 0 }).fit(X, fx.y);
    const phis = new TreeExplainer(rf).shapValues(rows) as number[][];
    const ev = new TreeExplainer(rf).expectedValue[0];
    rows.forEach((x, i) => expect(ev + phis[i].reduce((a, b) => a + b, 0)).toBeCloseTo(rf.predict([x])[0], 9));
    const rfc = new RandomForestClassifier({ nEstimators: 4, maxDepth: 3, randomState: 0 }).fit(X, fx.y.map((v) => (v > 0 ? 1 : 0)));
    const ex = new TreeExplainer(rfc);
    const pc = ex.shapValues(rows) as number[][][];
    const proba = rfc.predictProba(rows);
    rows.forEach((_, i) => expect(ex.expectedValue[1] + pc[i][1].reduce((a, b) => a + b, 0)).toBeCloseTo(proba[i][1], 9));
  });
  it('refuses models that are not trees', () => {
    expect(() => new TreeExplainer(new LinearRegression().fit(X, fx.y) as never)).toThrow(/TreeExplainer: expected a fitted decision tree/);
  });
});

describe('groupMetrics', () => {
  it('slices a metric by group, with the gap and ratio', () => {
    const yTrue = [1, 1, 0, 1, 1, 0, 1, 1];
    const yPred = [1, 0, 0, 1, 1, 0, 0, 0];
    const g = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const r = groupMetrics((t, p) => recallScore(t, p) as number, yTrue, yPred, g);
    expect(r.byGroup).toEqual({ a: 2 / 3, b: 1 / 3 });
    expect(r.overall).toBeCloseTo(3 / 6, 12);
    expect(r.difference).toBeCloseTo(1 / 3, 12);
    expect(r.ratio).toBeCloseTo(0.5, 12);
    expect(r.counts).toEqual({ a: 4, b: 4 });
  });
});
