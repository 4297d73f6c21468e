// The seeded generators: sklearn's RNG differs from ours, so these test the statistical
// shape each generator promises (sklearn.datasets.make_* docs), not golden numbers.
import { describe, expect, it } from 'vitest';
import { makeBlobs, makeCircles, makeClassification, makeMoons, makeRegression } from '../../src/datasets/index.js';
import { matrixRank } from '../../src/linalg/index.js';

const count = (y: number[], c: number) => y.filter((v) => v === c).length;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('makeBlobs', () => {
  it('splits samples over centres and scatters them with clusterStd', () => {
    const { X, y, centers } = makeBlobs({ nSamples: 3001, nFeatures: 3, centers: 3, clusterStd: 0.5, randomState: 1 });
    expect(X.length).toBe(3001);
    expect([count(y, 0), count(y, 1), count(y, 2)]).toEqual([1001, 1000, 1000]);
    centers.forEach((c, k) => {
      expect(c.every((v) => v >= -10 && v < 10)).toBe(true);
      const pts = X.filter((_, i) => y[i] === k);
      for (let j = 0; j < 3; j++) {
        const col = pts.map((p) => p[j]);
        expect(Math.abs(mean(col) - c[j])).toBeLessThan(0.06);
        const sd = Math.sqrt(mean(col.map((v) => (v - c[j]) ** 2)));
        expect(Math.abs(sd - 0.5)).toBeLessThan(0.04);
      }
    });
  });
  it('takes explicit centres and reproduces with a seed', () => {
    const a = makeBlobs({ centers: [[0, 0], [5, 5]], randomState: 3 });
    expect(a.centers).toEqual([[0, 0], [5, 5]]);
    expect(makeBlobs({ centers: [[0, 0], [5, 5]], randomState: 3 })).toEqual(a);
    expect(makeBlobs({ centers: [[0, 0], [5, 5]], randomState: 4 })).not.toEqual(a);
  });
});

describe('makeMoons and makeCircles', () => {
  it('moons without noise lie on the two half circles', () => {
    const { X, y } = makeMoons({ nSamples: 101, randomState: 0 });
    expect([count(y, 0), count(y, 1)]).toEqual([50, 51]);
    X.forEach(([a, b], i) => {
      const r = y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
      expect(r).toBeCloseTo(1, 12);
      expect(y[i] === 0 ? b >= -1e-12 : b <= 0.5 + 1e-12).toBe(true);
    });
  });
  it('circles have radii 1 and factor; noise moves points', () => {
    const { X, y } = makeCircles({ nSamples: 100, factor: 0.3, shuffle: false });
    X.forEach(([a, b], i) => expect(Math.hypot(a, b)).toBeCloseTo(y[i] === 0 ? 1 : 0.3, 12));
    const noisy = makeCircles({ nSamples: 2000, noise: 0.1, randomState: 0 });
    const resid = noisy.X.map(([a, b], i) => Math.hypot(a, b) - (noisy.y[i] === 0 ? 1 : 0.8));
    expect(Math.abs(mean(resid))).toBeLessThan(0.02);
    expect(() => makeCircles({ factor: 1 })).toThrow(/factor/);
  });
});

describe('makeRegression', () => {
  it('y = X·coef + bias exactly without noise, with nInformative non-zero coefficients', () => {
    const { X, y, coef } = makeRegression({ nSamples: 50, nFeatures: 8, nInformative: 3, bias: 2, randomState: 0 });
    expect(coef.filter((c) => c !== 0)).toHaveLength(3);
    expect(coef.every((c) => c >= 0 && c < 100)).toBe(true);
    X.forEach((r, i) => expect(r.reduce((s, v, j) => s + v * coef[j], 2)).toBeCloseTo(y[i], 10));
  });
  it('noise has the requested standard deviation', () => {
    const { X, y, coef } = makeRegression({ nSamples: 4000, nFeatures: 2, noise: 3, randomState: 1 });
    const resid = X.map((r, i) => y[i] - r.reduce((s, v, j) => s + v * coef[j], 0));
    expect(Math.abs(Math.sqrt(mean(resid.map((e) => e * e))) - 3)).toBeLessThan(0.15);
  });
});

describe('makeClassification', () => {
  it('has the requested shape, balance and label set', () => {
    const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 6, nClasses: 3, nInformative: 3, flipY: 0, randomState: 0 });
    expect(X.length).toBe(1000);
    expect(X[0]).toHaveLength(6);
    expect([count(y, 0), count(y, 1), count(y, 2)]).toEqual([334, 333, 333]);
  });
  it('redundant and repeated features add no rank; noise features do', () => {
    const { X } = makeClassification({ nSamples: 200, nFeatures: 9, nInformative: 3, nRedundant: 2, nRepeated: 2, shift: null, scale: null, randomState: 2 });
    // Centre the columns so the shift does not count as a direction.
    const means = X[0].map((_, j) => mean(X.map((r) => r[j])));
    const centred = X.map((r) => r.map((v, j) => v - means[j]));
    expect(matrixRank(centred)).toBe(3 + 2); // informative + useless (9 - 3 - 2 - 2)
  });
  it('weights set class proportions; classSep separates classes', () => {
    const { y } = makeClassification({ nSamples: 1000, weights: [0.9], flipY: 0, randomState: 0 });
    // 901, not 900: the last weight is 1 - 0.9 = 0.0999…, floored per cluster; the
    // remainder goes to the first clusters. sklearn 1.2 gives the same bincount [901, 99].
    expect(count(y, 0)).toBe(901);
    const far = makeClassification({ nSamples: 400, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, classSep: 10, flipY: 0, randomState: 3 });
    // With well-separated clusters, the class means are far apart.
    const m0 = [0, 1].map((j) => mean(far.X.filter((_, i) => far.y[i] === 0).map((r) => r[j])));
    const m1 = [0, 1].map((j) => mean(far.X.filter((_, i) => far.y[i] === 1).map((r) => r[j])));
    expect(Math.hypot(m0[0] - m1[0], m0[1] - m1[1])).toBeGreaterThan(10);
  });
  it('rejects impossible configurations', () => {
    expect(() => makeClassification({ nFeatures: 3 })).toThrow(/nFeatures \(3\)/);
    expect(() => makeClassification({ nClasses: 3, nInformative: 2 })).toThrow(/2\^nInformative/);
  });
});
