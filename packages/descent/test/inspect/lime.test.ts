// LimeTabularExplainer. The `lime` package is not in Debian, so there is no golden run to
// compare with (and its samples come from NumPy's generator, which we do not share): these are
// properties the method must have. A linear model's slopes come back exactly (up to the ridge's
// shrinkage) when features are standardized; the quartile cuts are NumPy's percentiles; the
// surrogate's prediction at x is the intercept plus the sum of the weights; a seed fixes
// everything; a feature the model ignores gets a weight near 0.
import { describe, expect, it } from 'vitest';
import { LimeTabularExplainer, weightedRidge } from '../../src/inspect/index.js';
import { Generator } from '../../src/random/index.js';

const rng = new Generator(5);
const X = Array.from({ length: 400 }, () => [rng.normal(0, 1), rng.normal(2, 3), rng.normal(-1, 0.5), rng.normal(0, 2)]);
const coef = [2, -0.5, 4, 0];
const linear = (R: number[][]) => R.map((r) => 1 + r.reduce((s, v, j) => s + coef[j] * v, 0));
const std = (j: number) => {
  const m = X.reduce((s, r) => s + r[j], 0) / X.length;
  return Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / X.length);
};

describe('LimeTabularExplainer', () => {
  it('quartile cuts are NumPy\'s linear-interpolation percentiles; kernel width 0.75·√d', () => {
    const lime = new LimeTabularExplainer([1, 2, 3, 4, 5, 6, 7, 8].map((v) => [v, 8 - v, 1]));
    // np.percentile([1..8], [25, 50, 75]) = [2.75, 4.5, 6.25]; a constant column has one cut.
    expect(lime.cuts[0]).toEqual([2.75, 4.5, 6.25]);
    expect(lime.cuts[2]).toEqual([1]);
    expect(lime.kernelWidth).toBeCloseTo(0.75 * Math.sqrt(3), 12);
    expect(lime.binName(0, 2.75)).toBe('x0 <= 2.75');
    expect(lime.binName(0, 5)).toBe('4.5 < x0 <= 6.25');
    expect(lime.binName(0, 7)).toBe('x0 > 6.25');
  });

  it('recovers a linear model\'s slopes per standard deviation on standardized features', () => {
    const lime = new LimeTabularExplainer(X, { discretizeContinuous: false, randomState: 0 });
    const e = lime.explainInstance(X[3], linear, { numFeatures: 4, numSamples: 3000 });
    for (const { feature, weight } of e.weights) expect(weight, `feature ${feature}`).toBeCloseTo(coef[feature] * std(feature), 1);
    // The exact fit is only shrunk by the ridge penalty α = 1 against a total kernel weight in the hundreds.
    const rel = e.weights.map(({ feature, weight }) => Math.abs(weight - coef[feature] * std(feature)) / Math.max(1, Math.abs(coef[feature] * std(feature))));
    expect(Math.max(...rel)).toBeLessThan(0.01);
    expect(e.score).toBeGreaterThan(0.9999);
    expect(e.prediction).toBeCloseTo(linear([X[3]])[0], 12);
    expect(e.localPrediction).toBeCloseTo(e.prediction, 1);
  });

  it('discretized: localPrediction = intercept + Σ weights, the ignored feature weighs least', () => {
    const lime = new LimeTabularExplainer(X, { randomState: 1 });
    const x = [1.2, -2, -0.3, 0.1];
    const e = lime.explainInstance(x, linear, { numFeatures: 4, numSamples: 2000 });
    expect(e.localPrediction).toBeCloseTo(e.intercept + e.weights.reduce((s, w) => s + w.weight, 0), 10);
    expect(e.weights[3].feature).toBe(3);
    expect(Math.abs(e.weights[3].weight)).toBeLessThan(0.2);
    // x sits in the top bin of x0 and x2 (positive slopes) and the bottom of x1 (negative slope): each raises f.
    for (const w of e.weights.slice(0, 3)) expect(w.weight, w.name).toBeGreaterThan(0);
    expect(e.weights.map((w) => w.name)).toContain(`x0 > ${Number(lime.cuts[0][2].toFixed(2))}`);
  });

  it('numFeatures keeps that many; forward selection finds the features a step function uses', () => {
    const step = (R: number[][]) => R.map((r) => (r[1] > 2 ? 1 : 0) + 0.5 * (r[2] > -1 ? 1 : 0));
    const lime = new LimeTabularExplainer(X, { randomState: 2 });
    const e = lime.explainInstance([0, 5, 0, 0], step, { numFeatures: 2, numSamples: 1500 });
    expect(e.weights.map((w) => w.feature).sort()).toEqual([1, 2]);
    expect(e.weights[0].feature).toBe(1);
    // With more than 6 features kept, lime ranks by a ridge on all features instead.
    const wide = X.map((r) => [...r, ...r.map((v) => v * 0.1)]);
    const e8 = new LimeTabularExplainer(wide, { randomState: 2 }).explainInstance(wide[0], (R) => step(R), { numFeatures: 8, numSamples: 800 });
    expect(e8.weights).toHaveLength(8);
  });

  it('is reproducible with a seed and varies without one fixed', () => {
    const run = (seed: number) => new LimeTabularExplainer(X, { randomState: seed }).explainInstance(X[0], linear, { numSamples: 500 });
    expect(run(7)).toEqual(run(7));
    expect(run(7).intercept).not.toBe(run(8).intercept);
  });

  it('weightedRidge with α → 0 is weighted least squares', () => {
    const Z = [[0, 1], [1, 0], [1, 1], [2, 1], [0, 3]];
    const y = Z.map((z) => 3 + 2 * z[0] - z[1]);
    const r = weightedRidge(Z, y, [1, 2, 0.5, 1, 3], [0, 1], 0);
    expect(r.coef[0]).toBeCloseTo(2, 10);
    expect(r.coef[1]).toBeCloseTo(-1, 10);
    expect(r.intercept).toBeCloseTo(3, 10);
    expect(r.r2).toBeCloseTo(1, 12);
  });

  it('says what is wrong with bad input', () => {
    expect(() => new LimeTabularExplainer([[1, 2]])).toThrow(/LimeTabularExplainer: trainingData must be/);
    expect(() => new LimeTabularExplainer([[1, NaN], [2, 3]])).toThrow(/finite numbers/);
    const lime = new LimeTabularExplainer(X);
    expect(() => lime.explainInstance([1, 2], linear)).toThrow(/x must be 4 finite numbers/);
    expect(() => lime.explainInstance(X[0], linear, { numSamples: 1 })).toThrow(/numSamples must be an integer >= 2/);
    expect(() => lime.explainInstance(X[0], () => [1, 2], { numSamples: 10 })).toThrow(/predictFn must return one finite number per row/);
  });
});
