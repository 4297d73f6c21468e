// Tree SHAP for gradient boosting. Golden values: Shapley values of small scikit-learn 1.2.1
// ensembles computed by brute force over all 2^4 feature subsets from scikit-learn's own tree
// arrays (tools/fixtures/tree_shap.py; the `shap` package is not in Debian). Our fit builds the
// same trees (the split features match and the decision function agrees to 1e-9), so the values must agree too. Then local
// accuracy (expected value + Σφ = raw score) on larger ensembles, with NaN for histogram trees.
import { describe, expect, it } from 'vitest';
import { TreeExplainer } from '../../src/inspect/index.js';
import {
  GradientBoostingClassifier, GradientBoostingRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor,
} from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from '../learn/close.js';

interface Case { name: string; estimator: string; params: Record<string, unknown>; target: string; raw: number[] | number[][]; expectedValue: number[]; features: number[][]; shapValues: number[][][] }
const fx = loadFixture<{ source: string; X: number[][]; rows: number[][]; targets: Record<string, number[]>; cases: Case[] }>('tree-shap.json');

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const MODELS = { GradientBoostingRegressor, GradientBoostingClassifier, HistGradientBoostingRegressor, HistGradientBoostingClassifier };

type Model = InstanceType<(typeof MODELS)[keyof typeof MODELS]>;
const rawOf = (m: Model, X: number[][]): number[] | number[][] => ('decisionFunction' in m ? m.decisionFunction(X) : m.predict(X));

describe(`TreeExplainer on boosting equals brute-force Shapley values of ${fx.source}'s trees`, () => {
  it.each(fx.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [camel(k), v]));
    const Est = MODELS[c.estimator as keyof typeof MODELS];
    const model = new Est({ ...params, randomState: 0 } as never).fit(fx.X, fx.targets[c.target] as never);
    const splits = 'predictors_' in model
      ? model.predictors_.flat().map((t) => Array.from(t.feature, (f, n) => (t.left[n] === -1 ? -1 : f)))
      : model.estimators_.flat().map((e) => Array.from(e.tree_.feature, (f) => (f < 0 ? -1 : f)));
    // Histogram trees number their nodes in a different order: compare each tree's sorted split features.
    const sorted = (t: number[][]) => t.map((f) => [...f].sort((a, b) => a - b));
    expect(sorted(splits), 'same trees: split features').toEqual(sorted(c.features));
    expectAllClose(rawOf(model, fx.rows), c.raw, 1e-9, 'same trees: raw score');
    const ex = new TreeExplainer(model);
    expect(ex.modelOutput).toBe('raw');
    expectAllClose(ex.expectedValue, c.expectedValue, 1e-9, 'expectedValue');
    const phi = ex.shapValues(fx.rows);
    // The fixture keeps an outputs axis always; ours drops it when there is one output.
    expectAllClose(ex.nOutputs === 1 ? (phi as number[][]).map((r) => [r]) : phi, c.shapValues, 1e-9, 'shapValues');
  });
});

describe('TreeExplainer on boosting: local accuracy', () => {
  const X = fx.X;
  const rows = X.slice(10, 30);
  const sums = (phi: number[][], ev: number) => phi.map((r) => ev + r.reduce((a, b) => a + b, 0));

  it('GradientBoostingRegressor with subsampling: expected value + Σφ = prediction', () => {
    const gb = new GradientBoostingRegressor({ nEstimators: 40, maxDepth: 4, subsample: 0.7, randomState: 1 }).fit(X, fx.targets.reg);
    const ex = new TreeExplainer(gb);
    expectAllClose(sums(ex.shapValues(rows) as number[][], ex.expectedValue[0]), gb.predict(rows), 1e-9, 'sum');
  });
  it('GradientBoostingClassifier, 3 classes: one row of values per class, summing to each raw score', () => {
    const gb = new GradientBoostingClassifier({ nEstimators: 15, maxDepth: 3, randomState: 0 }).fit(X, fx.targets.multi);
    const ex = new TreeExplainer(gb);
    const phi = ex.shapValues(rows) as number[][][];
    const raw = gb.decisionFunction(rows) as number[][];
    expect(ex.nOutputs).toBe(3);
    for (let k = 0; k < 3; k++) expectAllClose(sums(phi.map((p) => p[k]), ex.expectedValue[k]), raw.map((r) => r[k]), 1e-9, `class ${k}`);
  });
  it('HistGradientBoosting with NaN: missing values follow the learned side', () => {
    const Xn = X.map((r, i) => r.map((v, j) => ((i + j) % 7 === 0 ? NaN : v)));
    const hgb = new HistGradientBoostingClassifier({ maxIter: 20, earlyStopping: false, randomState: 0 }).fit(Xn, fx.targets.bin);
    const ex = new TreeExplainer(hgb);
    const rn = Xn.slice(0, 20);
    expectAllClose(sums(ex.shapValues(rn) as number[][], ex.expectedValue[0]), hgb.decisionFunction(rn) as number[], 1e-9, 'sum');
    const reg = new HistGradientBoostingRegressor({ maxIter: 20, loss: 'poisson', earlyStopping: false }).fit(X, fx.targets.reg.map((v) => Math.exp(v / 2)));
    const er = new TreeExplainer(reg);
    // Poisson: the raw score is log of the prediction.
    expectAllClose(sums(er.shapValues(rows) as number[][], er.expectedValue[0]), reg.predict(rows).map(Math.log), 1e-9, 'poisson log');
  });
  it('a feature no tree splits on gets exactly 0', () => {
    const Xc = X.map((r) => [...r, 0.5]);
    const gb = new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 2 }).fit(Xc, fx.targets.reg);
    for (const p of new TreeExplainer(gb).shapValues(Xc.slice(0, 5)) as number[][]) expect(p[4]).toBe(0);
  });
  it('refuses NaN for trees that did not learn a side for it', () => {
    const gb = new GradientBoostingRegressor({ nEstimators: 3 }).fit(X, fx.targets.reg);
    expect(() => new TreeExplainer(gb).shapValues([[NaN, 0, 0, 0]])).toThrow(/TreeExplainer/);
  });
});
