// Euclidean brute force filters candidates with the matmul expansion ‖q‖² − 2q·x + ‖x‖²
// (float32) and then computes the survivors' distances directly. Its answer must be the
// plain direct scan's, bit for bit and tie for tie, whatever the scale of the data: the
// reference here is that scan written out, over data full of duplicates and near-ties,
// shifted far from the origin (where the expansion cancels badly), tiny (float32
// underflow) and huge (beyond float32, where the search falls back to the direct scan).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveMetric } from '../../src/learn/index.js';
import { bruteKnn, bruteRadius } from '../../src/learn/neighbors/brute.js';

const euclidean = resolveMetric('euclidean');

/** The k nearest by Σ(qⱼ − xⱼ)², ties by lower index: a full sort of every distance. */
function directKnn(X: Float64Array, rows: number, d: number, Q: Float64Array, qRows: number, k: number) {
  const rdist: number[][] = [];
  const index: number[][] = [];
  for (let q = 0; q < qRows; q++) {
    const all = Array.from({ length: rows }, (_, t) => ({ t, r: euclidean.rdist(Q, q, X, t, d) }));
    all.sort((a, b) => a.r - b.r || a.t - b.t);
    rdist.push(all.slice(0, k).map((e) => e.r));
    index.push(all.slice(0, k).map((e) => e.t));
  }
  return { rdist, index };
}

const data = fc.record({
  d: fc.integer({ min: 1, max: 70 }),
  n: fc.integer({ min: 1, max: 80 }),
  levels: fc.constantFrom(2, 3, 1000),
  scale: fc.constantFrom(1, 1e-30, 1e-160, 1e8, 1e30, 1e200),
  shift: fc.constantFrom(0, 1e6),
  seed: fc.integer({ min: 0, max: 1e6 }),
}).map(({ d, n, levels, scale, shift, seed }) => {
  let s = seed + 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  // Few levels: many duplicates and exact ties; 1000 levels: near-ties.
  const row = () => Array.from({ length: d }, () => shift + scale * Math.floor(rand() * levels));
  const X = Array.from({ length: n }, row);
  const Q = [...Array.from({ length: 6 }, row), ...X.slice(0, 2)];
  return { X: Float64Array.from(X.flat()), Q: Float64Array.from(Q.flat()), n, qn: Q.length, d };
});

describe('euclidean brute force through the matmul expansion', () => {
  it('equals the direct scan exactly: neighbours, order, ties and radius sets (fast-check)', () => {
    fc.assert(fc.property(data, fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 2, noNaN: true }), ({ X, Q, n, qn, d }, kWanted, frac) => {
      const k = Math.min(kWanted, n);
      const got = bruteKnn(X, n, d, Q, qn, k, euclidean);
      const want = directKnn(X, n, d, Q, qn, k);
      expect(got.index).toEqual(want.index);
      expect(got.rdist).toEqual(want.rdist);
      // A radius at a fraction of the k-th distance: boundary points tie with it exactly.
      const rr = want.rdist[0][k - 1] * frac;
      const radius = bruteRadius(X, n, d, Q, qn, rr, euclidean);
      for (let q = 0; q < qn; q++) {
        const inside = Array.from({ length: n }, (_, t) => t).filter((t) => euclidean.rdist(Q, q, X, t, d) <= rr);
        expect(radius.index[q]).toEqual(inside);
      }
    }), { numRuns: 200 });
  });

  it('keeps the lower index among points tied for the last place', () => {
    // Four points at distance 1 from the origin, the origin twice: k = 3 takes 0, 5 and then 1.
    const X = Float64Array.from([0, 0, 1, 0, 0, 1, -1, 0, 0, -1, 0, 0].map((v) => v + 1e6));
    const Q = Float64Array.from([1e6, 1e6]);
    expect(bruteKnn(X, 6, 2, Q, 1, 3, euclidean).index).toEqual([[0, 5, 1]]);
  });
});
