// The WebAssembly histogram kernel (src/tensor/backends/wasm/hist.c) against JavaScript:
// node histograms (and the subtraction from a parent's) against a plain sample-by-sample,
// feature-by-feature loop, bit for bit,
// for 16-bit and 32-bit positions and feature counts on both sides of its four-at-a-time
// step; and whole fits (trees, leaf values, predictions) on WebAssembly against the
// grower's own JavaScript loop (no kernel registered), bit for bit.
import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadDigits } from '../../src/datasets/index.js';
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../src/learn/index.js';
import type { HistTree } from '../../src/learn/ensemble/hist-grower.js';
import { Generator } from '../../src/random/index.js';
import { findKernel, kernelFor, useBackends } from '../../src/tensor/index.js';
import type { HistBuilderKernel } from '../../src/tensor/backends/wasm/hist.js';

function onBackends<T>(names: string[], fn: () => T): T {
  const prev = useBackends(names);
  try { return fn(); } finally { useBackends(prev); }
}

/** The bytes of a float64 array: equal bytes are equal bit for bit (−0 ≠ 0, NaN payloads too). */
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** The reference: each sample in row order, each feature in order, [G, H, count] += [g, h, 1]. */
function reference(slot: ArrayLike<number>, m: number, rows: Int32Array, start: number, end: number, g: Float64Array, h: Float64Array, size: number): Float64Array {
  const hist = new Float64Array(size);
  for (let p = start; p < end; p++) {
    const i = rows[p];
    for (let a = 0; a < m; a++) {
      const b = slot[i * m + a];
      hist[b] += g[i];
      hist[b + 1] += h[i];
      hist[b + 2] += 1;
    }
  }
  return hist;
}

describe('hist.c node histograms', () => {
  it('is the registered histBuilder kernel', () => {
    expect(kernelFor('histBuilder', 'float64')).toBe('wasm-simd');
  });

  const rng = new Generator(11);
  // [name, n, m features, bins per feature]: 16-bit positions, and 32-bit beyond 65,536 values.
  const cases: [string, number, number, number][] = [];
  for (let m = 1; m <= 9; m++) cases.push([`m = ${m}`, 97, m, 1 + (m * 5) % 17]);
  cases.push(['wide positions', 203, 70, 320]);
  for (const [name, n, m, nb] of cases) {
    it(`${name}: n = ${n}, ${nb} bins per feature`, () => {
      const size = 3 * m * nb;
      // Skewed bins (many samples in bin 0, as digits' blank pixels), each feature its own range.
      const at = Array.from({ length: n * m }, (_, t) => 3 * ((t % m) * nb + (rng.random() < 0.5 ? 0 : Math.floor(rng.random() * nb))));
      const slot = size > 65536 ? Int32Array.from(at) : Uint16Array.from(at);
      const g = Float64Array.from({ length: n }, () => Math.fround(rng.normal()));
      const h = Float64Array.from({ length: n }, () => Math.fround(rng.random() * 0.25));
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { // shuffled, as a partition leaves them
        const j = Math.floor(rng.random() * (i + 1));
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      const build = onBackends(['wasm-simd'], () => findKernel<HistBuilderKernel>('histBuilder', 'float64'))!(slot, m, g, h, size);
      for (const [start, end] of [[0, n], [5, 6], [3, 3], [17, n - 9]]) {
        const hist = new Float64Array(size).fill(NaN);
        build(rows, start, end, hist);
        const want = reference(slot, m, rows, start, end, g, h, size);
        expect(bytes(hist)).toBe(bytes(want));
        // Histogram subtraction: a parent (the whole node set) minus this child, in place.
        const parent = reference(slot, m, rows, 0, n, g, h, size);
        const left = parent.map((v, k) => v - want[k]);
        build(rows, start, end, hist, parent);
        expect(bytes(hist)).toBe(bytes(want));
        expect(bytes(parent)).toBe(bytes(left));
      }
    });
  }
});

describe('HistGradientBoosting grows the same trees on WebAssembly and in JavaScript', () => {
  const trees = (est: { predictors_: HistTree[][] }) => est.predictors_.flat().map((t) => [
    Array.from(t.left), Array.from(t.feature), bytes(t.threshold), Array.from(t.missingGoLeft), bytes(t.value), Array.from(t.count),
  ]);
  const both = <T>(fit: () => T): [T, T] => [onBackends(['wasm-simd'], fit), onBackends(['reference'], fit)];

  it('digits, ten classes', () => {
    const { data, target } = loadDigits();
    const X = (data as number[][]).slice(0, 400);
    const y = Array.from(target as ArrayLike<number>).slice(0, 400);
    const [w, js] = both(() => new HistGradientBoostingClassifier({ maxIter: 5, randomState: 0 }).fit(X, y));
    expect(trees(w)).toEqual(trees(js));
    expect(bytes(Float64Array.from((w.decisionFunction(X) as number[][]).flat()))).toBe(bytes(Float64Array.from((js.decisionFunction(X) as number[][]).flat())));
  });

  it('breast cancer with NaN, a regressor with sample weights', () => {
    const { data, target } = loadBreastCancer();
    const X = (data as number[][]).map((r, i) => r.map((v, j) => ((i * 7 + j * 13) % 11 === 0 ? NaN : v)));
    const y = Array.from(target as ArrayLike<number>);
    const sw = y.map((_, i) => 0.5 + (i % 3));
    const [w, js] = both(() => new HistGradientBoostingRegressor({ maxIter: 10, randomState: 0 }).fit(X, y, sw));
    expect(trees(w)).toEqual(trees(js));
    expect(bytes(Float64Array.from(w.predict(X)))).toBe(bytes(Float64Array.from(js.predict(X))));
  });
});
