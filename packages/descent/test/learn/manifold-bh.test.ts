// Barnes–Hut t-SNE, trustworthiness, Isomap and UMAP against scikit-learn 1.2.1 and SciPy
// 1.10.1 (tools/fixtures/manifold_bh.py writes manifold-bh.json).
//
// - The sparse P of Barnes–Hut is deterministic: equal to scikit-learn's to 1e-12.
// - The Barnes–Hut descent is not bit-for-bit scikit-learn's (its tree keeps float32 sums,
//   ours float64), so from the same initial embedding we ask for the final KL divergence
//   within 2% of scikit-learn's (we measured 0.03–0.9%) and the trustworthiness within 0.005.
// - trustworthiness and Isomap are deterministic: equal to 1e-12 (Isomap up to the sign of
//   each component).
// - There is no Python UMAP in Debian, so UMAP is checked against the paper's formulas (the
//   memberships, recomputed here from the definitions) and SciPy's curve fit for (a, b), and
//   its embedding must be about as trustworthy as scikit-learn's t-SNE on the same digits.
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../src/datasets/index.js';
import { Isomap, TSNE, UMAP, findAbParams, jointProbabilities, jointProbabilitiesNN, trustworthiness } from '../../src/learn/index.js';
import { klGradientBH } from '../../src/learn/manifold/barnes-hut.js';
import { klGradient } from '../../src/learn/manifold/tsne.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Fx {
  tsne: { n: number; perplexity: number; init: number[][]; kl: number; nIter: number; trust5: number; trust10: number }[];
  P: { X: number[][]; perplexity: number; P: { indptr: number[]; indices: number[]; data: number[] } };
  trust: { embedding: string; k: number; E: number[][]; value: number }[];
  iris: number[][];
  isomap: { name: string; X: number[][]; Xnew: number[][]; nNeighbors: number; nComponents: number; embedding: number[][]; reconstructionError: number; transform: number[][]; geodesic: number[][] }[];
  umap: { ab: { spread: number; minDist: number; ab: [number, number] }[]; tsneTrust: { n: number; trust5: number; trust10: number }[] };
}
const fx = loadFixture<Fx>('manifold-bh.json');
const digits = loadDigits().data as number[][];

describe('TSNE Barnes–Hut', () => {
  it("P from 3·perplexity neighbours equals scikit-learn's _joint_probabilities_nn", () => {
    const { X, perplexity, P: want } = fx.P;
    const P = jointProbabilitiesNN({ data: Float64Array.from(X.flat()), rows: X.length, cols: X[0].length }, perplexity);
    expect(Array.from(P.indptr)).toEqual(want.indptr);
    expect(Array.from(P.indices)).toEqual(want.indices);
    want.data.forEach((v, t) => expect(Math.abs(P.data[t] - v), `P.data[${t}]`).toBeLessThanOrEqual(1e-12 * v));
  });

  for (const c of fx.tsne) {
    it(`KL and trustworthiness near scikit-learn's on ${c.n} digits, perplexity ${c.perplexity}`, () => {
      const X = digits.slice(0, c.n);
      const m = new TSNE({ perplexity: c.perplexity, init: c.init }).fit(X);
      expect(Math.abs(m.klDivergence_ - c.kl) / c.kl).toBeLessThan(0.02);
      expect(m.nIter_).toBe(c.nIter);
      expect(Math.abs(trustworthiness(X, m.embedding_, 5) - c.trust5)).toBeLessThan(0.005);
      expect(Math.abs(trustworthiness(X, m.embedding_, 10) - c.trust10)).toBeLessThan(0.005);
    });
  }

  it('embeds in 3-D with an octree, and refuses 4 components', () => {
    const X = digits.slice(0, 150);
    const m = new TSNE({ nComponents: 3, perplexity: 10, randomState: 0, nIter: 300 }).fit(X);
    expect(m.embedding_[0]).toHaveLength(3);
    expect(trustworthiness(X, m.embedding_, 5)).toBeGreaterThan(0.9);
    expect(() => new TSNE({ nComponents: 4 }).fit(X)).toThrow(/barnes_hut' works with nComponents <= 3.*Use method 'exact'/);
  });

  it('with angle 0 the tree gradient is the exact one; with 0.5 it is close', () => {
    const X = digits.slice(0, 60);
    const n = X.length;
    const M = { data: Float64Array.from(X.flat()), rows: n, cols: 64 };
    // perplexity 20: 3·20 + 1 ≥ n − 1, so every pair is a neighbour and both P agree.
    const Pd = jointProbabilities(M, 20);
    const Ps = jointProbabilitiesNN(M, 20);
    const Y = Float32Array.from({ length: 2 * n }, (_, t) => 5 * Math.sin(1.7 * t + 0.3) + Math.cos(t));
    const exact = new Float32Array(2 * n);
    const klExact = klGradient(Y, Pd, n, 2, 1, exact, true);
    const scale = Math.max(...exact.map(Math.abs));
    for (const [angle, tol] of [[0, 1e-5], [0.5, 0.05]] as const) {
      const bh = new Float32Array(2 * n);
      const kl = klGradientBH(Y, Ps, n, 2, 1, angle, bh, true);
      expect(Math.abs(kl - klExact) / klExact, `KL at angle ${angle}`).toBeLessThan(tol);
      bh.forEach((g, t) => expect(Math.abs(g - exact[t]) / scale, `grad[${t}] at angle ${angle}`).toBeLessThan(tol));
    }
  });
});

describe('trustworthiness equals sklearn.manifold.trustworthiness', () => {
  for (const c of fx.trust) {
    it(`${c.embedding}, k = ${c.k}`, () => {
      expect(Math.abs(trustworthiness(fx.iris, c.E, c.k) - c.value)).toBeLessThan(1e-12);
    });
  }
  it('names the problem when k is too large', () => {
    expect(() => trustworthiness(fx.iris, fx.iris, 75)).toThrow(/trustworthiness: nNeighbors \(75\) should be less than nSamples \/ 2/);
  });
});

describe('Isomap equals scikit-learn up to the sign of each component', () => {
  for (const c of fx.isomap) {
    it(`${c.name}, k = ${c.nNeighbors}, ${c.nComponents} components`, () => {
      const m = new Isomap({ nNeighbors: c.nNeighbors, nComponents: c.nComponents }).fit(c.X);
      c.geodesic.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(m.distMatrix_[i][j] - v)).toBeLessThan(1e-10 * (1 + v))));
      const scale = Math.max(...c.embedding.flat().map(Math.abs));
      for (let col = 0; col < c.nComponents; col++) {
        const sign = Math.sign(c.embedding.reduce((s, r, i) => s + r[col] * m.embedding_[i][col], 0));
        c.embedding.forEach((r, i) => expect(Math.abs(sign * m.embedding_[i][col] - r[col])).toBeLessThan(1e-8 * scale));
        const t = m.transform(c.Xnew);
        c.transform.forEach((r, i) => expect(Math.abs(sign * t[i][col] - r[col])).toBeLessThan(1e-8 * scale));
      }
      expect(m.reconstructionError()).toBeCloseTo(c.reconstructionError, 8);
    });
  }
  it('needs fewer neighbours than samples', () => {
    expect(() => new Isomap({ nNeighbors: 10 }).fit(fx.iris.slice(0, 10))).toThrow(/Isomap: nNeighbors \(10\) must be less than nSamples \(10\)/);
  });
});

describe('UMAP', () => {
  it("(a, b) of the embedding curve equal SciPy's curve_fit", () => {
    for (const { spread, minDist, ab } of fx.umap.ab) {
      const { a, b } = findAbParams(spread, minDist);
      expect(Math.abs(a - ab[0])).toBeLessThan(1e-5 * ab[0]);
      expect(Math.abs(b - ab[1])).toBeLessThan(1e-5 * ab[1]);
    }
  });

  it("memberships follow the paper's definitions (McInnes et al. 2018, §3.1)", () => {
    const X = digits.slice(0, 200).map((r, i) => r.map((v, j) => v + 0.01 * Math.sin(7 * i + j))); // no distance ties
    const k = 15;
    const m = new UMAP({ nNeighbors: k, nEpochs: 5, randomState: 0 }).fit(X);
    const n = X.length;
    const dist = (i: number, j: number) => Math.sqrt(X[i].reduce((s, v, f) => s + (v - X[j][f]) ** 2, 0));
    // Directed memberships from the definitions: the k − 1 nearest others of i (k counts i
    // itself), ρ_i the nearest distance, σ_i solving Σ_j exp(−max(0, d_ij − ρ_i)/σ_i) = log₂ k,
    // here by plain bisection.
    const w: Map<number, number>[] = [];
    for (let i = 0; i < n; i++) {
      const nbrs = [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => dist(i, a) - dist(i, b)).slice(0, k - 1);
      const rho = dist(i, nbrs[0]);
      let lo = 0, hi = 1e6;
      for (let s = 0; s < 200; s++) {
        const mid = (lo + hi) / 2;
        const sum = nbrs.reduce((acc, j) => acc + Math.exp(-Math.max(0, dist(i, j) - rho) / mid), 0);
        if (sum > Math.log2(k)) hi = mid; else lo = mid;
      }
      const sigma = (lo + hi) / 2;
      w.push(new Map(nbrs.map((j) => [j, Math.exp(-Math.max(0, dist(i, j) - rho) / sigma)])));
    }
    const G = m.graph_;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      for (let t = G.indptr[i]; t < G.indptr[i + 1]; t++) {
        const j = G.indices[t];
        const a = w[i].get(j) ?? 0;
        const b = w[j].get(i) ?? 0;
        // Probabilistic t-conorm (fuzzy union): a + b − a·b.
        expect(Math.abs(G.data[t] - (a + b - a * b)), `v[${i}][${j}]`).toBeLessThan(1e-5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(n * (k - 1));
  });

  for (const ref of fx.umap.tsneTrust) {
    it(`on ${ref.n} digits it is about as trustworthy as scikit-learn's t-SNE (within 0.02)`, () => {
      const X = digits.slice(0, ref.n);
      const Y = new UMAP({ randomState: 0 }).fitTransform(X);
      const t5 = trustworthiness(X, Y, 5);
      const t10 = trustworthiness(X, Y, 10);
      expect(t5).toBeGreaterThan(ref.trust5 - 0.02);
      expect(t10).toBeGreaterThan(ref.trust10 - 0.02);
    });
  }

  it('seeded runs reproduce; minDist above spread is refused', () => {
    const X = digits.slice(0, 80);
    expect(new UMAP({ randomState: 1, nEpochs: 30 }).fitTransform(X)).toEqual(new UMAP({ randomState: 1, nEpochs: 30 }).fitTransform(X));
    expect(() => new UMAP({ minDist: 2 }).fit(X)).toThrow(/UMAP: minDist \(2\) must be at most spread \(1\)/);
  });
});
