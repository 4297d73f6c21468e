// The k-d tree equals brute force exactly (same neighbours, same order, ties included) on
// random data full of duplicates and ties, for every Minkowski metric, both splitters and
// any leaf size (fast-check). Distances themselves are checked against scikit-learn in
// neighbors.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KDTree, resolveMetric } from '../../src/learn/index.js';
import { bruteKnn, bruteRadius } from '../../src/learn/neighbors/brute.js';

const metrics = [
  { metric: 'euclidean' as const, p: 2 }, { metric: 'manhattan' as const, p: 1 }, { metric: 'chebyshev' as const, p: Infinity },
  { metric: 'minkowski' as const, p: 3 }, { metric: 'minkowski' as const, p: 1.5 },
];

// Small integer coordinates (many exact ties and duplicates) or continuous ones.
const dataset = fc.record({
  d: fc.integer({ min: 1, max: 4 }),
  n: fc.integer({ min: 1, max: 60 }),
  integer: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1e6 }),
}).map(({ d, n, integer, seed }) => {
  let s = seed + 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const point = () => Array.from({ length: d }, () => (integer ? Math.floor(rand() * 4) : rand() * 10 - 5));
  return { X: Array.from({ length: n }, point), Q: Array.from({ length: 5 }, point), d };
});

describe('KDTree equals brute force', () => {
  it('kNN and radius queries, every metric, both splitters, any leaf size (fast-check)', () => {
    fc.assert(fc.property(
      dataset, fc.constantFrom(...metrics), fc.constantFrom('median' as const, 'sliding_midpoint' as const),
      fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 3, noNaN: true }),
      ({ X, Q, d }, m, splitter, leafSize, kWanted, r) => {
        const tree = new KDTree(X, { ...m, splitter, leafSize });
        const k = Math.min(kWanted, X.length);
        const metric = resolveMetric(m.metric, m.p);
        const flat = Float64Array.from(X.flat());
        const q = Float64Array.from(Q.flat());
        const brute = bruteKnn(flat, X.length, d, q, Q.length, k, metric);
        const got = tree.query(Q, k);
        expect(got.indices).toEqual(brute.index);
        expect(got.distances).toEqual(brute.rdist.map((row) => row.map((v) => metric.toDist(v))));
        const rb = bruteRadius(flat, X.length, d, q, Q.length, metric.toRdist(r), metric);
        expect(tree.queryRadius(Q, r).indices).toEqual(rb.index);
      },
    ), { numRuns: 300 });
  });

  it('ties are broken by the lower index, and sliding midpoint copes with duplicates', () => {
    const X = [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1], [0, 0], [0, 0]];
    for (const splitter of ['median', 'sliding_midpoint'] as const) {
      const tree = new KDTree(X, { leafSize: 1, splitter });
      expect(tree.query([[0, 0]], 5).indices).toEqual([[0, 5, 6, 1, 2]]);
      expect(tree.queryRadius([[0, 0]], 1, { sortResults: true }).indices).toEqual([[0, 5, 6, 1, 2, 3, 4]]);
      expect(tree.nNodes).toBeGreaterThan(1);
    }
    const same = new KDTree([[1, 1], [1, 1], [1, 1]], { leafSize: 1 });
    expect(same.nNodes).toBe(1); // identical points cannot be split
  });

  it('doc example and clear errors', () => {
    const tree = new KDTree([[0, 0], [1, 0], [0, 2], [5, 5]], { leafSize: 1 });
    expect(tree.query([[0.9, 0.1]], 2).indices).toEqual([[1, 0]]);
    expect(tree.queryRadius([[0, 0]], 1.5)).toEqual({ indices: [[0, 1]], distances: [[0, 1]] });
    expect(() => tree.query([[0, 0]], 5)).toThrow(/k must be an integer in \[1, 4\]/);
    expect(() => tree.query([[0, 0, 0]], 1)).toThrow(/3 features but the tree was built on 2/);
    expect(() => new KDTree([[0]], { p: 0.5 })).toThrow(/p must be >= 1/);
    expect(() => new KDTree([[0]], { metric: 'cosine' as never })).toThrow(/use brute force/);
  });
});
