// The WebAssembly k-means kernels (src/tensor/backends/wasm/kmeans.c) against the JavaScript
// they replace: the assignment pass against assignLabelsGemm (on the wasm matmul), the
// M-step sums against updateCenters' loop, Elkan's pass against kmeansElkan's loop,
// k-means++'s candidate products against gemm. The same
// labels, sums, centres, inertia and iterations, bit for bit, for sizes that cut through
// their blocks (odd n, every k from 1 to 17, d on both sides of matmul.c's depth block 256).
import { describe, expect, it } from 'vitest';
import { assignLabels, assignLabelsGemm, kmeansElkan, updateCenters } from '../../src/learn/cluster/kmeans-single.js';
import { loadDigits } from '../../src/datasets/index.js';
import { Generator } from '../../src/random/index.js';
import { findKernel, kernelFor, useBackends } from '../../src/tensor/index.js';
import { gemm } from '../../src/linalg/matrix.js';
import type { KMeansDotsKernel } from '../../src/tensor/backends/wasm/kmeans.js';

function onBackends<T>(names: string[], fn: () => T): T {
  const prev = useBackends(names);
  try { return fn(); } finally { useBackends(prev); }
}
const onWasm = <T>(fn: () => T) => onBackends(['wasm-simd'], fn);

function pass(run: typeof assignLabels, X: Float64Array, w: Float64Array, n: number, d: number, k: number, C: Float64Array) {
  const labels = new Int32Array(n).fill(-1);
  const sums = { out: new Float64Array(k * d).fill(NaN), weight: new Float64Array(k).fill(NaN) };
  onWasm(() => run({ X, n, d, k, w }, C, labels, sums));
  const alone = new Int32Array(n).fill(-1);
  onWasm(() => run({ X, n, d, k, w: new Float64Array(0) }, C, alone));
  return { labels: Array.from(labels), sums: Array.from(sums.out), weight: Array.from(sums.weight), alone: Array.from(alone) };
}

describe('kmeans.c assignment pass', () => {
  it('is the registered kmeansAssign, kmeansSums and kmeansElkan kernel', () => {
    expect(kernelFor('kmeansAssign', 'float64')).toBe('wasm-simd');
    expect(kernelFor('kmeansSums', 'float64')).toBe('wasm-simd');
    expect(kernelFor('kmeansElkan', 'float64')).toBe('wasm-simd');
    expect(kernelFor('kmeansDots', 'float64')).toBe('wasm-simd');
  });

  const rng = new Generator(7);
  const digits = Float64Array.from((loadDigits().data as number[][]).flat());
  const cases: [string, number, number, number][] = [['digits', 1797, 64, 10], ['one sample', 1, 5, 1], ['d = 2', 257, 2, 13]];
  for (let k = 1; k <= 17; k++) cases.push([`random k = ${k}`, 61 + (k % 2), [3, 255, 256, 257, 513][k % 5], k]);
  for (const [name, n, d, k] of cases) {
    it(`${name}: n = ${n}, d = ${d}, k = ${k}`, () => {
      const X = name === 'digits' ? digits : Float64Array.from({ length: n * d }, () => rng.normal() * 3);
      const w = Float64Array.from({ length: n }, () => rng.random() + 0.5);
      // Centres drawn from the samples (with noise), so clusters are neither empty nor all one.
      const C = Float64Array.from({ length: k * d }, (_, t) => X[((t / d) | 0) * 7 % n * d + (t % d)] + rng.normal() * 0.1);
      const ours = pass(assignLabels, X, w, n, d, k, C);
      const ref = pass(assignLabelsGemm, X, w, n, d, k, C);
      expect(ours.labels).toEqual(ref.labels);
      expect(ours.alone).toEqual(ref.labels);
      expect(ours.sums).toEqual(ref.sums); // toEqual compares numbers with Object.is: bit for bit here
      expect(ours.weight).toEqual(ref.weight);
      if (k > 1 && n > 1) expect(new Set(ref.labels).size).toBeGreaterThan(1);
      // Elkan's M-step from these labels (empty clusters, if any, relocated the same way).
      const labels = Int32Array.from(ref.labels);
      const step = (backends: string[]) => onBackends(backends, () => {
        const out = new Float64Array(k * d).fill(NaN);
        const shift = updateCenters({ X, n, d, k, w }, C, labels, out);
        return [...out, ...shift];
      });
      expect(step(['wasm-simd'])).toEqual(step(['js-blocked']));
      // Elkan's whole run from these centres: its passes in kmeans.c, or in JavaScript.
      const elkan = (backends: string[]) => onBackends(backends, () => {
        const r = kmeansElkan({ X, n, d, k, w }, C, 50, 0);
        return { labels: Array.from(r.labels), centers: Array.from(r.centers), inertia: r.inertia, nIter: r.nIter };
      });
      const ran = elkan(['wasm-simd']);
      expect(ran).toEqual(elkan(['js-blocked']));
      if (name === 'digits') expect(ran.nIter).toBeGreaterThan(5);
      // k-means++'s product with m candidate centres (k of them here), against gemm's.
      const Ct = Float64Array.from({ length: d * k }, (_, t) => C[(t % k) * d + ((t / k) | 0)]);
      const product = (viaKernel: boolean) => onWasm(() => {
        const out = new Float64Array(n * k).fill(NaN);
        if (viaKernel) findKernel<KMeansDotsKernel>('kmeansDots', 'float64')!(X, n, d, Ct, k, out);
        else gemm(X, Ct, out, n, d, k);
        return Array.from(out);
      });
      expect(product(true)).toEqual(product(false));
    });
  }
});
