// Rank-deficient input that once made one-sided Jacobi chase rounding noise until it gave up:
// a centred one-hot block (its columns sum to zero), as LinearRegression builds from binned
// features with an intercept.
import { describe, expect, it } from 'vitest';
import { svd } from '../../src/linalg/index.js';
import { LinearRegression } from '../../src/learn/index.js';
import { Generator } from '../../src/random/index.js';

function oneHotBins(n: number, bins: number, seed: number): { X: number[][]; bin: number[] } {
  const g = new Generator(seed);
  const bin = Array.from({ length: n }, () => g.integers(0, bins)).sort((a, b) => a - b);
  return { X: bin.map((b) => Array.from({ length: bins }, (_, k) => (k === b ? 1 : 0))), bin };
}

describe('svd of rank-deficient matrices', () => {
  for (const [n, bins, seed] of [[300, 10, 7], [120, 6, 1], [1000, 25, 3]]) {
    it(`a centred ${n}×${bins} one-hot block: rank ${bins - 1}, and U·S·Vᵀ reproduces it`, () => {
      const { X } = oneHotBins(n, bins, seed);
      const mean = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / n);
      const Xc = X.map((r) => r.map((v, j) => v - mean[j]));
      const { U, S, Vt } = svd(Xc);
      const s = S.toArray() as number[];
      expect(s[bins - 1]).toBeLessThan(1e-12 * s[0]);
      expect(s[bins - 2]).toBeGreaterThan(0.1);
      const u = U.toArray() as number[][], vt = Vt.toArray() as number[][];
      let err = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < bins; j++) {
        let v = 0;
        for (let k = 0; k < bins; k++) v += u[i][k] * s[k] * vt[k][j];
        err = Math.max(err, Math.abs(v - Xc[i][j]));
      }
      expect(err).toBeLessThan(1e-12);
    });
  }

  it('LinearRegression on one-hot bins with an intercept predicts each bin’s mean', () => {
    const { X, bin } = oneHotBins(300, 10, 7);
    const g = new Generator(11);
    const y = bin.map((b) => Math.sin(b) + g.normal(0, 0.3));
    const pred = new LinearRegression().fit(X, y).predict(X);
    for (let b = 0; b < 10; b++) {
      const idx = bin.map((v, i) => (v === b ? i : -1)).filter((i) => i >= 0);
      const m = idx.reduce((s, i) => s + y[i], 0) / idx.length;
      for (const i of idx) expect(Math.abs(pred[i] - m)).toBeLessThan(1e-10);
    }
  });
});
