import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { loadIris, loadDiabetes } from '../../src/datasets/index.js';
import {
  LinearRegression, Ridge, Lasso, LogisticRegression, DecisionTreeClassifier, DecisionTreeRegressor,
  RandomForestClassifier, RandomForestRegressor, ExtraTreesClassifier, GradientBoostingClassifier, GradientBoostingRegressor, type BaseEstimator,
} from '../../src/learn/index.js';
import { exportOnnxEstimator, floorFloat32, decodeModel } from '../../src/onnx/index.js';
import { runOrt } from './ort.js';

const feed = (X: number[][]) => ({ X: new ort.Tensor('float32', Float32Array.from(X.flat()), [X.length, X[0].length]) });
const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const iris = loadIris();
const Xc = iris.data as number[][];
const yc = iris.target as number[];
const yBinary = yc.map((v) => (v === 2 ? 1 : 0));
const diabetes = loadDiabetes();
const Xr = (diabetes.data as number[][]).slice(0, 200);
const yr = (diabetes.target as number[]).slice(0, 200);

async function checkRegressor(est: BaseEstimator & { predict(X: number[][]): number[] }, X: number[][], tol: number): Promise<void> {
  const got = await runOrt(exportOnnxEstimator(est), feed(X));
  expect([...got.variable.dims]).toEqual([X.length]);
  expect(maxDiff(got.variable.data, est.predict(X))).toBeLessThan(tol);
}

async function checkClassifier(est: BaseEstimator & { predict(X: number[][]): unknown[]; predictProba(X: number[][]): number[][] }, X: number[][], tol = 1e-5): Promise<void> {
  const got = await runOrt(exportOnnxEstimator(est), feed(X));
  expect(got.label.raw).toEqual(est.predict(X));
  expect([...got.probabilities.dims]).toEqual([X.length, est.predictProba([X[0]])[0].length]);
  expect(maxDiff(got.probabilities.data, est.predictProba(X).flat())).toBeLessThan(tol);
}

describe('exportOnnxEstimator: learn models run in ONNX Runtime like Descent', () => {
  it('linear regressors', async () => {
    for (const est of [new LinearRegression(), new Ridge({ alpha: 0.5 }), new Lasso({ alpha: 0.1 })]) {
      est.fit(Xr, yr);
      await checkRegressor(est, Xr, 1e-3 * 150);   // float32 over targets ~150: relative 1e-5
    }
  });

  it('logistic regression: binary, multinomial and one-vs-rest', async () => {
    await checkClassifier(new LogisticRegression({ maxIter: 500 }).fit(Xc, yBinary), Xc);
    await checkClassifier(new LogisticRegression({ maxIter: 500 }).fit(Xc, yc), Xc);
    await checkClassifier(new LogisticRegression({ maxIter: 500, multiClass: 'ovr' }).fit(Xc, yc), Xc);
  });

  it('trees and forests: identical splits, so labels and probabilities agree', async () => {
    await checkClassifier(new DecisionTreeClassifier({ maxDepth: 4, randomState: 0 }).fit(Xc, yc), Xc);
    await checkClassifier(new RandomForestClassifier({ nEstimators: 15, randomState: 0 }).fit(Xc, yc), Xc);
    await checkClassifier(new ExtraTreesClassifier({ nEstimators: 10, randomState: 1 }).fit(Xc, yBinary), Xc);
    await checkRegressor(new DecisionTreeRegressor({ maxDepth: 5, randomState: 0 }).fit(Xr, yr), Xr, 1e-3);
    await checkRegressor(new RandomForestRegressor({ nEstimators: 10, randomState: 0 }).fit(Xr, yr), Xr, 1e-3);
  });

  it('gradient boosting: regressor, binary and multiclass', async () => {
    await checkRegressor(new GradientBoostingRegressor({ nEstimators: 30, randomState: 0 }).fit(Xr, yr), Xr, 1e-3);
    await checkClassifier(new GradientBoostingClassifier({ nEstimators: 20, randomState: 0 }).fit(Xc, yBinary), Xc);
    await checkClassifier(new GradientBoostingClassifier({ nEstimators: 20, randomState: 0 }).fit(Xc, yc), Xc);
  });

  it('string class labels come back as strings', async () => {
    const names = yc.map((v) => ['setosa', 'versicolor', 'virginica'][v]);
    const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(Xc, names);
    await checkClassifier(tree, Xc);
    expect(decodeModel(exportOnnxEstimator(tree)).graph.node.map((n) => n.opType)).toEqual(['TreeEnsembleClassifier', 'Identity', 'Identity']);
  });

  it('floorFloat32 is the largest float32 not above t', () => {
    for (const t of [0.1, -0.1, 2.45, 1e-30, -3.3333333333]) {
      const f = floorFloat32(t);
      expect(f).toBeLessThanOrEqual(t);
      expect(Math.fround(f)).toBe(f);
      const next = new Float32Array([f]);
      new Int32Array(next.buffer)[0] += f >= 0 ? 1 : -1;
      expect(next[0]).toBeGreaterThan(t);
    }
  });

  it('names unfitted and unsupported estimators', () => {
    expect(() => exportOnnxEstimator(new Ridge())).toThrow(/Ridge is not fitted; call fit/);
    expect(() => exportOnnxEstimator({} as BaseEstimator)).toThrow(/expected a descent\/learn estimator/);
  });
});
